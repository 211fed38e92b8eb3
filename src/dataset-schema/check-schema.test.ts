import { describe, expect, it } from 'vitest';
import type { CustomRule, DatasetSchemaDefinition, RuleExpression } from '../contracts/dataset-schema';
import { checkDatasetSchema, codeListRefsOf, parseDatasetSchema } from './check-schema';
import { resolver, waterSectionsDefinition } from './fixtures.test-support';

const codesOf = (definition: DatasetSchemaDefinition) => checkDatasetSchema(definition, resolver).map((problem) => `${problem.code} ${problem.path}`);

function withRule(rule: Partial<CustomRule> & { expression: RuleExpression }): DatasetSchemaDefinition {
  const definition = waterSectionsDefinition();
  definition.rules = [{ code: 'T-1', level: 'record', table: 'samples', severity: 'ERROR', message: { zh: '测试', en: 'test' }, ...rule } as CustomRule];
  return definition;
}

describe('checkDatasetSchema', () => {
  it('accepts a sound definition with rules at every level', () => {
    expect(checkDatasetSchema(waterSectionsDefinition(), resolver)).toEqual([]);
  });

  it('reports duplicate table, field and rule names with JSON paths and both languages', () => {
    const definition = waterSectionsDefinition();
    definition.tables[1]!.fields.push({ name: 'cod', label: { zh: '重复', en: 'dup' }, type: 'decimal' });
    definition.tables.push({ ...definition.tables[0]!, primaryKey: ['section_code'] });
    definition.rules!.push({ ...definition.rules![0]! });
    const problems = checkDatasetSchema(definition, resolver);
    expect(problems.map((problem) => `${problem.code} ${problem.path}`)).toEqual([
      'DUPLICATE_NAME /tables/1/fields/7/name',
      'DUPLICATE_NAME /tables/2/name',
      'DUPLICATE_NAME /rules/5/code',
    ]);
    expect(problems[0]!.messageZh).toContain('重复');
    expect(problems[0]!.message).toContain('used twice');
  });

  it('checks keys, links and the scope field against the fields and their types', () => {
    const definition = waterSectionsDefinition();
    const [sections, samples] = definition.tables as [DatasetSchemaDefinition['tables'][0], DatasetSchemaDefinition['tables'][0]];
    sections.scopeField = 'section_name';
    sections.uniqueKeys = [['location']];
    samples.primaryKey = ['section_code', 'missing'];
    samples.links = [
      { fields: ['section_code'], references: { table: 'nowhere', fields: ['x'] } },
      { fields: ['section_code'], references: { table: 'sections', fields: ['section_name'] } },
      { fields: ['sampled_on'], references: { table: 'sections', fields: ['section_code'] } },
    ];
    expect(codesOf(definition)).toEqual([
      'WRONG_FIELD_TYPE /tables/0/uniqueKeys/0/0',
      'WRONG_FIELD_TYPE /tables/0/scopeField',
      'UNKNOWN_FIELD /tables/1/primaryKey/1',
      'UNKNOWN_TABLE /tables/1/links/0/references/table',
      'KEY_MISMATCH /tables/1/links/1/references/fields',
      'WRONG_FIELD_TYPE /tables/1/links/2/fields/0',
    ]);
  });

  it('checks field attributes against the field type, code lists and patterns', () => {
    const definition = waterSectionsDefinition();
    const fields = definition.tables[1]!.fields;
    fields.push(
      { name: 'a', label: { zh: 'a', en: 'a' }, type: 'string', unit: 'mg/L', precision: 2 },
      { name: 'b', label: { zh: 'b', en: 'b' }, type: 'decimal', min: 5, max: 1, maxLength: 3 },
      { name: 'c', label: { zh: 'c', en: 'c' }, type: 'code' },
      { name: 'd', label: { zh: 'd', en: 'd' }, type: 'code', codeList: { code: 'NO_SUCH_LIST' } },
      { name: 'e', label: { zh: 'e', en: 'e' }, type: 'string', pattern: '([a-z' },
      { name: 'f', label: { zh: 'f', en: 'f' }, type: 'string', pattern: '(a+)+b' },
      { name: 'g', label: { zh: 'g', en: 'g' }, type: 'integer', mask: { kind: 'phone' } },
      { name: 'h', label: { zh: 'h', en: 'h' }, type: 'string', mask: { kind: 'round_coordinates', decimals: 1 } },
    );
    expect(codesOf(definition)).toEqual([
      'ATTRIBUTE_NOT_APPLICABLE /tables/1/fields/7/unit',
      'ATTRIBUTE_NOT_APPLICABLE /tables/1/fields/7/precision',
      'INVALID_RANGE /tables/1/fields/8/min',
      'ATTRIBUTE_NOT_APPLICABLE /tables/1/fields/8/maxLength',
      'MISSING_CODE_LIST /tables/1/fields/9/codeList',
      'UNKNOWN_CODE_LIST /tables/1/fields/10/codeList',
      'INVALID_PATTERN /tables/1/fields/11/pattern',
      'UNSAFE_PATTERN /tables/1/fields/12/pattern',
      'ATTRIBUTE_NOT_APPLICABLE /tables/1/fields/13/mask',
      'ATTRIBUTE_NOT_APPLICABLE /tables/1/fields/14/mask',
    ]);
  });

  it('checks data elements only when the resolver can answer', () => {
    const definition = waterSectionsDefinition();
    expect(checkDatasetSchema(definition, { ...resolver, elementExists: (code) => code === 'WATER_COD' })).toEqual([]);
    expect(checkDatasetSchema(definition, { ...resolver, elementExists: () => false }).map((problem) => problem.path)).toEqual(['/tables/1/fields/2/element']);
  });

  it('type-checks rule expressions against the fields', () => {
    const cases: [Partial<CustomRule> & { expression: RuleExpression }, string[]][] = [
      [{ expression: { op: 'gt', left: { op: 'field', field: 'cod' }, right: { op: 'literal', value: 'x' } } }, ['RULE_TYPE /rules/0/expression']],
      [{ expression: { op: 'gt', left: { op: 'field', field: 'nope' }, right: { op: 'literal', value: 1 } } }, ['UNKNOWN_FIELD /rules/0/expression/left/field']],
      [{ expression: { op: 'add', left: { op: 'field', field: 'cod' }, right: { op: 'field', field: 'ammonia' } } }, ['RULE_TYPE /rules/0/expression']],
      [{ expression: { op: 'lt', left: { op: 'field', field: 'sampled_on' }, right: { op: 'literal', value: '2026-02-30' } } }, ['RULE_TYPE /rules/0/expression']],
      [{ expression: { op: 'lt', left: { op: 'field', field: 'sampled_on' }, right: { op: 'literal', value: '2026-02-28' } } }, []],
      [{ expression: { op: 'gt', left: { op: 'field', field: 'note' }, right: { op: 'literal', value: true } } }, ['RULE_TYPE /rules/0/expression']],
      [{ expression: { op: 'matches', arg: { op: 'field', field: 'note' }, pattern: '(\\d+)*$' } }, ['UNSAFE_PATTERN /rules/0/expression/pattern']],
      [{ expression: { op: 'inCodeList', arg: { op: 'field', field: 'note' }, codeList: { code: 'MISSING' } } }, ['UNKNOWN_CODE_LIST /rules/0/expression/codeList']],
      [{ expression: { op: 'in', arg: { op: 'field', field: 'cod' }, values: [1, 'two'] } }, ['RULE_TYPE /rules/0/expression']],
      [{ expression: { op: 'and', args: [{ op: 'literal', value: true }, { op: 'len', arg: { op: 'field', field: 'note' } }] } }, ['RULE_TYPE /rules/0/expression/args/1']],
      [{ expression: { op: 'lookup', arg: { op: 'field', field: 'section_code' }, in: { table: 'sections' }, column: 'section_code' } }, []],
      [{ expression: { op: 'lookup', arg: { op: 'field', field: 'cod' }, in: { table: 'sections' }, column: 'section_code' } }, ['RULE_TYPE /rules/0/expression']],
      [{ expression: { op: 'lookup', arg: { op: 'field', field: 'cod' }, in: { reference: 'ghost' }, column: 'x' } }, ['UNKNOWN_TABLE /rules/0/expression/in/reference']],
    ];
    for (const [rule, expected] of cases) expect(codesOf(withRule(rule)), JSON.stringify(rule.expression)).toEqual(expected);
  });

  it('enforces what each rule level may use', () => {
    const cases: [Partial<CustomRule> & { expression: RuleExpression }, string[]][] = [
      [{ level: 'record', expression: { op: 'isBlank', arg: { op: 'value' } } }, ['RULE_SCOPE /rules/0/expression/arg']],
      [{ level: 'record', expression: { op: 'gt', left: { op: 'count' }, right: { op: 'literal', value: 0 } } }, ['RULE_SCOPE /rules/0/expression/left']],
      [{ level: 'table', expression: { op: 'isBlank', arg: { op: 'field', field: 'cod' } } }, ['RULE_SCOPE /rules/0/expression/arg']],
      [{ level: 'table', expression: { op: 'unique', fields: ['section_code', 'sampled_on'], where: { op: 'gt', left: { op: 'field', field: 'cod' }, right: { op: 'literal', value: 0 } } } }, []],
      [{ level: 'table', expression: { op: 'le', left: { op: 'avg', field: 'note' }, right: { op: 'literal', value: 3 } } }, ['RULE_TYPE /rules/0/expression/left']],
      [{ level: 'table', expression: { op: 'gt', left: { op: 'count', where: { op: 'gt', left: { op: 'count' }, right: { op: 'literal', value: 1 } } }, right: { op: 'literal', value: 1 } } }, ['RULE_SCOPE /rules/0/expression/left/where/left']],
      [{ level: 'dataset', table: undefined, expression: { op: 'gt', left: { op: 'count' }, right: { op: 'literal', value: 0 } } }, ['RULE_SCOPE /rules/0/expression/left']],
      [{ level: 'dataset', table: 'samples', expression: { op: 'literal', value: true } }, ['RULE_SCOPE /rules/0/table']],
      [{ level: 'field', expression: { op: 'literal', value: true } }, ['RULE_SCOPE /rules/0/field']],
      [{ level: 'field', field: 'cod', expression: { op: 'abs', arg: { op: 'value' } } }, ['RULE_TYPE /rules/0/expression']],
      [{ level: 'record', field: 'cod', expression: { op: 'literal', value: true } }, ['RULE_SCOPE /rules/0/field']],
    ];
    for (const [rule, expected] of cases) expect(codesOf(withRule(rule)), JSON.stringify(rule)).toEqual(expected);
  });

  it('rejects malformed expression trees without throwing', () => {
    const malformed: unknown[] = [null, 42, { op: 'drop table' }, { op: 'and', args: [] }, { op: 'eq', left: { op: 'value' } }, { op: 'literal', value: { nested: true } }, { op: 'not', arg: { op: 'literal', value: true }, extra: 1 }];
    for (const expression of malformed) {
      const problems = checkDatasetSchema(withRule({ expression: expression as RuleExpression }), resolver);
      expect(problems.length, JSON.stringify(expression)).toBeGreaterThan(0);
    }
    let deep: RuleExpression = { op: 'literal', value: true };
    for (let index = 0; index < 40; index++) deep = { op: 'not', arg: deep };
    expect(codesOf(withRule({ expression: deep }))[0]).toMatch(/^RULE_TOO_COMPLEX/);
  });
});

describe('parseDatasetSchema', () => {
  it('reports shape problems of unknown JSON before meaning', () => {
    const result = parseDatasetSchema({ format: 1, tables: [{ name: 'Bad Name', label: { zh: 'x', en: 'x' }, fields: [] }] }, resolver);
    expect(result.definition).toBeNull();
    expect(result.problems[0]!.code).toBe('INVALID_SHAPE');
  });

  it('returns the definition when it is sound', () => {
    const result = parseDatasetSchema(JSON.parse(JSON.stringify(waterSectionsDefinition())), resolver);
    expect(result.problems).toEqual([]);
    expect(result.definition?.tables).toHaveLength(2);
  });
});

describe('codeListRefsOf', () => {
  it('lists field and rule code lists once', () => {
    const definition = withRule({ expression: { op: 'inCodeList', arg: { op: 'field', field: 'note' }, codeList: { code: 'HJ212_POLLUTANT' } } });
    expect(codeListRefsOf(definition)).toEqual([{ code: 'GB3838_CLASS' }, { code: 'GB3838_CLASS', version: '2002' }, { code: 'HJ212_POLLUTANT' }]);
  });
});
