import type { CodeListRef, CustomRule, DatasetSchemaDefinition, FieldDefinition, RuleLevel, SchemaProblem, TableDefinition } from '../contracts/dataset-schema';
import { RULE_SEVERITIES, type RuleSeverity } from '../contracts/sharing';
import { checkDatasetSchema } from './check-schema';
import { codeListKey, compileExpression, keyOf, type EvaluationContext, type Evaluator, type InternalRow } from './compile-rule';
import { compileFieldParser, type FieldParser, type ValueProblemKind } from './parse-value';

/**
 * The row validation engine (used by the releases part): types, units, ranges, precision,
 * lengths and patterns, code lists (with their lifecycle), required fields, primary and unique
 * keys, links between tables, geometry, then the custom rules. Pure and synchronous; everything
 * is compiled once per run, rows are visited in tight loops.
 */

/** One entry of a resolved code list; `retiredAt` (epoch ms) and the named replacement when retired. */
export interface CodeListEntryInput {
  code: string;
  retiredAt?: number | null;
  replacementCode?: string | null;
}

/** A code list as the dictionary resolved it for one reference of the definition. */
export interface ResolvedCodeListInput {
  ref: CodeListRef;
  entries: readonly CodeListEntryInput[];
}

/**
 * The instant a row's data refers to, against which retired codes are judged: a retired code is
 * fine for data dated before its retirement and gives a warning on newer data. Either one instant
 * for the whole upload (`at`; "new data" = now), optionally overridden per table by a date or
 * datetime field of the row (e.g. the sampling date); rows whose field is blank use `at`.
 */
export interface ReferenceDate {
  at: number;
  fieldByTable?: Readonly<Record<string, string>>;
}

/** Codes and default severities of the automatic rules (generated from the schema, as in Reportnet). */
export const AUTOMATIC_RULES = {
  type: { code: 'FT-001', severity: 'ERROR' },
  required: { code: 'FC-001', severity: 'ERROR' },
  unit: { code: 'FU-001', severity: 'ERROR' },
  range: { code: 'FR-001', severity: 'ERROR' },
  precision: { code: 'FP-001', severity: 'ERROR' },
  length: { code: 'FL-001', severity: 'ERROR' },
  pattern: { code: 'FX-001', severity: 'ERROR' },
  geometry: { code: 'FG-001', severity: 'BLOCKER' },
  codeList: { code: 'CL-001', severity: 'ERROR' },
  retiredCode: { code: 'CL-002', severity: 'WARNING' },
  uniqueness: { code: 'TU-001', severity: 'BLOCKER' },
  link: { code: 'TC-001', severity: 'BLOCKER' },
  mandatoryTable: { code: 'TB-001', severity: 'BLOCKER' },
  unknownTable: { code: 'TB-002', severity: 'ERROR' },
  unknownColumn: { code: 'TF-001', severity: 'WARNING' },
  malformedRow: { code: 'RW-001', severity: 'BLOCKER' },
} as const satisfies Record<string, { code: string; severity: RuleSeverity }>;
export type AutomaticRuleKind = keyof typeof AUTOMATIC_RULES;

export interface ValidationInput {
  definition: DatasetSchemaDefinition;
  /** Rows per table, values as parsed from JSON, CSV or XLSX (strings, numbers, booleans, GeoJSON). */
  tables: Readonly<Record<string, readonly unknown[]>>;
  /** One entry per code list reference of the definition (see `codeListRefsOf`). */
  codeLists: readonly ResolvedCodeListInput[];
  /** Rows of the definition's reference tables, by reference name. */
  referenceTables?: Readonly<Record<string, readonly unknown[]>>;
  referenceDate: ReferenceDate;
  /** Results kept per rule code (counts stay exact); default 1000. */
  maxResultsPerRule?: number;
  /** Overrides of the automatic rules' severities. */
  severities?: Partial<Record<AutomaticRuleKind, RuleSeverity>>;
}

