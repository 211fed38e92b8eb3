import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeHj212Packet, formatHj212Time, formatQn, frameHj212DataSegment } from '../../../src/standards/hj212';
import { buildUpload, connectLogger } from '../../../src/server/modules/gateway';
import { makeSignedInUser } from '../../helpers/identity';
import { testDialects } from '../../helpers/dialects';
import { startGatewayHarness, type GatewayHarness } from './gateway-harness';

const HOUR = 3_600_000;
const frame = (segment: string): Uint8Array => {
  const result = frameHj212DataSegment(segment);
  if (!result.ok) throw new Error(result.error.message);
  return result.packet.bytes;
};
const concat = (...parts: (Uint8Array | string)[]): Buffer => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

for (const dialect of testDialects()) {
  describe(`HJ 212 gateway over TCP (${dialect})`, () => {
    let h: GatewayHarness;
    const now = Date.now();
    const lastHour = Math.floor(now / HOUR) * HOUR - HOUR;

    beforeAll(async () => {
      // A small cap so that "oversized" is cheap to send; 1024 < cap keeps long packets legal.
      h = await startGatewayHarness(dialect, { GATEWAY_MAX_PACKET_BYTES: '2048' });
    });
    afterAll(async () => h?.close());

    it('acks exactly when the Flag asks, echoing the QN, and only once the readings are stored', async () => {
      await h.registerStation('ACKTEST0001');
      const client = await connectLogger('127.0.0.1', h.port);
      const wanted = buildUpload({ mn: 'ACKTEST0001', st: '32', cn: '2061', qnAt: now, dataTime: lastHour, values: { w01018: 23.5, w21003: 1.25 } });
      const unwanted = buildUpload({ mn: 'ACKTEST0001', st: '32', cn: '2061', qnAt: now + 1, dataTime: lastHour - HOUR, values: { w01018: 20 }, ackRequested: false });
      // 2005 style: no QN, no Flag — stored, never acked (hj212.md §8.4).
      const legacy = frame(`ST=32;CN=2011;PW=123456;MN=ACKTEST0001;CP=&&DataTime=${formatHj212Time(now - 60_000)};011-Rtd=231.0,011-Flag=N&&`);
      let readingsAtAck = -1;
      const acked = new Promise<void>((resolve) => {
        client.socket.once('data', () => {
          void h.readingCount().then((count) => {
            readingsAtAck = count;
            resolve();
          });
        });
      });
      client.send(concat(wanted.bytes, unwanted.bytes, legacy));
      const [ack] = await client.waitForReplies(1);
      await acked;
      expect(ack).toMatchObject({ cn: '9014', qn: wanted.qn, st: '91', mn: 'ACKTEST0001', pw: '123456', flagText: '4' });
      expect(ack!.cpText).toBe('');
      expect(readingsAtAck).toBeGreaterThanOrEqual(2);

      await h.waitForStatus((s) => s.totals.readingsCommitted >= 4);
      await sleep(150);
      expect(client.replies).toHaveLength(1);
      const rows = await h.t.ctx.database.db.selectFrom('monitoring_readings').selectAll().orderBy('observed_at').orderBy('parameter_code').execute();
      expect(rows.map((row) => [row.parameter_code, row.interval, Number(row.observed_at), row.value, row.flag, row.source])).toEqual([
        ['w01018', 'hour', lastHour - HOUR, 20, 'N', 'gateway'],
        ['w01018', 'hour', lastHour, 23.5, 'N', 'gateway'],
        ['w21003', 'hour', lastHour, 1.25, 'N', 'gateway'],
        // 2005 code 011 normalised to w01018; DataTime read as Beijing time.
        ['w01018', 'rt', Math.floor((now - 60_000) / 1000) * 1000, 231, 'N', 'gateway'],
      ].sort((a, b) => (a[2] as number) - (b[2] as number) || String(a[0]).localeCompare(String(b[0]))));

      // Resending the same packet stores nothing new and is acked again.
      client.send(wanted.bytes);
      await client.waitForReplies(2);
      expect(await h.readingCount()).toBe(4);
      await client.close();
    });

    it('answers a 1013 time-calibration request with 9013 and a 1012, and never answers heartbeats or answers', async () => {
      const client = await connectLogger('127.0.0.1', h.port);
      const qn = formatQn(now);
      const request = encodeHj212Packet({ qn, st: '32', cn: '1013', pw: '123456', mn: 'ACKTEST0001', flag: 5, cp: {} });
      const heartbeat = frame('ST=32;CN=8013;PW=123456;MN=ACKTEST0001;Flag=5;CP=&&HeartbeatTime=120&&');
      const answer = encodeHj212Packet({ qn: formatQn(now - 5), st: '32', cn: '9011', pw: '123456', mn: 'ACKTEST0001', flag: 5, cp: { QnRtn: '1' } });
      if (!request.ok || !answer.ok) throw new Error('encode');
      client.send(concat(heartbeat, answer.packet.bytes, request.packet.bytes));
      const replies = await client.waitForReplies(2);
      expect(replies[0]).toMatchObject({ cn: '9013', qn, st: '91' });
      expect(replies[1]).toMatchObject({ cn: '1012', mn: 'ACKTEST0001' });
      expect(Math.abs(parseInt(replies[1]!.cp.SystemTime!.slice(8, 10), 10) - Number(formatHj212Time(Date.now()).slice(8, 10)))).toBeLessThanOrEqual(1);
      await sleep(100);
      expect(client.replies).toHaveLength(2);
      await client.close();
    });

    it('quarantines an unknown MN with its raw packets (acked once stored) and re-ingests them on assignment', async () => {
      const client = await connectLogger('127.0.0.1', h.port);
      const first = buildUpload({ mn: 'UNKNOWN00077', st: '32', cn: '2061', qnAt: now, dataTime: lastHour, values: { w01018: 11, w21003: 0.5 } });
      const second = buildUpload({ mn: 'UNKNOWN00077', st: '32', cn: '2011', qnAt: now + 1, dataTime: now - 1000, values: { w01018: 12 } });
      client.send(concat(first.bytes, second.bytes));
      const replies = await client.waitForReplies(2);
      expect(replies.map((reply) => reply.qn).sort()).toEqual([first.qn, second.qn].sort());
      const before = await h.readingCount();

      const list = await h.t.app.inject({ method: 'GET', url: '/api/v1/gateway/quarantine?status=pending', headers: h.admin.headers() });
      expect(list.statusCode).toBe(200);
      const item = list.json().items.find((entry: { mn: string }) => entry.mn === 'UNKNOWN00077');
      expect(item).toMatchObject({ status: 'pending', packetCount: 2, storedPackets: 2, lastCn: '2011', lastSt: '32' });
      expect(item.lastRaw).toContain('MN=UNKNOWN00077');
      expect(item.lastRaw.startsWith('##')).toBe(true);

      // Only gateway:manage may see or assign the quarantine.
      const analyst = await makeSignedInUser(h.t.app, h.t.ctx, { organisationId: h.organisationId, roles: ['analyst'] });
      const denied = await h.t.app.inject({ method: 'GET', url: '/api/v1/gateway/quarantine', headers: analyst.session.headers() });
      expect(denied.statusCode).toBe(403);
      const deniedAssign = await h.t.app.inject({
        method: 'POST',
        url: `/api/v1/gateway/quarantine/${item.id}/assign`,
        headers: analyst.session.headers(true),
        payload: { stationId: item.id },
      });
      expect(deniedAssign.statusCode).toBe(403);

      const stationId = await h.registerStation('OTHERMN00077');
      const missing = await h.t.app.inject({
        method: 'POST',
        url: `/api/v1/gateway/quarantine/${item.id}/assign`,
        headers: h.admin.headers(true),
        payload: { stationId: '01900000-0000-7000-8000-000000000000' },
      });
      expect(missing.statusCode).toBe(422);
      const assigned = await h.t.app.inject({
        method: 'POST',
        url: `/api/v1/gateway/quarantine/${item.id}/assign`,
        headers: h.admin.headers(true),
        payload: { stationId },
      });
      expect(assigned.statusCode).toBe(200);
      expect(assigned.json()).toMatchObject({ mn: 'UNKNOWN00077', stationId, packetsReplayed: 2, packetsRejected: 0, readingsInserted: 3, readingsDuplicate: 0 });
      expect(await h.readingCount()).toBe(before + 3);
      const again = await h.t.app.inject({ method: 'POST', url: `/api/v1/gateway/quarantine/${item.id}/assign`, headers: h.admin.headers(true), payload: { stationId } });
      expect(again.statusCode).toBe(409);

      const audit = await h.t.ctx.database.db.selectFrom('audit_events').select(['action', 'object_id', 'actor_user_id']).where('action', '=', 'gateway.quarantine.assign').execute();
      expect(audit).toEqual([{ action: 'gateway.quarantine.assign', object_id: item.id, actor_user_id: h.adminUserId }]);

      // From now on the MN routes to the station directly.
      const third = buildUpload({ mn: 'UNKNOWN00077', st: '32', cn: '2061', qnAt: now + 2, dataTime: lastHour - HOUR, values: { w01018: 13 } });
      client.send(third.bytes);
      await client.waitForReplies(3);
      expect(await h.readingCount()).toBe(before + 4);
      const station = await h.t.ctx.database.db.selectFrom('monitoring_stations').select('station_key').where('id', '=', stationId).executeTakeFirstOrThrow();
      const stored = await h.t.ctx.database.db.selectFrom('monitoring_readings').select('value').where('station_key', '=', station.station_key).execute();
      expect(stored.map((row) => row.value).sort()).toEqual([0.5, 11, 12, 13]);
      await client.close();
    });

    it('keeps a connection and the valid packets around truncated, oversized, corrupted, garbage and semantically bad packets', async () => {
      await h.registerStation('BADINPUT0001');
      const client = await connectLogger('127.0.0.1', h.port);
      const valid = (i: number, hoursAgo: number) =>
        buildUpload({ mn: 'BADINPUT0001', st: '32', cn: '2061', qnAt: now + 100 + i, dataTime: lastHour - hoursAgo * HOUR, values: { w01018: i, w21003: i / 10 } });
      const good = [0, 1, 2, 3, 4, 5, 6].map((i) => valid(i, i));
      const truncated = good[1]!.bytes.subarray(0, 60); // cut off mid-packet, then the next packet follows
      const corrupted = Buffer.from(valid(90, 20).bytes);
      corrupted[40] = corrupted[40] === 0x31 ? 0x32 : 0x31; // one digit changed in flight: CRC no longer matches
      const oversized = concat('##3000QN=1;', 'x'.repeat(3000)); // length over the 2048 cap
      const future = frame(`QN=${formatQn(now)};ST=32;CN=2061;PW=123456;MN=BADINPUT0001;Flag=5;CP=&&DataTime=${formatHj212Time(now + 2 * HOUR)};w01018-Avg=1,w01018-Flag=N&&`);
      const unparsable = frame(`QN=${formatQn(now + 1)};ST=32;CN=2061;PW=123456;MN=BADINPUT0001;Flag=5;CP=&&DataTime=20261345250000;w01018-Avg=1&&`);
      const nonNumeric = frame(
        `QN=${formatQn(now + 2)};ST=32;CN=2061;PW=123456;MN=BADINPUT0001;Flag=5;CP=&&DataTime=${formatHj212Time(lastHour - 30 * HOUR)};w01018-Avg=abc,w01018-Flag=N;w21003-Avg=0.75,w21003-Flag=N&&`,
      );
      const notClosed = frame(`QN=${formatQn(now + 3)};ST=32;CN=2061;PW=123456;MN=BADINPUT0001;Flag=5;CP=&&DataTime=${formatHj212Time(lastHour)};w01018-Avg=1`);
      client.send(
        concat(
          good[0]!.bytes,
          '##test garbage\r\n\x00\x01\xff modbus 01 03 00 00',
          truncated,
          good[2]!.bytes,
          corrupted,
          good[3]!.bytes,
          oversized,
          good[4]!.bytes,
          future,
          unparsable,
          nonNumeric,
          notClosed,
          good[5]!.bytes,
        ),
      );
      const replies = await client.waitForReplies(5);
      await sleep(200);
      // Acks: the five good packets that arrived intact plus the packet with one bad value (its other value is stored).
      const ackedQns = client.replies.map((reply) => reply.qn);
      expect(ackedQns.sort()).toEqual([good[0]!.qn, good[2]!.qn, good[3]!.qn, good[4]!.qn, good[5]!.qn, formatQn(now + 2)].sort());
      expect(replies.every((reply) => reply.cn === '9014')).toBe(true);

      // The same connection is still healthy.
      client.send(good[6]!.bytes);
      await client.waitForReplies(7);
      expect(client.socket.destroyed).toBe(false);

      const status = await h.waitForStatus((s) => (s.errorsByReason.NON_NUMERIC_VALUE ?? 0) >= 1 && s.batch.pendingRows === 0);
      const connection = status.connections.find((c) => c.mn === 'BADINPUT0001');
      expect(connection).toMatchObject({ packetsOk: 7 });
      expect(connection!.packetsBad).toBeGreaterThanOrEqual(6);
      expect(status.errorsByReason).toMatchObject({ FUTURE_DATATIME: 1, BAD_DATATIME: 1, NON_NUMERIC_VALUE: 1, CP_NOT_CLOSED: 1, LENGTH_OVER_CAP: 1 });
      expect(status.errorsByReason.CRC_MISMATCH).toBeGreaterThanOrEqual(2); // the truncated and the corrupted packet
      expect(status.errorsByReason.BAD_LENGTH_FIELD).toBeGreaterThanOrEqual(1); // "##test"

      const station = await h.t.ctx.database.db.selectFrom('monitoring_stations').select('station_key').where('mn', '=', 'BADINPUT0001').executeTakeFirstOrThrow();
      const rows = await h.t.ctx.database.db.selectFrom('monitoring_readings').select(['parameter_code', 'observed_at', 'value']).where('station_key', '=', station.station_key).execute();
      // 6 good packets × 2 values + the one stored value of the packet with a non-numeric value.
      expect(rows).toHaveLength(13);
      expect(rows.find((row) => Number(row.observed_at) === lastHour - 30 * HOUR)).toMatchObject({ parameter_code: 'w21003', value: 0.75 });

      // The log is written with the next commit; poll until it holds every reason.
      let items: { reason: string; raw: string | null; message: string }[] = [];
      for (let attempt = 0; attempt < 200; attempt++) {
        const bad = await h.t.app.inject({ method: 'GET', url: '/api/v1/gateway/bad-packets?mn=BADINPUT0001&limit=100', headers: h.admin.headers() });
        expect(bad.statusCode).toBe(200);
        items = bad.json().items;
        if (['FUTURE_DATATIME', 'BAD_DATATIME', 'NON_NUMERIC_VALUE', 'LENGTH_OVER_CAP', 'CP_NOT_CLOSED'].every((reason) => items.some((item) => item.reason === reason))) break;
        await sleep(25);
      }
      const byReason = (reason: string) => items.filter((item) => item.reason === reason);
      expect(byReason('FUTURE_DATATIME')[0]!.raw).toContain(`DataTime=${formatHj212Time(now + 2 * HOUR)}`);
      expect(byReason('BAD_DATATIME')[0]!.raw).toContain('DataTime=20261345250000');
      expect(byReason('NON_NUMERIC_VALUE')[0]!.message).toContain('w01018-Avg');
      expect(byReason('CRC_MISMATCH').some((item) => item.raw !== null && item.raw.startsWith('##') && item.raw.includes('BADINPUT0001'))).toBe(true);
      expect(byReason('LENGTH_OVER_CAP')[0]!.raw).toMatch(/^##3000/);
      await client.close();
    });

    it('accepts packets longer than 1024 bytes up to the configured cap', async () => {
      await h.registerStation('LONGPACKET01');
      const values: Record<string, number> = {};
      for (let i = 0; i < 25; i++) values[`w${String(10000 + i)}`] = i + 0.5;
      const upload = buildUpload({ mn: 'LONGPACKET01', st: '32', cn: '2061', qnAt: now, dataTime: lastHour, values });
      expect(upload.bytes.length).toBeGreaterThan(1024 + 12);
      expect(upload.bytes.length).toBeLessThan(2048 + 12);
      const client = await connectLogger('127.0.0.1', h.port);
      client.send(upload.bytes);
      const [ack] = await client.waitForReplies(1);
      expect(ack!.qn).toBe(upload.qn);
      const status = await h.status();
      expect(status.totals.overStandardLength).toBeGreaterThanOrEqual(1);
      await client.close();
    });
  });

  describe(`HJ 212 gateway timeouts (${dialect})`, () => {
    let h: GatewayHarness;
    beforeAll(async () => {
      h = await startGatewayHarness(dialect, { GATEWAY_IDLE_TIMEOUT_MS: '300' });
    });
    afterAll(async () => h?.close());

    it('closes an idle connection and one that never frames a packet, counting both', async () => {
      const idle = await connectLogger('127.0.0.1', h.port);
      const started = Date.now();
      await idle.closed;
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);

      const flood = await connectLogger('127.0.0.1', h.port);
      const junk = Buffer.alloc(16 * 1024, 0x41);
      for (let i = 0; i < 8 && !flood.socket.destroyed; i++) flood.send(junk);
      await flood.closed;
      const status = await h.waitForStatus((s) => s.totals.connectionsClosedGarbage >= 1 && s.totals.connectionsClosedIdle >= 1);
      expect(status.errorsByReason.IDLE_TIMEOUT).toBeGreaterThanOrEqual(1);
      expect(status.connectionCount).toBe(0);
    });
  });
}
