import type { DatasetSchemaDefinition } from '../contracts/dataset-schema';

/**
 * A realistic two-table definition used by the unit tests: surface-water sections (断面) and
 * their monthly samples, with a code list, a scope field, a link and rules at every level.
 */
export function waterSectionsDefinition(): DatasetSchemaDefinition {
  return {
    format: 1,
    tables: [
      {
        name: 'sections',
        label: { zh: '断面', en: 'Sections' },
        required: true,
        primaryKey: ['section_code'],
        scopeField: 'division_code',
        fields: [
          { name: 'section_code', label: { zh: '断面编码', en: 'Section code' }, type: 'string', required: true, maxLength: 20, pattern: '[A-Z0-9]{4,20}' },
          { name: 'section_name', label: { zh: '断面名称', en: 'Section name' }, type: 'string', required: true, maxLength: 60 },
          { name: 'division_code', label: { zh: '行政区划', en: 'Division' }, type: 'division', required: true },
          { name: 'target_class', label: { zh: '目标水质类别', en: 'Target class' }, type: 'code', codeList: { code: 'GB3838_CLASS' } },
          { name: 'location', label: { zh: '位置', en: 'Location' }, type: 'point', mask: { kind: 'round_coordinates', decimals: 2 } },
          { name: 'contact_phone', label: { zh: '联系电话', en: 'Contact phone' }, type: 'string', mask: { kind: 'phone' } },
        ],
      },
      {
        name: 'samples',
        label: { zh: '监测结果', en: 'Samples' },
        primaryKey: ['section_code', 'sampled_on'],
        links: [{ fields: ['section_code'], references: { table: 'sections', fields: ['section_code'] } }],
        fields: [
          { name: 'section_code', label: { zh: '断面编码', en: 'Section code' }, type: 'string', required: true },
          { name: 'sampled_on', label: { zh: '采样日期', en: 'Sampled on' }, type: 'date', required: true },
          { name: 'cod', element: 'WATER_COD', label: { zh: '化学需氧量', en: 'COD' }, type: 'decimal', unit: 'mg/L', min: 0, max: 10000, precision: 1 },
          { name: 'ammonia', label: { zh: '氨氮', en: 'Ammonia nitrogen' }, type: 'decimal', unit: 'mg/L', min: 0, precision: 3 },
          { name: 'water_class', label: { zh: '水质类别', en: 'Water class' }, type: 'code', codeList: { code: 'GB3838_CLASS', version: '2002' } },
          { name: 'flow_m3s', label: { zh: '流量', en: 'Flow' }, type: 'decimal', unit: 'm³/s' },
          { name: 'note', label: { zh: '备注', en: 'Note' }, type: 'text' },
        ],
      },
    ],
    rules: [
      {
        code: 'WQ-001',
        level: 'field',
        table: 'samples',
        field: 'cod',
        severity: 'ERROR',
        message: { zh: 'COD 不应超过 200 mg/L', en: 'COD should not exceed 200 mg/L' },
        expression: { op: 'le', left: { op: 'value' }, right: { op: 'literal', value: 200 } },
      },
      {
        code: 'WQ-002',
        level: 'record',
        table: 'samples',
        severity: 'BLOCKER',
        message: { zh: '劣Ⅴ类必须填写备注', en: 'A note is required for class worse than V' },
        expression: {
          op: 'ifThen',
          if: { op: 'eq', left: { op: 'field', field: 'water_class' }, right: { op: 'literal', value: '6' } },
          then: { op: 'not', arg: { op: 'isBlank', arg: { op: 'field', field: 'note' } } },
        },
      },
      {
        code: 'WQ-003',
        level: 'table',
        table: 'samples',
        severity: 'WARNING',
        message: { zh: '至少应有 1 条监测结果', en: 'At least one sample is expected' },
        expression: { op: 'ge', left: { op: 'count' }, right: { op: 'literal', value: 1 } },
      },
      {
        code: 'WQ-004',
        level: 'dataset',
        severity: 'INFO',
        message: { zh: '每个断面都应有监测结果', en: 'Every section should have samples' },
        expression: { op: 'existsIn', table: 'sections', fields: ['section_code'], in: { table: 'samples' }, columns: ['section_code'] },
      },
      {
        code: 'WQ-005',
        level: 'record',
        table: 'samples',
        severity: 'WARNING',
        message: { zh: '采样日期不应早于 2020 年', en: 'Samples before 2020 are unexpected' },
        expression: { op: 'ge', left: { op: 'year', arg: { op: 'field', field: 'sampled_on' } }, right: { op: 'literal', value: 2020 } },
      },
    ],
  };
}

export const knownCodeLists = new Set(['GB3838_CLASS', 'GB3838_CLASS@2002', 'HJ212_POLLUTANT']);
export const resolver = {
  codeListExists: (ref: { code: string; version?: string }) => knownCodeLists.has(ref.version ? `${ref.code}@${ref.version}` : ref.code),
};
