import {
  ARITHMETIC_OPERATORS,
  COMPARISON_OPERATORS,
  DATE_PART_OPERATORS,
  NUMERIC_AGGREGATES,
  RULE_OPERATORS,
  type CodeListRef,
  type DatasetSchemaDefinition,
  type FieldDefinition,
  type Literal,
  type RuleLevel,
  type TableDefinition,
} from '../contracts/dataset-schema';
import { pointer, type ProblemList, SchemaProblemCode } from './problems';
import { screenPattern } from './regex-safety';
import { kindOfFieldType, kindOfLiteral, parseInstant, type ValueKind } from './value-kinds';

/** Limits that keep one rule cheap to check and to run. */
export const MAX_EXPRESSION_DEPTH = 24;
export const MAX_EXPRESSION_NODES = 400;
export const MAX_IN_VALUES = 500;

/** Where an expression is evaluated: which record its `field` nodes read, whether `value` exists. */
export interface ExpressionScope {
  level: RuleLevel;
  /** Table whose record `field` nodes read; undefined outside a record context. */
  recordTable: TableDefinition | undefined;
  /** The rule's own field (field rules): what `value` means. */
  valueField: FieldDefinition | undefined;
  /** The rule's table: the default table of aggregates (table rules). */
  ruleTable: TableDefinition | undefined;
}

export interface ExpressionCheckEnvironment {
  definition: DatasetSchemaDefinition;
  problems: ProblemList;
  codeListExists: (ref: CodeListRef) => boolean;
}

/** What a node evaluates to: a kind, `null` for a literal null (fits any kind), or invalid. */
type NodeKind = ValueKind | null | 'invalid';