export interface ValidationResultItem {
  ruleCode: string;
  severity: RuleSeverity;
  level: RuleLevel;
  table: string | null;
  /** 1-based position of the row in its table's input; null for table and dataset results. */
  rowNo: number | null;
  field: string | null;
  value: unknown;
  message: string;
  messageZh: string;
}

export interface RuleSummary {
  ruleCode: string;
  severity: RuleSeverity;
  count: number;
  truncated: boolean;
}

/** A validated row: field → normalised value (dates `YYYY-MM-DD`, datetimes ISO UTC, null when blank or invalid). */
export type TypedRow = Record<string, unknown>;

export interface ValidationOutput {
  results: ValidationResultItem[];
  truncated: boolean;
  counts: Record<RuleSeverity, number>;
  byRule: RuleSummary[];
  /** True when any BLOCKER result exists: such data cannot be released. */
  blocked: boolean;
  rows: Record<string, TypedRow[]>;
  rowCounts: Record<string, number>;
}

export class InvalidDefinitionError extends Error {
  constructor(readonly problems: SchemaProblem[]) {
    super(`The dataset schema definition has ${problems.length} problem(s): ${problems.map((problem) => `${problem.path} ${problem.message}`).join('; ')}`);
    this.name = 'InvalidDefinitionError';
  }
}

interface CompiledField {
  field: FieldDefinition;
  parse: FieldParser;
  required: boolean;
  codeList: Map<string, CodeListEntryInput> | undefined;
  /** Lower-cased code → canonical code: code lists match case-insensitively, as in Reportnet. */
  codeListFolded: Map<string, string> | undefined;
}

const DEFAULT_MAX_RESULTS = 1000;

/** Validates rows against a definition (which must pass `checkDatasetSchema` with the given code lists). */
export function validateRows(input: ValidationInput): ValidationOutput {
  const { definition } = input;
  const codeLists = new Map(input.codeLists.map((list) => [codeListKey(list.ref), list.entries]));
  const problems = checkDatasetSchema(definition, { codeListExists: (ref) => codeLists.has(codeListKey(ref)) });
  if (problems.length > 0) throw new InvalidDefinitionError(problems);

  const sink = new ResultSink(input.maxResultsPerRule ?? DEFAULT_MAX_RESULTS);
  const severityOf = (kind: AutomaticRuleKind): RuleSeverity => input.severities?.[kind] ?? AUTOMATIC_RULES[kind].severity;
  const automatic = (kind: AutomaticRuleKind, item: Omit<ValidationResultItem, 'ruleCode' | 'severity'>) =>
    sink.add({ ruleCode: AUTOMATIC_RULES[kind].code, severity: severityOf(kind), ...item });

  for (const name of Object.keys(input.tables)) {
    if (!definition.tables.some((table) => table.name === name)) {
      automatic('unknownTable', { level: 'dataset', table: name, rowNo: null, field: null, value: name, message: `Table "${name}" is not part of the schema`, messageZh: `数据表 "${name}" 不在数据集结构中` });
    }
  }

  const internalTables = new Map<string, InternalRow[]>();
  const output: Record<string, TypedRow[]> = {};
  const rowCounts: Record<string, number> = {};
  for (const table of definition.tables) {
    const rows = Array.isArray(input.tables[table.name]) ? input.tables[table.name]! : [];
    const { internal, typed } = typeTable(table, rows, codeLists, input.referenceDate, automatic);
    internalTables.set(table.name, internal);
    output[table.name] = typed;
    rowCounts[table.name] = rows.length;
    if (table.required && rows.length === 0) {
      automatic('mandatoryTable', { level: 'table', table: table.name, rowNo: null, field: null, value: null, message: `Table "${table.name}" is mandatory but has no rows`, messageZh: `数据表 "${table.name}" 为必填表，但没有数据` });
    }
    checkKeys(table, internal, automatic);
  }
  for (const table of definition.tables) checkLinks(table, internalTables, automatic);

  const context: EvaluationContext = {
    tables: internalTables,
    referenceTables: typeReferenceTables(definition, input.referenceTables ?? {}),
    codeLists: new Map([...codeLists].map(([key, entries]) => [key, new Set(entries.map((entry) => entry.code))])),
    memo: new Map(),
  };
  for (const rule of definition.rules ?? []) {
    if (rule.enabled === false) continue;
    runRule(rule, definition, internalTables, context, sink);
  }
  return sink.finish(output, rowCounts);
}

