import Value from 'typebox/value';
import {
  DatasetSchemaDefinition,
  GEOMETRY_FIELD_TYPES,
  NUMERIC_FIELD_TYPES,
  type CodeListRef,
  type CustomRule,
  type FieldDefinition,
  type SchemaProblem,
  type TableDefinition,
} from '../contracts/dataset-schema';
import { checkExpression, checkPatternText, type ExpressionScope } from './check-expression';
import { pointer, ProblemList, SchemaProblemCode } from './problems';

/**
 * What the checker needs to know about the dictionary. The checker is pure and synchronous, so
 * the caller looks the code lists up first (`codeListRefsOf` lists them) and answers from that.
 */
export interface SchemaCheckResolver {
  codeListExists(ref: CodeListRef): boolean;
  /** When given, `element` references are checked too. */
  elementExists?(code: string): boolean;
}

const TEXT_LIKE = ['string', 'text', 'code'] as const;
const MASKABLE_TEXT = ['string', 'text', 'code'] as const;

/**
 * Checks the meaning of a definition that already has the contract's shape (the route validated
 * it): unique names, keys, links and the scope field refer to existing fields of the right type,
 * field attributes fit the field type, patterns compile and are screened, code lists exist, and
 * every custom rule type-checks. Returns every problem found (empty = the definition is sound).
 */
export function checkDatasetSchema(definition: DatasetSchemaDefinition, resolver: SchemaCheckResolver): SchemaProblem[] {
  const problems = new ProblemList();
  const tableNames = new Set<string>();
  definition.tables.forEach((table, tableIndex) => {
    if (tableNames.has(table.name)) problems.add(pointer('tables', tableIndex, 'name'), SchemaProblemCode.DuplicateName, `Table name "${table.name}" is used twice`, `数据表名 "${table.name}" 重复`);
    tableNames.add(table.name);
    checkTable(table, tableIndex, definition, resolver, problems);
  });
  const referenceNames = new Set<string>();
  (definition.referenceTables ?? []).forEach((reference, index) => {
    if (referenceNames.has(reference.name) || tableNames.has(reference.name)) {
      problems.add(pointer('referenceTables', index, 'name'), SchemaProblemCode.DuplicateName, `Reference table name "${reference.name}" is already used`, `参照表名 "${reference.name}" 已被使用`);
    }
    referenceNames.add(reference.name);
    const columnNames = new Set<string>();
    reference.columns.forEach((column, columnIndex) => {
      if (columnNames.has(column.name)) problems.add(pointer('referenceTables', index, 'columns', columnIndex, 'name'), SchemaProblemCode.DuplicateName, `Column "${column.name}" is listed twice`, `列 "${column.name}" 重复`);
      columnNames.add(column.name);
    });
  });
  const ruleCodes = new Set<string>();
  (definition.rules ?? []).forEach((rule, ruleIndex) => {
    if (ruleCodes.has(rule.code)) problems.add(pointer('rules', ruleIndex, 'code'), SchemaProblemCode.DuplicateName, `Rule code "${rule.code}" is used twice`, `规则编码 "${rule.code}" 重复`);
    ruleCodes.add(rule.code);
    checkRule(rule, ruleIndex, definition, resolver, problems);
  });
  return problems.items;
}

/**
 * Checks JSON of unknown shape (e.g. read back from storage or imported): first against the
 * TypeBox contract, then for meaning. Shape problems come back with the same `SchemaProblem` form.
 */
export function parseDatasetSchema(input: unknown, resolver: SchemaCheckResolver): { definition: DatasetSchemaDefinition; problems: [] } | { definition: null; problems: SchemaProblem[] } {
  if (!Value.Check(DatasetSchemaDefinition, input)) {
    const problems = [...Value.Errors(DatasetSchemaDefinition, input)].slice(0, 50).map((error) => ({
      path: error.instancePath,
      code: SchemaProblemCode.InvalidShape,
      message: `Not a valid schema definition: ${error.message}`,
      messageZh: `不符合数据集结构定义格式：${error.message}`,
    }));
    return { definition: null, problems };
  }
  const definition = input as DatasetSchemaDefinition;
  const problems = checkDatasetSchema(definition, resolver);
  return problems.length === 0 ? { definition, problems: [] } : { definition: null, problems };
}