const OPERATOR_KEYS: Record<string, readonly string[]> = {
  value: [],
  field: ['field'],
  literal: ['value'],
  and: ['args'],
  or: ['args'],
  not: ['arg'],
  ifThen: ['if', 'then'],
  isBlank: ['arg'],
  in: ['arg', 'values'],
  matches: ['arg', 'pattern'],
  eqIgnoreCase: ['left', 'right'],
  len: ['arg'],
  abs: ['arg'],
  inCodeList: ['arg', 'codeList'],
  lookup: ['arg', 'in', 'column'],
  count: ['table', 'where'],
  unique: ['table', 'fields', 'where'],
  existsIn: ['table', 'fields', 'in', 'columns', 'bothWays'],
  ...Object.fromEntries(COMPARISON_OPERATORS.map((op) => [op, ['left', 'right']])),
  ...Object.fromEntries(ARITHMETIC_OPERATORS.map((op) => [op, ['left', 'right']])),
  ...Object.fromEntries(DATE_PART_OPERATORS.map((op) => [op, ['arg']])),
  ...Object.fromEntries(NUMERIC_AGGREGATES.map((op) => [op, ['table', 'field', 'where']])),
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isLiteral = (value: unknown): value is Literal =>
  value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

/**
 * Type-checks a rule expression tree against the schema and reports every problem with its
 * JSON path. Returns the expression's kind (rules must be boolean — the caller checks that).
 */
export function checkExpression(node: unknown, path: string, scope: ExpressionScope, env: ExpressionCheckEnvironment): NodeKind {
  const counter = { nodes: 0, tooComplexReported: false };
  return walk(node, path, scope, env, 0, counter);
}

function walk(node: unknown, path: string, scope: ExpressionScope, env: ExpressionCheckEnvironment, depth: number, counter: { nodes: number; tooComplexReported: boolean }): NodeKind {
  const { problems } = env;
  counter.nodes++;
  if (depth > MAX_EXPRESSION_DEPTH || counter.nodes > MAX_EXPRESSION_NODES) {
    if (!counter.tooComplexReported) {
      counter.tooComplexReported = true;
      problems.add(path, SchemaProblemCode.RuleTooComplex, `Rule expression is too deep or too large (max depth ${MAX_EXPRESSION_DEPTH}, max ${MAX_EXPRESSION_NODES} nodes)`, `规则表达式嵌套过深或过大（最多 ${MAX_EXPRESSION_DEPTH} 层、${MAX_EXPRESSION_NODES} 个节点）`);
    }
    return 'invalid';
  }
  if (!isRecord(node) || typeof node.op !== 'string' || !(RULE_OPERATORS as readonly string[]).includes(node.op)) {
    problems.add(path, SchemaProblemCode.InvalidShape, 'Expected a rule expression object with a known "op"', '应为含有效 op 的规则表达式对象');
    return 'invalid';
  }
  const op = node.op;
  const allowed = OPERATOR_KEYS[op] ?? [];
  for (const key of Object.keys(node)) {
    if (key !== 'op' && !allowed.includes(key)) {
      problems.add(pointer(...splitPath(path), key), SchemaProblemCode.InvalidShape, `Unknown property "${key}" for operator "${op}"`, `运算符 "${op}" 不支持属性 "${key}"`);
      return 'invalid';
    }
  }
  const child = (key: string, childScope: ExpressionScope = scope): NodeKind => {
    if (!(key in node)) {
      problems.add(path, SchemaProblemCode.InvalidShape, `Operator "${op}" needs "${key}"`, `运算符 "${op}" 缺少 "${key}"`);
      return 'invalid';
    }
    return walk(node[key], `${path}/${key}`, childScope, env, depth + 1, counter);
  };
  const typeError = (message: string, messageZh: string): 'invalid' => {
    problems.add(path, SchemaProblemCode.RuleType, message, messageZh);
    return 'invalid';
  };
  const scopeError = (message: string, messageZh: string): 'invalid' => {
    problems.add(path, SchemaProblemCode.RuleScope, message, messageZh);
    return 'invalid';
  };

  switch (op) {
    case 'value': {
      if (!scope.valueField) return scopeError('"value" is only available in field rules', '"value" 只能用于字段级规则');
      return kindOfFieldType(scope.valueField.type);
    }
    case 'field': {
      if (typeof node.field !== 'string') return typeError('"field" must name a field', '"field" 应为字段名');
      if (!scope.recordTable) return scopeError('Field references need a record (record or field rules, or an aggregate\'s "where")', '字段引用只能用于记录级、字段级规则或聚合的 where 条件');
      const field = scope.recordTable.fields.find((candidate) => candidate.name === node.field);
      if (!field) {
        problems.add(`${path}/field`, SchemaProblemCode.UnknownField, `Table "${scope.recordTable.name}" has no field "${node.field}"`, `数据表 "${scope.recordTable.name}" 没有字段 "${node.field}"`);
        return 'invalid';
      }
      return kindOfFieldType(field.type);
    }
    case 'literal': {
      if (!('value' in node) || !isLiteral(node.value)) return typeError('A literal is a string, a finite number, a boolean or null', '字面量应为字符串、有限数字、布尔值或 null');
      return kindOfLiteral(node.value);
    }
    case 'and':
    case 'or': {
      if (!Array.isArray(node.args) || node.args.length === 0) return typeError(`"${op}" needs a non-empty "args" list`, `"${op}" 需要非空的 args 列表`);
      let valid = true;
      node.args.forEach((arg, index) => {
        const kind = walk(arg, `${path}/args/${index}`, scope, env, depth + 1, counter);
        if (kind === 'invalid') valid = false;
        else if (kind !== 'boolean' && kind !== null) {
          valid = false;
          problems.add(`${path}/args/${index}`, SchemaProblemCode.RuleType, `"${op}" takes conditions (booleans), not ${kind}`, `"${op}" 的参数应为条件（布尔值），而不是 ${kind}`);
        }
      });
      return valid ? 'boolean' : 'invalid';
    }
    case 'not':
      return expectKinds([child('arg')], ['boolean'], typeError, op);
    case 'ifThen':
      return expectKinds([child('if'), child('then')], ['boolean'], typeError, op);
    case 'isBlank':
      return child('arg') === 'invalid' ? 'invalid' : 'boolean';
    case 'eq':
    case 'ne':
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le': {
      const left = child('left');
      const right = child('right');
      if (left === 'invalid' || right === 'invalid') return 'invalid';
      const ordered = op !== 'eq' && op !== 'ne';
      return compareKinds(node, left, right, ordered, typeError);
    }
    case 'eqIgnoreCase':
      return expectKinds([child('left'), child('right')], ['text'], typeError, op) === 'invalid' ? 'invalid' : 'boolean';
    case 'in': {
      const kind = child('arg');
      if (kind === 'invalid') return kind;
      if (!Array.isArray(node.values) || node.values.length === 0 || node.values.length > MAX_IN_VALUES || !node.values.every(isLiteral)) {
        return typeError(`"in" needs 1–${MAX_IN_VALUES} literal values`, `"in" 需要 1–${MAX_IN_VALUES} 个字面量`);
      }
      if (kind === 'geometry') return typeError('Geometries cannot be compared with "in"', '几何值不能用 "in" 比较');
      for (const value of node.values) {
        const literalKind = kindOfLiteral(value);
        if (literalKind !== null && kind !== null && literalKind !== kind && !(kind === 'time' && literalKind === 'text')) {
          return typeError(`"in" values must be ${kind} like its argument`, `"in" 的取值应与参数同为 ${kind}`);
        }
        if (kind === 'time' && typeof value === 'string' && parseInstant(value, true) === null) {
          return typeError(`"${value}" is not a date or datetime`, `"${value}" 不是有效的日期或时间`);
        }
      }
      return 'boolean';
    }
    case 'matches': {
      const kind = child('arg');
      if (kind === 'invalid') return kind;
      if (kind !== 'text' && kind !== null) return typeError('"matches" applies to text', '"matches" 只能用于文本');
      if (typeof node.pattern !== 'string') return typeError('"pattern" must be a string', '"pattern" 应为字符串');
      return checkPatternText(node.pattern, `${path}/pattern`, env.problems) ? 'boolean' : 'invalid';
    }
    case 'len': {
      const kind = child('arg');
      if (kind === 'invalid') return kind;
      return kind === 'text' || kind === null ? 'number' : typeError('"len" applies to text', '"len" 只能用于文本');
    }
    case 'year':
    case 'month':
    case 'day': {
      const kind = child('arg');
      if (kind === 'invalid') return kind;
      return kind === 'time' || kind === null ? 'number' : typeError(`"${op}" applies to dates`, `"${op}" 只能用于日期`);
    }
    case 'add':
    case 'sub':
    case 'mul':
    case 'div':
      return expectKinds([child('left'), child('right')], ['number'], typeError, op) === 'invalid' ? 'invalid' : 'number';
    case 'abs':
      return expectKinds([child('arg')], ['number'], typeError, op) === 'invalid' ? 'invalid' : 'number';
    case 'inCodeList': {
      const kind = child('arg');
      if (kind === 'invalid') return kind;
      if (kind !== 'text' && kind !== null) return typeError('"inCodeList" applies to text', '"inCodeList" 只能用于文本');
      const ref = node.codeList;
      if (!isRecord(ref) || typeof ref.code !== 'string' || (ref.version !== undefined && typeof ref.version !== 'string')) {
        return typeError('"codeList" must be { code, version? }', '"codeList" 应为 { code, version? }');
      }
      if (!env.codeListExists({ code: ref.code, ...(typeof ref.version === 'string' ? { version: ref.version } : {}) })) {
        problems.add(`${path}/codeList`, SchemaProblemCode.UnknownCodeList, `Unknown code list ${describeCodeList(ref.code, ref.version)}`, `代码集 ${describeCodeList(ref.code, ref.version)} 不存在`);
        return 'invalid';
      }
      return 'boolean';
    }
    case 'lookup': {
      const kind = child('arg');
      if (kind === 'invalid') return kind;
      if (typeof node.column !== 'string') return typeError('"column" must name a column', '"column" 应为列名');
      const columns = resolveTableRef(node.in, `${path}/in`, env);
      if (!columns) return 'invalid';
      const column = columns.find((candidate) => candidate.name === node.column);
      if (!column) {
        problems.add(`${path}/column`, SchemaProblemCode.UnknownField, `The looked-up table has no column "${node.column}"`, `查找的数据表没有列 "${node.column}"`);
        return 'invalid';
      }
      const columnKind = kindOfFieldType(column.type);
      if (kind !== null && kind !== columnKind) return typeError(`Looking up a ${kind} value in a ${columnKind} column`, `不能在 ${columnKind} 列中查找 ${kind} 值`);
      return 'boolean';
    }
    case 'count':
    case 'sum':
    case 'avg':
    case 'min':
    case 'max':
    case 'unique': {
      const table = aggregateTable(node, path, scope, env);
      if (!table) return 'invalid';
      const whereScope: ExpressionScope = { level: scope.level, recordTable: table, valueField: undefined, ruleTable: undefined };
      if ('where' in node) {
        const whereKind = walk(node.where, `${path}/where`, whereScope, env, depth + 1, counter);
        if (whereKind === 'invalid') return whereKind;
        if (whereKind !== 'boolean') return typeError('"where" must be a condition', '"where" 应为条件');
      }
      if (op === 'count') return 'number';
      if (op === 'unique') {
        return checkFieldList(node.fields, `${path}/fields`, table, env, false) ? 'boolean' : 'invalid';
      }
      if (typeof node.field !== 'string') return typeError('"field" must name a field', '"field" 应为字段名');
      const field = table.fields.find((candidate) => candidate.name === node.field);
      if (!field) {
        problems.add(`${path}/field`, SchemaProblemCode.UnknownField, `Table "${table.name}" has no field "${node.field}"`, `数据表 "${table.name}" 没有字段 "${node.field}"`);
        return 'invalid';
      }
      if (kindOfFieldType(field.type) !== 'number') return typeError(`"${op}" needs a numeric field`, `"${op}" 需要数值字段`);
      return 'number';
    }
    case 'existsIn': {
      const table = aggregateTable(node, path, scope, env);
      if (!table) return 'invalid';
      if (!checkFieldList(node.fields, `${path}/fields`, table, env, false)) return 'invalid';
      const targetColumns = resolveTableRef(node.in, `${path}/in`, env);
      if (!targetColumns) return 'invalid';
      if (node.bothWays !== undefined && typeof node.bothWays !== 'boolean') return typeError('"bothWays" must be a boolean', '"bothWays" 应为布尔值');
      const fields = node.fields as string[];
      if (!Array.isArray(node.columns) || node.columns.length !== fields.length) {
        return typeError('"columns" must list as many columns as "fields"', '"columns" 的列数应与 "fields" 相同');
      }
      for (const [index, columnName] of node.columns.entries()) {
        const column = targetColumns.find((candidate) => candidate.name === columnName);
        if (!column) {
          problems.add(`${path}/columns/${index}`, SchemaProblemCode.UnknownField, `The target table has no column "${String(columnName)}"`, `目标数据表没有列 "${String(columnName)}"`);
          return 'invalid';
        }
        const source = table.fields.find((candidate) => candidate.name === fields[index]);
        if (source && kindOfFieldType(source.type) !== kindOfFieldType(column.type)) {
          return typeError(`Field "${source.name}" and column "${column.name}" have different types`, `字段 "${source.name}" 与列 "${column.name}" 类型不同`);
        }
      }
      return 'boolean';
    }
    default:
      return typeError(`Unsupported operator "${op}"`, `不支持的运算符 "${op}"`);
  }
}

