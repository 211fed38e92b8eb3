import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseDetail, ReleaseList, ReviewEntry, ReviewInbox, UploadReport } from '../../../src/contracts/releases';
import type { DomainEvents } from '../../../src/server/platform/events';
import { canonicalJson } from '../../../src/server/modules/audit';
import { verifyReceipt } from '../../../src/server/modules/releases/receipt';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';
import { goodSamples, goodSections, makeReleaseWorld, postJson, type ReleaseWorld } from './releases-fixtures';

const RECEIPT_KEY = 'test-receipt-key-0123456789abcdef0123';

describe.each(testDialects())('releases and custodian review (%s)', (dialect) => {
  let t: TestApp;
  let world: ReleaseWorld;
  const seen: { name: string; payload: unknown }[] = [];
  beforeAll(async () => {
    t = await buildTestApp(dialect, { env: { ...IDENTITY_TEST_ENV, RELEASE_RECEIPT_KEY: RECEIPT_KEY, RELEASE_ATTACHMENT_MAX_BYTES: '4096' } });
    world = await makeReleaseWorld(t.app, t.ctx);
    for (const name of ['release.submitted', 'release.accepted', 'release.correction_requested'] as const) {
      t.ctx.events.on(name, (payload: DomainEvents[typeof name]) => void seen.push({ name, payload }));
    }
  });
  afterAll(async () => t?.close());

  const release = (session = world.jiangsu.steward, note?: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/datasets/${world.dataset.id}/releases`, headers: session.headers(true), payload: note === undefined ? {} : { note } });
  const decide = (id: string, payload: object, session = world.workingGroup.member) => t.app.inject({ method: 'POST', url: `/api/v1/releases/${id}/decision`, headers: session.headers(true), payload });

  let first: ReleaseDetail;

  it('refuses to release nothing, then refuses blockers with their list, then releases the fixed collection', async () => {
    expect((await release()).json().error.code).toBe('NOTHING_TO_RELEASE');
    const bad = await postJson(t.app, world.jiangsu.steward, world.dataset.id, {
      mode: 'append',
      tables: { sections: goodSections, samples: [...goodSamples, { section_code: 'JS-TH01', sampled_on: '2026-10-06', cod: 812 }] },
    });
    const badUpload = bad.json<UploadReport>().upload;
    expect(badUpload.counts.BLOCKER).toBe(1);
    const blocked = await release();
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error).toMatchObject({ code: 'RELEASE_BLOCKED', details: { blockerCount: 1, blockers: [{ uploadId: badUpload.id, table: 'samples', sourceRow: 4, ruleCode: 'WQ-001' }] } });

    // Fix: replace the samples table only; the sections stay from the first upload.
    const fixed = await postJson(t.app, world.jiangsu.steward, world.dataset.id, { mode: 'replace', tables: { samples: goodSamples } });
    expect(fixed.json<UploadReport>().upload.counts).toEqual({ BLOCKER: 0, ERROR: 0, WARNING: 0, INFO: 0 });
    const created = await release(world.jiangsu.steward, '十月份断面监测数据，请审核');
    expect(created.statusCode).toBe(201);
    first = created.json<ReleaseDetail>();
    expect(first.release).toMatchObject({ sequence: 1, status: 'submitted', rowCount: 6, tableCounts: { samples: 3, sections: 3 }, schemaVersion: 1, signed: true });
    expect(first.thread).toMatchObject([{ kind: 'submitted', body: '十月份断面监测数据，请审核' }]);
    expect(first.uploads.map((upload) => upload.id).sort()).toEqual([badUpload.id, fixed.json<UploadReport>().upload.id].sort());
    expect(first.uploads.every((upload) => upload.status === 'released')).toBe(true);
    expect(seen).toContainEqual({ name: 'release.submitted', payload: { datasetId: world.dataset.id, releaseId: first.release.id, custodianOrganisationId: world.workingGroup.organisation.id } });

    // One release at a time waits for review.
    await postJson(t.app, world.jiangsu.steward, world.dataset.id, { mode: 'append', tables: { samples: [{ section_code: 'JS-TH01', sampled_on: '2026-10-20', cod: 9 }] } });
    expect((await release()).json().error.code).toBe('RELEASE_IN_REVIEW');
  });

  it('issues a receipt whose digest the rows reproduce and whose HMAC verifies', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/releases/${first.release.id}/receipt`, headers: world.jiangsu.steward.headers() });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment;/);
    const { receipt, signature, signatureAlgorithm } = response.json();
    expect(receipt).toMatchObject({ releaseId: first.release.id, datasetCode: world.dataset.code, rowCount: 6, rowCounts: { sections: 3, samples: 3 }, digest: first.release.digest, submittedBy: { userId: world.jiangsu.steward.me.user.id } });
    expect(signatureAlgorithm).toBe('HMAC-SHA-256');
    expect(verifyReceipt(canonicalJson(receipt), signature, RECEIPT_KEY)).toBe(true);

    const hash = createHash('sha256');
    for (const table of ['samples', 'sections']) {
      const page = await t.app.inject({ method: 'GET', url: `/api/v1/releases/${first.release.id}/rows?table=${table}&limit=1000`, headers: world.workingGroup.member.headers() });
      for (const row of page.json().items) hash.update(`${table}\t${row.rowNo}\t${canonicalJson(row.data)}\n`);
    }
    expect(hash.digest('hex')).toBe(receipt.digest);
    // Rows under review are for the two parties only.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/releases/${first.release.id}/rows?table=samples`, headers: world.anhui.steward.headers() })).statusCode).toBe(404);
  });

  it('lets the custodian request a correction with a thread and a sniffed attachment', async () => {
    const inbox = await t.app.inject({ method: 'GET', url: '/api/v1/releases/review-inbox?status=submitted', headers: world.workingGroup.member.headers() });
    expect(inbox.json<ReviewInbox>().items.map((item) => item.release.id)).toEqual([first.release.id]);
    expect((await decide(first.release.id, { decision: 'accept' }, world.jiangsu.steward)).statusCode).toBe(403);
    expect((await decide(first.release.id, { decision: 'request_correction' })).statusCode).toBe(400);

    const message = await t.app.inject({ method: 'POST', url: `/api/v1/releases/${first.release.id}/messages`, headers: world.workingGroup.member.headers(true), payload: { body: '九乡河口 COD 单位请核实' } });
    expect(message.statusCode).toBe(201);
    const entry = message.json<ReviewEntry>();
    const attach = (body: Buffer, fileName: string, session = world.workingGroup.member) =>
      t.app.inject({ method: 'POST', url: `/api/v1/releases/${first.release.id}/messages/${entry.id}/attachments?fileName=${encodeURIComponent(fileName)}`, headers: { ...session.headers(true), 'content-type': 'application/octet-stream' }, payload: body });
    const pdf = Buffer.from('%PDF-1.7\n% 核查意见\n1 0 obj\n<<>>\nendobj\n');
    const attached = await attach(pdf, '核查意见.pdf');
    expect(attached.statusCode).toBe(201);
    const attachment = attached.json<ReviewEntry>().attachments[0]!;
    expect(attachment).toMatchObject({ fileName: '核查意见.pdf', contentType: 'application/pdf', byteSize: pdf.length });
    expect((await attach(Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), 'tool.exe')).statusCode).toBe(415);
    expect((await attach(Buffer.alloc(5000, 0x41), 'big.txt')).statusCode).toBe(413);
    expect((await attach(pdf, 'x.pdf', world.jiangsu.steward)).statusCode).toBe(403);
    const download = await t.app.inject({ method: 'GET', url: `/api/v1/releases/${first.release.id}/attachments/${attachment.id}`, headers: world.jiangsu.steward.headers() });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''%E6%A0%B8");
    expect(download.rawPayload.equals(pdf)).toBe(true);

    const corrected = await decide(first.release.id, { decision: 'request_correction', message: '请修正后重新发布' });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json<ReleaseDetail>().release.status).toBe('correction_requested');
    expect(corrected.json<ReleaseDetail>().thread.map((item) => item.kind)).toEqual(['submitted', 'message', 'correction_requested']);
    expect(seen.map((event) => event.name)).toContain('release.correction_requested');
    expect((await decide(first.release.id, { decision: 'accept' })).json().error.code).toBe('CONFLICT');
    // The release's uploads are back in the draft, beside the one that arrived meanwhile.
    const pending = await t.app.inject({ method: 'GET', url: `/api/v1/datasets/${world.dataset.id}/uploads?status=pending`, headers: world.jiangsu.steward.headers() });
    expect(pending.json().total).toBe(3);
  });

  it('accepts a new release, supersedes the previous accepted one, and shows consumers the accepted history', async () => {
    const second = (await release()).json<ReleaseDetail>();
    expect(second.release).toMatchObject({ sequence: 2, rowCount: 7 });
    const accepted = await decide(second.release.id, { decision: 'accept', message: '同意' });
    expect(accepted.json<ReleaseDetail>().release).toMatchObject({ status: 'accepted', decidedBy: { userId: world.workingGroup.member.me.user.id } });
    expect(seen).toContainEqual({ name: 'release.accepted', payload: { datasetId: world.dataset.id, releaseId: second.release.id, sequence: 2, rowCount: 7 } });
    const dataset = await t.app.inject({ method: 'GET', url: `/api/v1/datasets/${world.dataset.id}`, headers: world.anhui.analyst.headers() });
    expect(dataset.json().lastReleaseAt).not.toBeNull();

    // A third release builds on the accepted rows (append) and supersedes the second once accepted.
    await postJson(t.app, world.jiangsu.steward, world.dataset.id, { mode: 'append', tables: { samples: [{ section_code: 'JS-NJ02', sampled_on: '2026-11-02', cod: 11 }] } });
    const third = (await release()).json<ReleaseDetail>();
    expect(third.release).toMatchObject({ sequence: 3, rowCount: 8 });
    await decide(third.release.id, { decision: 'accept' });

    const consumer = await t.app.inject({ method: 'GET', url: `/api/v1/datasets/${world.dataset.id}/releases`, headers: world.anhui.analyst.headers() });
    expect(consumer.json<ReleaseList>().items.map((item) => [item.sequence, item.status])).toEqual([
      [3, 'accepted'],
      [2, 'superseded'],
    ]);
    const owner = await t.app.inject({ method: 'GET', url: `/api/v1/datasets/${world.dataset.id}/releases`, headers: world.jiangsu.steward.headers() });
    expect(owner.json<ReleaseList>().items.map((item) => item.status)).toEqual(['accepted', 'superseded', 'correction_requested']);
    const earlier = await t.app.inject({ method: 'GET', url: `/api/v1/releases/${second.release.id}`, headers: world.anhui.analyst.headers() });
    expect(earlier.statusCode).toBe(200);
    expect(earlier.json<ReleaseDetail>()).toMatchObject({ release: { status: 'superseded' }, thread: [], can: { readRows: false } });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/releases/${first.release.id}`, headers: world.anhui.analyst.headers() })).statusCode).toBe(404);

    const latest = await t.ctx.releases.latestAccepted(t.ctx.database.db, world.dataset.id);
    expect(latest?.id).toBe(third.release.id);
  });

  it('reads rows by keyset pages and division scope for the access part', async () => {
    const latest = (await t.ctx.releases.latestAccepted(t.ctx.database.db, world.dataset.id))!;
    const { db } = t.ctx.database;
    const all = await t.ctx.releases.readRows(db, { releaseId: latest.id, table: 'sections', limit: 10 });
    expect(all.map((row) => [row.rowNo, row.scopeCode])).toEqual([
      [1, '320200'],
      [2, '320100'],
      [3, '320104'],
    ]);
    expect((await t.ctx.releases.readRows(db, { releaseId: latest.id, table: 'sections', scopeCodes: ['320100'], limit: 10 })).map((row) => row.data.section_code)).toEqual(['JS-NJ01', 'JS-NJ02']);
    expect((await t.ctx.releases.readRows(db, { releaseId: latest.id, table: 'sections', scopeCodes: ['320000'], afterRowNo: 1, limit: 1 })).map((row) => row.rowNo)).toEqual([2]);
    expect(await t.ctx.releases.readRows(db, { releaseId: latest.id, table: 'sections', scopeCodes: ['340000'], limit: 10 })).toEqual([]);
    expect(await t.ctx.releases.readRows(db, { releaseId: latest.id, table: 'samples', scopeCodes: ['320000'], limit: 10 })).toEqual([]);
    expect((await t.ctx.releases.readRows(db, { releaseId: latest.id, table: 'samples', limit: 100 })).length).toBe(5);
  });

  it('writes the audit trail and the dataset activity for every step', async () => {
    const activity = await t.app.inject({ method: 'GET', url: `/api/v1/datasets/${world.dataset.id}/activity?limit=100`, headers: world.jiangsu.steward.headers() });
    const kinds = (activity.json().items as { kind: string }[]).map((item) => item.kind);
    for (const kind of ['upload.validated', 'release.submitted', 'release.message', 'release.attachment', 'release.correction_requested', 'release.accepted']) expect(kinds).toContain(kind);
    const audit = await t.ctx.audit.list(t.ctx.database.db, { objectType: 'release', limit: 100, offset: 0 });
    expect(new Set(audit.items.map((event) => event.action))).toEqual(new Set(['release.submit', 'release.message', 'release.attachment.add', 'release.request_correction', 'release.accept']));
  });
});