/** Every code list a definition refers to (fields and `inCodeList` rules), without duplicates. */
export function codeListRefsOf(definition: DatasetSchemaDefinition): CodeListRef[] {
  const found = new Map<string, CodeListRef>();
  const add = (ref: CodeListRef) => found.set(`${ref.code}@${ref.version ?? ''}`, ref.version === undefined ? { code: ref.code } : { code: ref.code, version: ref.version });
  for (const table of definition.tables) for (const field of table.fields) if (field.codeList) add(field.codeList);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      if (record.op === 'inCodeList' && typeof record.codeList === 'object' && record.codeList !== null) {
        const ref = record.codeList as Record<string, unknown>;
        if (typeof ref.code === 'string') add({ code: ref.code, ...(typeof ref.version === 'string' ? { version: ref.version } : {}) });
      }
      Object.values(record).forEach(visit);
    }
  };
  for (const rule of definition.rules ?? []) visit(rule.expression);
  return [...found.values()];
}

function checkTable(table: TableDefinition, tableIndex: number, definition: DatasetSchemaDefinition, resolver: SchemaCheckResolver, problems: ProblemList): void {
  const at = (...segments: (string | number)[]) => pointer('tables', tableIndex, ...segments);
  const fieldNames = new Set<string>();
  table.fields.forEach((field, fieldIndex) => {
    if (fieldNames.has(field.name)) problems.add(at('fields', fieldIndex, 'name'), SchemaProblemCode.DuplicateName, `Field name "${field.name}" is used twice in table "${table.name}"`, `数据表 "${table.name}" 中字段名 "${field.name}" 重复`);
    fieldNames.add(field.name);
    checkField(field, (...segments) => at('fields', fieldIndex, ...segments), resolver, problems);
  });

  const keyFieldsExist = (fields: string[], path: (...segments: (string | number)[]) => string): boolean => {
    let valid = true;
    const seen = new Set<string>();
    fields.forEach((name, index) => {
      const field = table.fields.find((candidate) => candidate.name === name);
      if (!field) {
        problems.add(path(index), SchemaProblemCode.UnknownField, `Table "${table.name}" has no field "${name}"`, `数据表 "${table.name}" 没有字段 "${name}"`);
        valid = false;
      } else if (GEOMETRY_FIELD_TYPES.includes(field.type)) {
        problems.add(path(index), SchemaProblemCode.WrongFieldType, `Geometry field "${name}" cannot be part of a key`, `几何字段 "${name}" 不能作为键`);
        valid = false;
      }
      if (seen.has(name)) {
        problems.add(path(index), SchemaProblemCode.DuplicateName, `Field "${name}" is listed twice in the key`, `键中字段 "${name}" 重复`);
        valid = false;
      }
      seen.add(name);
    });
    return valid;
  };
  if (table.primaryKey) keyFieldsExist(table.primaryKey, (index) => at('primaryKey', index));
  (table.uniqueKeys ?? []).forEach((key, keyIndex) => keyFieldsExist(key, (index) => at('uniqueKeys', keyIndex, index)));

  if (table.scopeField !== undefined) {
    const field = table.fields.find((candidate) => candidate.name === table.scopeField);
    if (!field) problems.add(at('scopeField'), SchemaProblemCode.UnknownField, `Table "${table.name}" has no field "${table.scopeField}"`, `数据表 "${table.name}" 没有字段 "${table.scopeField}"`);
    else if (field.type !== 'division') problems.add(at('scopeField'), SchemaProblemCode.WrongFieldType, `The scope field must be a division (GB/T 2260) field; "${field.name}" is ${field.type}`, `范围字段必须是行政区划（GB/T 2260）字段；"${field.name}" 是 ${field.type}`);
  }

  (table.links ?? []).forEach((link, linkIndex) => {
    if (!keyFieldsExist(link.fields, (index) => at('links', linkIndex, 'fields', index))) return;
    const target = definition.tables.find((candidate) => candidate.name === link.references.table);
    if (!target) {
      problems.add(at('links', linkIndex, 'references', 'table'), SchemaProblemCode.UnknownTable, `Unknown table "${link.references.table}"`, `数据表 "${link.references.table}" 不存在`);
      return;
    }
    if (link.fields.length !== link.references.fields.length) {
      problems.add(at('links', linkIndex), SchemaProblemCode.KeyMismatch, 'A link must list as many fields as it references', '关联的字段数必须与被引用的字段数相同');
      return;
    }
    const targetKeys = [target.primaryKey, ...(target.uniqueKeys ?? [])].filter((key): key is string[] => key !== undefined);
    const referenced = [...link.references.fields].sort().join(',');
    if (!targetKeys.some((key) => [...key].sort().join(',') === referenced)) {
      problems.add(at('links', linkIndex, 'references', 'fields'), SchemaProblemCode.KeyMismatch, `A link must reference the primary key or a unique key of "${target.name}"`, `关联必须引用 "${target.name}" 的主键或唯一键`);
      return;
    }
    link.references.fields.forEach((name, index) => {
      const targetField = target.fields.find((candidate) => candidate.name === name);
      const sourceField = table.fields.find((candidate) => candidate.name === link.fields[index]);
      if (targetField && sourceField && !compatibleKeyTypes(sourceField, targetField)) {
        problems.add(at('links', linkIndex, 'fields', index), SchemaProblemCode.WrongFieldType, `"${sourceField.name}" (${sourceField.type}) cannot refer to "${target.name}.${targetField.name}" (${targetField.type})`, `"${sourceField.name}"（${sourceField.type}）不能引用 "${target.name}.${targetField.name}"（${targetField.type}）`);
      }
    });
  });
}