function splitPath(path: string): string[] {
  return path.split('/').slice(1);
}

function describeCodeList(code: unknown, version: unknown): string {
  return typeof version === 'string' ? `${String(code)}@${version}` : String(code);
}

function expectKinds(kinds: NodeKind[], accepted: ValueKind[], typeError: (message: string, messageZh: string) => 'invalid', op: string): NodeKind {
  if (kinds.includes('invalid')) return 'invalid';
  for (const kind of kinds) {
    if (kind !== null && !accepted.includes(kind as ValueKind)) {
      return typeError(`"${op}" takes ${accepted.join(' or ')}, not ${String(kind)}`, `"${op}" 的参数应为 ${accepted.join(' 或 ')}，而不是 ${String(kind)}`);
    }
  }
  return accepted.length === 1 && accepted[0] === 'boolean' ? 'boolean' : (accepted[0] ?? 'invalid');
}

function compareKinds(node: Record<string, unknown>, left: NodeKind, right: NodeKind, ordered: boolean, typeError: (message: string, messageZh: string) => 'invalid'): NodeKind {
  if (left === 'geometry' || right === 'geometry') return typeError('Geometries cannot be compared', '几何值不能比较');
  if (ordered && (left === 'boolean' || right === 'boolean')) return typeError('Booleans can only be tested for equality', '布尔值只能比较是否相等');
  if (left === null || right === null || left === right) return checkTimeLiterals(node, left, right, typeError);
  // A time compared with a text literal: the literal must be a date (checked below).
  if ((left === 'time' && right === 'text') || (left === 'text' && right === 'time')) return checkTimeLiterals(node, left, right, typeError);
  return typeError(`Cannot compare ${left} with ${right}`, `不能比较 ${left} 与 ${right}`);
}

