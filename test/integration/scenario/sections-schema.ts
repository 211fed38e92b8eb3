/**
 * The schema both data-sharing scenario tests use (HTTP and Chromium).
 */
/**
 * Sections with a division (scope) field and a contact phone masked for consumers; also used by
 * the shared-data read tests and `bench/api.ts`.
 */
export const sectionsTable = {
  name: 'sections',
  label: { zh: '断面', en: 'Sections' },
  primaryKey: ['section_code'],
  scopeField: 'division_code',
  fields: [
    { name: 'section_code', label: { zh: '断面编码', en: 'Section code' }, type: 'string', required: true, maxLength: 20 },
    { name: 'section_name', label: { zh: '断面名称', en: 'Section name' }, type: 'string', required: true, maxLength: 60 },
    { name: 'division_code', label: { zh: '行政区划', en: 'Division' }, type: 'division', required: true },
    { name: 'contact_phone', label: { zh: '联系电话', en: 'Contact phone' }, type: 'string', mask: { kind: 'phone' } },
  ],
};

/** Sections and samples with a BLOCKER rule. */
export const sectionsSchema = (withFlow: boolean) => ({
  format: 1,
  tables: [
    sectionsTable,
    {
      name: 'samples',
      label: { zh: '监测结果', en: 'Samples' },
      primaryKey: ['section_code', 'sampled_on'],
      links: [{ fields: ['section_code'], references: { table: 'sections', fields: ['section_code'] } }],
      fields: [
        { name: 'section_code', label: { zh: '断面编码', en: 'Section code' }, type: 'string', required: true },
        { name: 'sampled_on', label: { zh: '采样日期', en: 'Sampled on' }, type: 'date', required: true },
        { name: 'cod', label: { zh: '化学需氧量', en: 'COD' }, type: 'decimal', unit: 'mg/L', min: 0, max: 10000, precision: 1 },
        ...(withFlow ? [{ name: 'flow', label: { zh: '流量', en: 'Flow' }, type: 'decimal', unit: 'm3/s' }] : []),
      ],
    },
  ],
  rules: [
    {
      code: 'WQ-001',
      level: 'record',
      table: 'samples',
      severity: 'BLOCKER',
      message: { zh: 'COD 超过 500 mg/L，数据不可信', en: 'COD above 500 mg/L is implausible' },
      expression: { op: 'le', left: { op: 'field', field: 'cod' }, right: { op: 'literal', value: 500 } },
    },
  ],
});
