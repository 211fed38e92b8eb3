import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange, ExchangeReceipt } from '../../../src/contracts/access';
import { runExchangeVerify } from '../../../src/cli/commands/exchange.run';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { makeDataset, makeProvince, type Province } from '../catalog/catalog-fixtures';

describe.each(testDialects())('exchange log (%s)', (dialect) => {
  let t: TestApp;
  let jiangsu: Province;
  let anhui: Province;
  let zhejiang: Province;
  let datasetId: string;

  const get = (session: Province['admin'], url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: session.headers() });

  async function read(consumer: Province, rowCount: number) {
    return t.ctx.access.exchanges.record(t.ctx.database.db, {
      datasetId,
      releaseId: 'release-1',
      tableName: 'readings',
      ownerOrganisationId: jiangsu.organisation.id,
      consumer: { organisationId: consumer.organisation.id, userId: consumer.analyst.me.user.id, tokenId: null },
      grantId: null,
      accessKind: 'unconditional',
      purpose: null,
      fields: ['readings.pm25', 'readings.station_code'],
      scopeCodes: null,
      rowCount,
      format: 'json',
      requestId: null,
    });
  }

  beforeAll(async () => {
    t = await buildTestApp(dialect, { env: { ...IDENTITY_TEST_ENV, EXCHANGE_RECEIPT_KEY: 'k'.repeat(40) } });
    jiangsu = await makeProvince(t.app, t.ctx, '320000');
    anhui = await makeProvince(t.app, t.ctx, '340000');
    zhejiang = await makeProvince(t.app, t.ctx, '330000');
    datasetId = (await makeDataset(t.ctx, jiangsu.organisation.id)).id;
    await read(anhui, 100);
    await read(anhui, 50);
    await read(zhejiang, 7);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('shows the owner who pulled what and how often, and each consumer only its own reads', async () => {
    const summary = (await get(jiangsu.admin, `/exchange-log/summary?datasetId=${datasetId}`)).json<{ items: { consumerOrganisationId: string; reads: number; rows: number }[] }>();
    const byConsumer = Object.fromEntries(summary.items.map((item) => [item.consumerOrganisationId, item]));
    expect(byConsumer[anhui.organisation.id]).toMatchObject({ reads: 2, rows: 150 });
    expect(byConsumer[zhejiang.organisation.id]).toMatchObject({ reads: 1, rows: 7 });
    const owner = (await get(jiangsu.admin, '/exchange-log?side=owner')).json<{ items: Exchange[]; total: number }>();
    expect(owner.total).toBe(3);
    const consumer = (await get(anhui.analyst, '/exchange-log?side=consumer')).json<{ items: Exchange[]; total: number }>();
    expect(consumer.items.map((e) => e.rowCount)).toEqual([50, 100]);
    expect((await get(anhui.analyst, '/exchange-log?side=owner')).json<{ total: number }>().total).toBe(0);
  });

  it('issues signed receipts that verify, and refuses altered ones', async () => {
    const [first] = (await get(anhui.analyst, '/exchange-log?side=consumer&limit=1')).json<{ items: Exchange[] }>().items;
    const response = await get(anhui.analyst, `/exchange-log/${first!.id}/receipt`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain('attachment');
    const receipt = response.json<ExchangeReceipt>();
    expect(receipt.body).toMatchObject({ rowCount: 50, consumerOrganisationId: anhui.organisation.id });
    expect((await get(zhejiang.admin, `/exchange-log/${first!.id}/receipt`)).statusCode).toBe(404);

    const verify = (body: unknown) => t.app.inject({ method: 'POST', url: '/api/v1/exchange-log/receipts/verify', payload: body as object });
    expect((await verify(receipt)).json()).toEqual({ signatureValid: true, inLog: true });
    expect((await verify({ ...receipt, body: { ...receipt.body, rowCount: 5000 } })).json()).toEqual({ signatureValid: false, inLog: true });
    expect((await verify({ ...receipt, body: { ...receipt.body, hash: 'f'.repeat(64) } })).json()).toEqual({ signatureValid: false, inLog: false });
    expect((await verify({ nonsense: true })).statusCode).toBe(400);
  });

  it('verifies the chain from the CLI and finds a tampered row', async () => {
    const run = async () => {
      const stdout = new PassThrough();
      const text: string[] = [];
      stdout.on('data', (chunk: Buffer) => text.push(chunk.toString()));
      const env = t.ctx.config.database.dialect === 'sqlite' ? { DATABASE_URL: `sqlite:${t.ctx.config.database.file}`, LOG_LEVEL: 'silent' } : { DATABASE_URL: t.ctx.config.database.url, DATABASE_SCHEMA: t.ctx.config.database.schema ?? '', LOG_LEVEL: 'silent' };
      const result = await runExchangeVerify({ env, stdout, stderr: new PassThrough(), json: false });
      return { result, text: text.join('') };
    };
    const intact = await run();
    expect(intact.result).toMatchObject({ ok: true, checked: 3 });
    expect(intact.text).toContain('交换日志完整');

    // Tampering needs the append-only trigger out of the way: exactly what an attacker with DBA rights does.
    const db = t.ctx.database.db;
    if (dialect === 'sqlite') {
      await sql`drop trigger exchange_log_no_update`.execute(db);
    } else {
      await sql`alter table exchange_log disable trigger exchange_log_no_update_delete`.execute(db);
    }
    await db.updateTable('exchange_log').set({ row_count: 1 }).where('seq', '=', 2).execute();
    const broken = await run();
    expect(broken.result).toMatchObject({ ok: false, firstBrokenSeq: 2, checked: 1 });
    expect(broken.text).toContain('BROKEN at seq 2');
  });
});