function checkTimeLiterals(node: Record<string, unknown>, left: NodeKind, right: NodeKind, typeError: (message: string, messageZh: string) => 'invalid'): NodeKind {
  if (left !== 'time' && right !== 'time') return 'boolean';
  for (const [side, kind] of [[node.left, left], [node.right, right]] as const) {
    if (kind !== 'text') continue;
    // Text meets a time only as a literal, which must then be a real date or datetime.
    const isLiteralText = isRecord(side) && side.op === 'literal' && typeof side.value === 'string';
    if (!isLiteralText) return typeError('A date can only be compared with a date or a date literal', '日期只能与日期或日期字面量比较');
    if (parseInstant(side.value as string, true) === null) {
      return typeError(`"${String(side.value)}" is not a date or datetime (YYYY-MM-DD or YYYY-MM-DDTHH:mm:ss)`, `"${String(side.value)}" 不是有效的日期或时间（YYYY-MM-DD 或 YYYY-MM-DDTHH:mm:ss）`);
    }
  }
  return 'boolean';
}

export function checkPatternText(pattern: string, path: string, problems: ProblemList): boolean {
  const verdict = screenPattern(pattern);
  if (verdict === null) return true;
  if (verdict === 'invalid') problems.add(path, SchemaProblemCode.InvalidPattern, 'The regular expression does not compile', '正则表达式无法编译');
  else if (verdict === 'too_long') problems.add(path, SchemaProblemCode.InvalidPattern, 'The regular expression is longer than 200 characters', '正则表达式超过 200 个字符');
  else problems.add(path, SchemaProblemCode.UnsafePattern, 'The regular expression may backtrack catastrophically (nested quantifiers or back-references)', '正则表达式可能导致灾难性回溯（嵌套量词或反向引用）');
  return false;
}

