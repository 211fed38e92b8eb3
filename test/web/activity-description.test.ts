import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { DATASET_ACTIVITY_KINDS, type ActivityEntry, type DatasetActivityKind } from '../../src/contracts/catalog';
import { describeActivity, metadataFieldLabel } from '../../web/src/features/catalog/activity-description';
import { en } from '../../web/src/i18n/en';
import { zhCN } from '../../web/src/i18n/zh-CN';

async function translator(lng: 'zh-CN' | 'en'): Promise<TFunction> {
  const i18n = createInstance();
  await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng, nsSeparator: false, interpolation: { escapeValue: false } });
  return i18n.t;
}

// Details as the server records them today (see the recordActivity calls of each module).
const DETAILS: Record<DatasetActivityKind, Record<string, unknown>> = {
  'dataset.created': { code: '2.11.002-320000-00001' },
  'dataset.imported': { code: '2.11.002-340000-00007', status: 'published' },
  'dataset.updated': { changes: [] },
  'dataset.published': { code: '2.11.002-320000-00001' },
  'dataset.deprecated': {},
  'schema.draft_created': { schemaId: 's2', version: 2 },
  'schema.published': { schemaId: 's2', version: 2, previousSchemaId: 's1', migrationNote: '新增空气质量指数字段' },
  'duty.created': { dutyId: 'd1', organisationId: 'o1', cycle: 'monthly', firstDueDate: '2026-09-30' },
  'duty.updated': { dutyId: 'd1', status: 'ended' },
  'upload.validated': { uploadId: 'u1', schemaVersion: 1, mode: 'append', rowCount: 120, tables: ['sections'], counts: { BLOCKER: 1, ERROR: 2, WARNING: 3, INFO: 0 } },
  'upload.rejected': { uploadId: 'u2', fileName: '断面.xlsx', problemCount: 7, problems: ['FILE_EMPTY'] },
  'release.submitted': { releaseId: 'r1', sequence: 3, rowCounts: { sections: 100, samples: 20 }, digest: 'abc' },
  'release.message': { releaseId: 'r1', sequence: 3, entryId: 'e1' },
  'release.attachment': { releaseId: 'r1', sequence: 3, fileName: '说明.pdf', attachmentId: 'a1' },
  'release.accepted': { releaseId: 'r1', sequence: 3, message: null, superseded: null },
  'release.correction_requested': { releaseId: 'r1', sequence: 3, message: '请补充' },
  'access.requested': { requestId: 'q1', requestingOrganisationId: 'o2' },
  'access.decided': { requestId: 'q1', status: 'partially_approved', grantId: 'g1' },
  'grant.revoked': { grantId: 'g1', granteeOrganisationId: 'o2', reason: '用途已结束' },
};

const entry = (kind: DatasetActivityKind, details: unknown): ActivityEntry => ({
  id: 'a',
  datasetId: 'd',
  kind,
  actorUserId: null,
  actorName: null,
  actorOrganisationId: null,
  summary: 'stored summary',
  details,
  occurredAt: '2026-12-06T08:00:00.000Z',
});

describe('dataset activity sentences', () => {
  it('has a Chinese sentence for every kind but metadata changes (shown as a diff), with no English words but codes', async () => {
    const t = await translator('zh-CN');
    for (const kind of DATASET_ACTIVITY_KINDS.filter((k) => k !== 'dataset.updated')) {
      const sentence = describeActivity(t, entry(kind, DETAILS[kind]));
      expect(sentence, kind).toBeDefined();
      expect(sentence!.replace(/\.xlsx|\.pdf|v\d+|[\d.-]+/g, ''), `${kind}: ${sentence}`).not.toMatch(/[A-Za-z]/);
    }
    expect(describeActivity(t, entry('upload.validated', DETAILS['upload.validated']))).toBe('上传 120 行（追加）：阻断 1，错误 2，警告 3');
    expect(describeActivity(t, entry('release.submitted', DETAILS['release.submitted']))).toBe('提交第 3 版发布（120 行），等待审核');
    expect(describeActivity(t, entry('access.decided', DETAILS['access.decided']))).toBe('共享申请已答复：部分同意');
    expect(describeActivity(t, entry('duty.created', DETAILS['duty.created']))).toBe('登记报送义务：每月，首次截止 2026-09-30');
  });

  it('has an English sentence for the same entries', async () => {
    const t = await translator('en');
    expect(describeActivity(t, entry('schema.published', DETAILS['schema.published']))).toBe('Published schema v2: 新增空气质量指数字段');
    expect(describeActivity(t, entry('release.attachment', DETAILS['release.attachment']))).toBe('File 说明.pdf attached to release 3');
    expect(describeActivity(t, entry('grant.revoked', {}))).toBe('Grant revoked');
    for (const kind of DATASET_ACTIVITY_KINDS.filter((k) => k !== 'dataset.updated')) {
      expect(describeActivity(t, entry(kind, DETAILS[kind])), kind).toMatch(/^[A-Z]/);
    }
  });

  it('leaves an entry recorded before its details held what the sentence needs to the stored summary', async () => {
    const t = await translator('zh-CN');
    // Entries of before 6 December 2026 lack the row count, the sequence or the file name.
    expect(describeActivity(t, entry('upload.validated', { uploadId: 'u1', mode: 'append', counts: {} }))).toBeUndefined();
    expect(describeActivity(t, entry('release.attachment', { releaseId: 'r1', attachmentId: 'a1' }))).toBeUndefined();
    expect(describeActivity(t, entry('schema.published', null))).toBeUndefined();
  });
});

describe('changed metadata fields', () => {
  it('are labelled as on the metadata page, in both languages; an unknown key shows as itself', async () => {
    const zh = await translator('zh-CN');
    const english = await translator('en');
    expect(metadataFieldLabel(zh, 'titleEn')).toBe('名称（英文）');
    expect(metadataFieldLabel(zh, 'updateCycle')).toBe('更新周期');
    expect(metadataFieldLabel(english, 'securityGrade')).toBe('Security grade');
    expect(metadataFieldLabel(zh, 'somethingNew')).toBe('somethingNew');
  });
});