function compatibleKeyTypes(source: FieldDefinition, target: FieldDefinition): boolean {
  if (source.type === target.type) return true;
  const textual = ['string', 'code', 'division'];
  return textual.includes(source.type) && textual.includes(target.type);
}

function checkField(field: FieldDefinition, at: (...segments: (string | number)[]) => string, resolver: SchemaCheckResolver, problems: ProblemList): void {
  const notApplicable = (attribute: string, applies: string) =>
    problems.add(at(attribute), SchemaProblemCode.AttributeNotApplicable, `"${attribute}" does not apply to ${field.type} fields (only ${applies})`, `"${attribute}" 不适用于 ${field.type} 字段（仅适用于 ${applies}）`);
  const numeric = NUMERIC_FIELD_TYPES.includes(field.type);
  if (field.unit !== undefined && !numeric) notApplicable('unit', 'integer, decimal');
  if (field.min !== undefined && !numeric) notApplicable('min', 'integer, decimal');
  if (field.max !== undefined && !numeric) notApplicable('max', 'integer, decimal');
  if (field.min !== undefined && field.max !== undefined && field.min > field.max) {
    problems.add(at('min'), SchemaProblemCode.InvalidRange, `min (${field.min}) is greater than max (${field.max})`, `最小值（${field.min}）大于最大值（${field.max}）`);
  }
  if (field.precision !== undefined && field.type !== 'decimal') notApplicable('precision', 'decimal');
  if (field.maxLength !== undefined && !(TEXT_LIKE as readonly string[]).includes(field.type)) notApplicable('maxLength', TEXT_LIKE.join(', '));
  if (field.pattern !== undefined) {
    if (!(TEXT_LIKE as readonly string[]).includes(field.type)) notApplicable('pattern', TEXT_LIKE.join(', '));
    else checkPatternText(field.pattern, at('pattern'), problems);
  }
  if (field.type === 'code' && !field.codeList) {
    problems.add(at('codeList'), SchemaProblemCode.MissingCodeList, `Code field "${field.name}" needs a code list`, `代码字段 "${field.name}" 需要指定代码集`);
  }
  if (field.codeList) {
    if (field.type !== 'code') notApplicable('codeList', 'code');
    else if (!resolver.codeListExists(field.codeList)) {
      const label = field.codeList.version ? `${field.codeList.code}@${field.codeList.version}` : field.codeList.code;
      problems.add(at('codeList'), SchemaProblemCode.UnknownCodeList, `Unknown code list ${label}`, `代码集 ${label} 不存在`);
    }
  }
  if (field.element !== undefined && resolver.elementExists && !resolver.elementExists(field.element)) {
    problems.add(at('element'), SchemaProblemCode.UnknownElement, `Unknown data element "${field.element}"`, `数据元 "${field.element}" 不存在`);
  }
  if (field.mask) {
    const kind = field.mask.kind;
    if (kind === 'round_coordinates' && !GEOMETRY_FIELD_TYPES.includes(field.type)) {
      problems.add(at('mask'), SchemaProblemCode.AttributeNotApplicable, 'Rounding coordinates applies to point, line and polygon fields', '坐标取整只适用于点、线、面字段');
    } else if ((kind === 'phone' || kind === 'id_number' || kind === 'name') && !(MASKABLE_TEXT as readonly string[]).includes(field.type)) {
      problems.add(at('mask'), SchemaProblemCode.AttributeNotApplicable, `The ${kind} mask applies to text fields`, `${kind} 脱敏规则只适用于文本字段`);
    }
  }
}

