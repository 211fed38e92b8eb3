import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../../src/server/modules/demo';
import { RELEASES_DEMO_TITLE } from '../../../src/server/modules/demo/releases-demo';
import { SYSTEM } from '../../../src/server/modules/identity';
import { testDialects } from '../../helpers/dialects';
import { IDENTITY_TEST_ENV } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';

describe.each(testDialects())('releases demo (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { env: { ...IDENTITY_TEST_ENV } });
  });
  afterAll(async () => t?.close());

  it('fills the catalog demo section list with an accepted release and a pending upload, once', async () => {
    const lines: string[] = [];
    await seedDemoData(t.ctx, { onProgress: (line) => lines.push(line) });
    expect(lines).toContain('releases: release 1 of the Jiangsu section list accepted; two new sections waiting');
    const found = await t.ctx.catalog.search(SYSTEM, { q: RELEASES_DEMO_TITLE, limit: 5, offset: 0 });
    expect(found.items).toHaveLength(1);
    const datasetId = found.items[0]!.id;
    const accepted = await t.ctx.releases.latestAccepted(t.ctx.database.db, datasetId);
    expect(accepted).toMatchObject({ sequence: 1, status: 'accepted', rowCount: 5, tableCounts: { sections: 5 } });
    const pending = await t.ctx.releases.uploads.list(SYSTEM, datasetId, { status: 'pending' });
    expect(pending.items.map((upload) => [upload.rowCount, upload.counts.BLOCKER, upload.counts.ERROR])).toEqual([[2, 0, 0]]);

    const again: string[] = [];
    await seedDemoData(t.ctx, { onProgress: (line) => again.push(line) });
    expect(again).toContain('releases: demo release present');
  });
});