type AutomaticSink = (kind: AutomaticRuleKind, item: Omit<ValidationResultItem, 'ruleCode' | 'severity'>) => void;

function typeTable(
  table: TableDefinition,
  rows: readonly unknown[],
  codeLists: Map<string, readonly CodeListEntryInput[]>,
  referenceDate: ReferenceDate,
  automatic: AutomaticSink,
): { internal: InternalRow[]; typed: TypedRow[] } {
  const primaryKey = new Set(table.primaryKey ?? []);
  const fields: CompiledField[] = table.fields.map((field) => {
    const entries = field.codeList ? codeLists.get(codeListKey(field.codeList)) : undefined;
    return {
      field,
      parse: compileFieldParser(field),
      required: field.required === true || primaryKey.has(field.name),
      codeList: entries ? new Map(entries.map((entry) => [entry.code, entry])) : undefined,
      codeListFolded: entries ? new Map(entries.map((entry) => [entry.code.toLowerCase(), entry.code])) : undefined,
    };
  });
  const known = new Set(table.fields.map((field) => field.name));
  const reportedUnknown = new Set<string>();
  const dateField = referenceDate.fieldByTable?.[table.name];
  const internal: InternalRow[] = new Array(rows.length);
  const typed: TypedRow[] = new Array(rows.length);

  for (let index = 0; index < rows.length; index++) {
    const rowNo = index + 1;
    const raw = rows[index];
    const source: Record<string, unknown> = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    if (source !== raw) {
      automatic('malformedRow', { level: 'record', table: table.name, rowNo, field: null, value: null, message: 'The row is not an object of field values', messageZh: '该行不是字段值对象' });
    }
    for (const key in source) {
      if (!known.has(key) && !reportedUnknown.has(key)) {
        reportedUnknown.add(key);
        automatic('unknownColumn', { level: 'table', table: table.name, rowNo: null, field: key, value: null, message: `Column "${key}" is not in the schema and is ignored`, messageZh: `列 "${key}" 不在数据集结构中，已忽略` });
      }
    }
    const internalRow: InternalRow = {};
    const typedRow: TypedRow = {};
    const pendingCodeChecks: CompiledField[] = [];
    for (const compiled of fields) {
      const name = compiled.field.name;
      const rawValue = Object.prototype.hasOwnProperty.call(source, name) ? source[name] : undefined;
      const parsed = compiled.parse(rawValue);
      if (parsed.status === 'ok') {
        internalRow[name] = parsed.value;
        typedRow[name] = parsed.output;
        if (compiled.codeList) pendingCodeChecks.push(compiled);
        continue;
      }
      internalRow[name] = null;
      typedRow[name] = null;
      if (parsed.status === 'blank') {
        if (compiled.required) {
          automatic('required', { level: 'field', table: table.name, rowNo, field: name, value: null, message: `"${compiled.field.label.en}" is required`, messageZh: `"${compiled.field.label.zh}" 为必填项` });
        }
      } else {
        automatic(problemKindToRule(parsed.kind), { level: 'field', table: table.name, rowNo, field: name, value: shortValue(rawValue), message: `"${compiled.field.label.en}": ${parsed.message}`, messageZh: `"${compiled.field.label.zh}"：${parsed.messageZh}` });
      }
    }
    if (pendingCodeChecks.length > 0) {
      const rowDate = dateField !== undefined && typeof internalRow[dateField] === 'number' ? (internalRow[dateField] as number) : referenceDate.at;
      for (const compiled of pendingCodeChecks) checkCode(compiled, table, rowNo, rowDate, internalRow, typedRow, automatic);
    }
    internal[index] = internalRow;
    typed[index] = typedRow;
  }
  return { internal, typed };
}