/** Columns of a `{ table }` or `{ reference }` target, or undefined after reporting a problem. */
function resolveTableRef(ref: unknown, path: string, env: ExpressionCheckEnvironment): { name: string; type: FieldDefinition['type'] }[] | undefined {
  if (isRecord(ref) && typeof ref.table === 'string' && !('reference' in ref)) {
    const table = env.definition.tables.find((candidate) => candidate.name === ref.table);
    if (table) return table.fields;
    env.problems.add(`${path}/table`, SchemaProblemCode.UnknownTable, `Unknown table "${ref.table}"`, `数据表 "${ref.table}" 不存在`);
    return undefined;
  }
  if (isRecord(ref) && typeof ref.reference === 'string' && !('table' in ref)) {
    const reference = (env.definition.referenceTables ?? []).find((candidate) => candidate.name === ref.reference);
    if (reference) return reference.columns;
    env.problems.add(`${path}/reference`, SchemaProblemCode.UnknownTable, `Unknown reference table "${ref.reference}"`, `参照表 "${ref.reference}" 不存在`);
    return undefined;
  }
  env.problems.add(path, SchemaProblemCode.InvalidShape, 'Expected { table } or { reference }', '应为 { table } 或 { reference }');
  return undefined;
}

function aggregateTable(node: Record<string, unknown>, path: string, scope: ExpressionScope, env: ExpressionCheckEnvironment): TableDefinition | undefined {
  if (scope.level !== 'table' && scope.level !== 'dataset') {
    env.problems.add(path, SchemaProblemCode.RuleScope, 'Aggregates are only available in table and dataset rules', '聚合只能用于表级和数据集级规则');
    return undefined;
  }
  if (scope.recordTable) {
    env.problems.add(path, SchemaProblemCode.RuleScope, 'Aggregates cannot be nested inside "where"', '聚合不能嵌套在 where 条件中');
    return undefined;
  }
  if (node.table === undefined) {
    if (scope.ruleTable) return scope.ruleTable;
    env.problems.add(path, SchemaProblemCode.RuleScope, 'Dataset rules must name the table of each aggregate', '数据集级规则的聚合必须指明数据表');
    return undefined;
  }
  const table = typeof node.table === 'string' ? env.definition.tables.find((candidate) => candidate.name === node.table) : undefined;
  if (!table) env.problems.add(`${path}/table`, SchemaProblemCode.UnknownTable, `Unknown table "${String(node.table)}"`, `数据表 "${String(node.table)}" 不存在`);
  return table;
}

function checkFieldList(fields: unknown, path: string, table: TableDefinition, env: ExpressionCheckEnvironment, allowGeometry: boolean): boolean {
  if (!Array.isArray(fields) || fields.length === 0 || fields.length > 8 || !fields.every((name) => typeof name === 'string')) {
    env.problems.add(path, SchemaProblemCode.InvalidShape, 'Expected a list of 1–8 field names', '应为 1–8 个字段名的列表');
    return false;
  }
  let valid = true;
  fields.forEach((name: string, index) => {
    const field = table.fields.find((candidate) => candidate.name === name);
    if (!field) {
      env.problems.add(`${path}/${index}`, SchemaProblemCode.UnknownField, `Table "${table.name}" has no field "${name}"`, `数据表 "${table.name}" 没有字段 "${name}"`);
      valid = false;
    } else if (!allowGeometry && kindOfFieldType(field.type) === 'geometry') {
      env.problems.add(`${path}/${index}`, SchemaProblemCode.WrongFieldType, `Geometry field "${name}" cannot be part of a key`, `几何字段 "${name}" 不能作为键`);
      valid = false;
    }
  });
  return valid;
}
