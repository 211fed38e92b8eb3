import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DatasetSchemaDefinition } from '../contracts/dataset-schema';
import { waterSectionsDefinition } from './fixtures.test-support';
import { InvalidDefinitionError, validateRows, type ResolvedCodeListInput, type ValidationInput } from './validate';

const RETIRED_AT = Date.UTC(2025, 0, 1);
const classes: ResolvedCodeListInput['entries'] = [
  { code: '1' },
  { code: '2' },
  { code: '3' },
  { code: '4' },
  { code: '5' },
  { code: '6' },
  { code: 'IV-b', retiredAt: RETIRED_AT, replacementCode: '4' },
];
const codeLists: ResolvedCodeListInput[] = [
  { ref: { code: 'GB3838_CLASS' }, entries: classes },
  { ref: { code: 'GB3838_CLASS', version: '2002' }, entries: classes },
];
const section = { section_code: 'JS0001', section_name: '太湖湖心', division_code: '320500', target_class: '3', location: { type: 'Point', coordinates: [120.2345, 31.1234] }, contact_phone: '13812345678' };
const sample = { section_code: 'JS0001', sampled_on: '2026-03-01', cod: '12.5 mg/L', ammonia: 0.25, water_class: '3', flow_m3s: '10', note: '' };

function run(tables: ValidationInput['tables'], overrides: Partial<ValidationInput> = {}) {
  return validateRows({ definition: waterSectionsDefinition(), tables, codeLists, referenceDate: { at: Date.UTC(2026, 10, 28) }, ...overrides });
}
const codes = (output: ReturnType<typeof run>) => output.results.map((result) => `${result.ruleCode} ${result.table}#${result.rowNo ?? '-'} ${result.field ?? ''}`.trim());