function checkCode(compiled: CompiledField, table: TableDefinition, rowNo: number, rowDate: number, internalRow: InternalRow, typedRow: TypedRow, automatic: AutomaticSink): void {
  const name = compiled.field.name;
  const written = internalRow[name] as string;
  const canonical = compiled.codeList!.has(written) ? written : compiled.codeListFolded!.get(written.toLowerCase());
  const list = compiled.field.codeList!;
  const listLabel = list.version ? `${list.code}@${list.version}` : list.code;
  if (canonical === undefined) {
    internalRow[name] = null;
    typedRow[name] = null;
    automatic('codeList', { level: 'field', table: table.name, rowNo, field: name, value: written, message: `"${compiled.field.label.en}": "${written}" is not in code list ${listLabel}`, messageZh: `"${compiled.field.label.zh}"："${written}" 不在代码集 ${listLabel} 中` });
    return;
  }
  internalRow[name] = canonical;
  typedRow[name] = canonical;
  const entry = compiled.codeList!.get(canonical)!;
  if (entry.retiredAt !== undefined && entry.retiredAt !== null && rowDate >= entry.retiredAt) {
    const replacement = entry.replacementCode ? `; use "${entry.replacementCode}" instead` : '';
    const replacementZh = entry.replacementCode ? `，请改用 "${entry.replacementCode}"` : '';
    automatic('retiredCode', { level: 'field', table: table.name, rowNo, field: name, value: canonical, message: `"${compiled.field.label.en}": code "${canonical}" was retired${replacement}`, messageZh: `"${compiled.field.label.zh}"：代码 "${canonical}" 已停用${replacementZh}` });
  }
}

function problemKindToRule(kind: ValueProblemKind): AutomaticRuleKind {
  return kind;
}

function shortValue(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  if (typeof value === 'object' && value !== null) {
    const text = JSON.stringify(value);
    return text.length > 200 ? `${text.slice(0, 200)}…` : value;
  }
  return value ?? null;
}

function checkKeys(table: TableDefinition, rows: readonly InternalRow[], automatic: AutomaticSink): void {
  const keys = [...(table.primaryKey ? [table.primaryKey] : []), ...(table.uniqueKeys ?? [])];
  for (const key of keys) {
    const firstRow = new Map<string, number>();
    for (let index = 0; index < rows.length; index++) {
      const value = keyOf(rows[index]!, key);
      if (value === null) continue;
      const earlier = firstRow.get(value);
      if (earlier === undefined) {
        firstRow.set(value, index + 1);
        continue;
      }
      const shown = key.map((field) => String(rows[index]![field])).join(', ');
      automatic('uniqueness', { level: 'record', table: table.name, rowNo: index + 1, field: key.join(','), value: shown, message: `Duplicate key (${key.join(', ')}) = (${shown}); first seen in row ${earlier}`, messageZh: `键（${key.join('，')}）=（${shown}）重复；首次出现在第 ${earlier} 行` });
    }
  }
}

function checkLinks(table: TableDefinition, tables: ReadonlyMap<string, readonly InternalRow[]>, automatic: AutomaticSink): void {
  for (const link of table.links ?? []) {
    const targetRows = tables.get(link.references.table) ?? [];
    const targetKeys = new Set<string>();
    for (const row of targetRows) {
      const key = keyOf(row, link.references.fields);
      if (key !== null) targetKeys.add(key);
    }
    const rows = tables.get(table.name) ?? [];
    for (let index = 0; index < rows.length; index++) {
      const key = keyOf(rows[index]!, link.fields);
      if (key === null || targetKeys.has(key)) continue;
      const shown = link.fields.map((field) => String(rows[index]![field])).join(', ');
      automatic('link', { level: 'record', table: table.name, rowNo: index + 1, field: link.fields.join(','), value: shown, message: `(${shown}) has no matching row in "${link.references.table}"`, messageZh: `（${shown}）在 "${link.references.table}" 中没有对应记录` });
    }
  }
}