function checkRule(rule: CustomRule, ruleIndex: number, definition: DatasetSchemaDefinition, resolver: SchemaCheckResolver, problems: ProblemList): void {
  const at = (...segments: (string | number)[]) => pointer('rules', ruleIndex, ...segments);
  const table = rule.table === undefined ? undefined : definition.tables.find((candidate) => candidate.name === rule.table);
  if (rule.table !== undefined && !table) {
    problems.add(at('table'), SchemaProblemCode.UnknownTable, `Unknown table "${rule.table}"`, `数据表 "${rule.table}" 不存在`);
    return;
  }
  if (rule.level === 'dataset' && rule.table !== undefined) {
    problems.add(at('table'), SchemaProblemCode.RuleScope, 'Dataset rules are not attached to a table (name tables inside the aggregates)', '数据集级规则不挂在数据表上（请在聚合中指明数据表）');
    return;
  }
  if (rule.level !== 'dataset' && !table) {
    problems.add(at(), SchemaProblemCode.RuleScope, `A ${rule.level} rule needs "table"`, `${rule.level} 级规则需要指定 "table"`);
    return;
  }
  let field: FieldDefinition | undefined;
  if (rule.level === 'field') {
    field = rule.field === undefined ? undefined : table?.fields.find((candidate) => candidate.name === rule.field);
    if (!field) {
      problems.add(at('field'), rule.field === undefined ? SchemaProblemCode.RuleScope : SchemaProblemCode.UnknownField, rule.field === undefined ? 'A field rule needs "field"' : `Table "${rule.table}" has no field "${rule.field}"`, rule.field === undefined ? '字段级规则需要指定 "field"' : `数据表 "${rule.table}" 没有字段 "${rule.field}"`);
      return;
    }
  } else if (rule.field !== undefined) {
    problems.add(at('field'), SchemaProblemCode.RuleScope, `Only field rules have "field"; this is a ${rule.level} rule`, `只有字段级规则才有 "field"；这是 ${rule.level} 级规则`);
    return;
  }
  const recordLevel = rule.level === 'field' || rule.level === 'record';
  const scope: ExpressionScope = {
    level: rule.level,
    recordTable: recordLevel ? table : undefined,
    valueField: field,
    ruleTable: rule.level === 'table' ? table : undefined,
  };
  const kind = checkExpression(rule.expression, at('expression'), scope, { definition, problems, codeListExists: (ref) => resolver.codeListExists(ref) });
  if (kind !== 'invalid' && kind !== 'boolean') {
    problems.add(at('expression'), SchemaProblemCode.RuleType, `A rule must be a condition (boolean), not ${String(kind)}`, `规则必须是条件（布尔值），而不是 ${String(kind)}`);
  }
}