describe('validateRows', () => {
  it('accepts valid rows and returns them typed and normalised', () => {
    const output = run({ sections: [section], samples: [sample, { ...sample, sampled_on: '2026/3/2', cod: 13, water_class: '4' }] });
    expect(output.results).toEqual([]);
    expect(output.blocked).toBe(false);
    expect(output.rows.samples![0]).toEqual({ section_code: 'JS0001', sampled_on: '2026-03-01', cod: 12.5, ammonia: 0.25, water_class: '3', flow_m3s: 10, note: null });
    expect(output.rows.samples![1]!.sampled_on).toBe('2026-03-02');
    expect(output.rowCounts).toEqual({ sections: 1, samples: 2 });
  });

  it('reports each automatic check with its code, row, field and both languages', () => {
    const output = run({
      sections: [section, { ...section, section_code: 'bad code', division_code: '12345', location: { type: 'Point', coordinates: [200, 31] } }],
      samples: [
        { ...sample, cod: '12.5 µg/m³' },
        { ...sample, sampled_on: '2026-02-30', cod: '-1' },
        { ...sample, sampled_on: '2026-03-03', cod: '1.25', ammonia: 'n/a', water_class: '9' },
        { ...sample, sampled_on: '', section_code: 'ZZ9999' },
        { ...sample },
      ],
    });
    expect(codes(output)).toEqual([
      'FX-001 sections#2 section_code',
      'FT-001 sections#2 division_code',
      'FG-001 sections#2 location',
      'FU-001 samples#1 cod',
      'FT-001 samples#2 sampled_on',
      'FR-001 samples#2 cod',
      'FP-001 samples#3 cod',
      'FT-001 samples#3 ammonia',
      'CL-001 samples#3 water_class',
      'FC-001 samples#4 sampled_on',
      'TU-001 samples#5 section_code,sampled_on',
      'TC-001 samples#4 section_code',
    ]);
    const unit = output.results[3]!;
    expect(unit).toMatchObject({ severity: 'ERROR', value: '12.5 µg/m³' });
    expect(unit.message).toContain('mg/L');
    expect(unit.messageZh).toContain('单位');
    expect(output.counts).toEqual({ BLOCKER: 3, ERROR: 9, WARNING: 0, INFO: 0 });
    expect(output.blocked).toBe(true);
  });

  it('accepts a retired code on data dated before its retirement and warns on newer data', () => {
    const tables = { sections: [section], samples: [{ ...sample, water_class: 'IV-b' }, { ...sample, sampled_on: '2024-06-01', water_class: 'iv-b' }] };
    const byRowDate = run(tables, { referenceDate: { at: Date.now(), fieldByTable: { samples: 'sampled_on' } } });
    expect(codes(byRowDate)).toEqual(['CL-002 samples#1 water_class']);
    expect(byRowDate.results[0]!.message).toContain('use "4"');
    expect(byRowDate.rows.samples![1]!.water_class).toBe('IV-b');
    const oldData = run(tables, { referenceDate: { at: Date.UTC(2020, 0, 1) } });
    expect(codes(oldData)).toEqual([]);
  });

  it('runs custom rules at field, record, table and dataset level', () => {
    const output = run({
      sections: [section, { ...section, section_code: 'JS0002' }],
      samples: [{ ...sample, cod: '250' }, { ...sample, sampled_on: '2026-04-01', water_class: '6', note: '  ' }, { ...sample, sampled_on: '2026-05-01', water_class: '6', note: '蓝藻水华' }],
    });
    expect(codes(output)).toEqual(['WQ-001 samples#1 cod', 'WQ-002 samples#2', 'WQ-004 null#-']);
    expect(output.results[0]).toMatchObject({ severity: 'ERROR', value: 250, messageZh: 'COD 不应超过 200 mg/L' });
    expect(output.results[1]!.severity).toBe('BLOCKER');
    const empty = run({ sections: [], samples: [] });
    expect(codes(empty)).toEqual(['TB-001 sections#-', 'WQ-003 samples#-']);
  });

  it('evaluates aggregates, lookups in reference tables and three-valued logic', () => {
    const definition: DatasetSchemaDefinition = waterSectionsDefinition();
    definition.referenceTables = [{ name: 'national_sections', label: { zh: '国控断面', en: 'National sections' }, datasetCode: 'MEE/WATER/SECTIONS', table: 'sections', columns: [{ name: 'code', type: 'string' }] }];
    definition.rules = [
      { code: 'AG-001', level: 'table', table: 'samples', severity: 'ERROR', message: { zh: '平均 COD 过高', en: 'Mean COD too high' }, expression: { op: 'lt', left: { op: 'avg', field: 'cod' }, right: { op: 'literal', value: 20 } } },
      { code: 'AG-002', level: 'table', table: 'samples', severity: 'WARNING', message: { zh: '劣Ⅴ类过多', en: 'Too many class 6' }, expression: { op: 'le', left: { op: 'count', where: { op: 'eq', left: { op: 'field', field: 'water_class' }, right: { op: 'literal', value: '6' } } }, right: { op: 'literal', value: 0 } } },
      { code: 'RF-001', level: 'record', table: 'sections', severity: 'INFO', message: { zh: '非国控断面', en: 'Not a national section' }, expression: { op: 'lookup', arg: { op: 'field', field: 'section_code' }, in: { reference: 'national_sections' }, column: 'code' } },
      { code: 'DT-001', level: 'record', table: 'samples', severity: 'WARNING', message: { zh: '采样日期应在 2026 年内', en: 'Sample date within 2026' }, expression: { op: 'and', args: [{ op: 'ge', left: { op: 'field', field: 'sampled_on' }, right: { op: 'literal', value: '2026-01-01' } }, { op: 'lt', left: { op: 'field', field: 'sampled_on' }, right: { op: 'literal', value: '2027-01-01' } }] } },
      { code: 'NL-001', level: 'record', table: 'samples', severity: 'ERROR', message: { zh: '氨氮与 COD 之比', en: 'Ratio' }, expression: { op: 'lt', left: { op: 'div', left: { op: 'field', field: 'ammonia' }, right: { op: 'field', field: 'cod' } }, right: { op: 'literal', value: 1 } } },
    ];
    const output = validateRows({
      definition,
      codeLists,
      referenceDate: { at: Date.UTC(2026, 10, 28) },
      referenceTables: { national_sections: [{ code: 'JS0001' }] },
      tables: {
        sections: [section, { ...section, section_code: 'JS0002' }],
        samples: [{ ...sample, cod: 30, ammonia: null }, { ...sample, sampled_on: '2025-12-31', cod: 10, water_class: '6', note: '超标' }, { ...sample, section_code: 'JS0002', cod: 40, ammonia: 50 }, { ...sample, sampled_on: '2026-06-01', cod: 0, ammonia: 1 }],
      },
    });
    expect(codes(output)).toEqual(['AG-001 samples#-', 'AG-002 samples#-', 'RF-001 sections#2', 'DT-001 samples#2', 'NL-001 samples#3']);
  });

  it('caps results per rule but keeps exact counts', () => {
    const samples = Array.from({ length: 30 }, (_, index) => ({ ...sample, sampled_on: `2026-01-${String(index + 1).padStart(2, '0')}`, cod: 'x' }));
    const output = run({ sections: [section], samples }, { maxResultsPerRule: 10 });
    // cod 'x' is not a number: one type error per row, nothing else
    expect(output.results).toHaveLength(10);
    expect(output.truncated).toBe(true);
    expect(output.byRule).toEqual([{ ruleCode: 'FT-001', severity: 'ERROR', count: 30, truncated: true }]);
    expect(output.counts.ERROR).toBe(30);
  });

  it('honours severity overrides and disabled rules, and reports unknown tables and columns', () => {
    const definition = waterSectionsDefinition();
    definition.rules = definition.rules!.map((rule) => ({ ...rule, enabled: false }));
    const output = validateRows({ definition, codeLists, referenceDate: { at: 0 }, severities: { required: 'BLOCKER' }, tables: { sections: [{ ...section, section_name: '', extra: 1 }], other: [] } });
    expect(codes(output)).toEqual(['TB-002 other#- ', 'TF-001 sections#- extra', 'FC-001 sections#1 section_name'].map((code) => code.trim()));
    expect(output.results[2]!.severity).toBe('BLOCKER');
  });

  it('refuses a definition that does not check (e.g. a code list the caller did not resolve)', () => {
    expect(() => validateRows({ definition: waterSectionsDefinition(), codeLists: [], tables: {}, referenceDate: { at: 0 } })).toThrow(InvalidDefinitionError);
  });

  it('never throws on arbitrary rows', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.dictionary(fc.constantFrom(...waterSectionsDefinition().tables[1]!.fields.map((field) => field.name), 'x'), fc.jsonValue()), fc.jsonValue()), { maxLength: 20 }), (samples) => {
        const output = run({ sections: [section], samples });
        expect(output.rowCounts.samples).toBe(samples.length);
      }),
      { numRuns: 300 },
    );
  });

  it('passes every row built to satisfy the schema', () => {
    const rowArbitrary = fc.record({
      day: fc.integer({ min: 1, max: 28 }),
      cod: fc.integer({ min: 0, max: 2000 }).map((tenths) => tenths / 10),
      ammonia: fc.option(fc.integer({ min: 0, max: 5000 }).map((thousandths) => (thousandths / 1000).toString()), { nil: null }),
      water_class: fc.constantFrom('1', '2', '3', '4', '5'),
      note: fc.string({ maxLength: 50 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(rowArbitrary, { selector: (row) => row.day, maxLength: 28 }), (rows) => {
        const samples = rows.map((row) => ({ section_code: 'JS0001', sampled_on: `2026-02-${String(row.day).padStart(2, '0')}`, cod: `${row.cod} mg/L`, ammonia: row.ammonia, water_class: row.water_class, note: row.note }));
        const output = run({ sections: [section], samples });
        expect(output.results.filter((result) => result.ruleCode !== 'WQ-003' && result.ruleCode !== 'WQ-004')).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