function typeReferenceTables(definition: DatasetSchemaDefinition, rows: Readonly<Record<string, readonly unknown[]>>): Map<string, InternalRow[]> {
  const typed = new Map<string, InternalRow[]>();
  for (const reference of definition.referenceTables ?? []) {
    const parsers = reference.columns.map((column) => ({ name: column.name, parse: compileFieldParser({ name: column.name, label: { zh: column.name, en: column.name }, type: column.type }) }));
    const source = Array.isArray(rows[reference.name]) ? rows[reference.name]! : [];
    typed.set(
      reference.name,
      source.map((raw) => {
        const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
        const row: InternalRow = {};
        for (const { name, parse } of parsers) {
          const parsed = parse(record[name]);
          row[name] = parsed.status === 'ok' ? parsed.value : null;
        }
        return row;
      }),
    );
  }
  return typed;
}

function runRule(rule: CustomRule, definition: DatasetSchemaDefinition, tables: ReadonlyMap<string, readonly InternalRow[]>, context: EvaluationContext, sink: ResultSink): void {
  const table = rule.table === undefined ? undefined : definition.tables.find((candidate) => candidate.name === rule.table);
  const field = rule.field === undefined ? undefined : table?.fields.find((candidate) => candidate.name === rule.field);
  const recordLevel = rule.level === 'field' || rule.level === 'record';
  const evaluate: Evaluator = compileExpression(rule.expression, {
    definition,
    recordTable: recordLevel ? table : undefined,
    valueField: field,
    ruleTable: rule.level === 'table' ? table : undefined,
  });
  const base = { ruleCode: rule.code, severity: rule.severity, level: rule.level, message: rule.message.en, messageZh: rule.message.zh };
  if (!recordLevel) {
    if (evaluate(null, context) === false) sink.add({ ...base, table: rule.table ?? null, rowNo: null, field: null, value: null });
    return;
  }
  const rows = tables.get(rule.table!) ?? [];
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    if (evaluate(row, context) === false) {
      sink.add({ ...base, table: rule.table!, rowNo: index + 1, field: rule.field ?? null, value: field ? exposeValue(row[field.name], field) : null });
    }
  }
}

/** Results show times as ISO text again (rules compute with epoch ms). */
function exposeValue(value: unknown, field: FieldDefinition): unknown {
  if (typeof value === 'number' && field.type === 'date') return new Date(value + 8 * 3600_000).toISOString().slice(0, 10);
  if (typeof value === 'number' && field.type === 'datetime') return new Date(value).toISOString();
  return value ?? null;
}

class ResultSink {
  private readonly results: ValidationResultItem[] = [];
  private readonly perRule = new Map<string, RuleSummary>();
  private readonly counts: Record<RuleSeverity, number> = Object.fromEntries(RULE_SEVERITIES.map((severity) => [severity, 0])) as Record<RuleSeverity, number>;

  constructor(private readonly cap: number) {}

  add(item: ValidationResultItem): void {
    this.counts[item.severity]++;
    const key = `${item.ruleCode}\u0001${item.severity}`;
    let summary = this.perRule.get(key);
    if (!summary) {
      summary = { ruleCode: item.ruleCode, severity: item.severity, count: 0, truncated: false };
      this.perRule.set(key, summary);
    }
    summary.count++;
    if (summary.count > this.cap) summary.truncated = true;
    else this.results.push(item);
  }

  finish(rows: Record<string, TypedRow[]>, rowCounts: Record<string, number>): ValidationOutput {
    const byRule = [...this.perRule.values()];
    return {
      results: this.results,
      truncated: byRule.some((summary) => summary.truncated),
      counts: this.counts,
      byRule,
      blocked: this.counts.BLOCKER > 0,
      rows,
      rowCounts,
    };
  }
}
