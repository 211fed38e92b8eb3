import type { DatasetSchemaDefinition, FieldDefinition, Literal, RuleExpression, TableDefinition, TableRef } from '../contracts/dataset-schema';
import { compileWholeValuePattern } from './regex-safety';
import { beijingDateParts, kindOfFieldType, parseInstant, type ValueKind } from './value-kinds';

/** A row as rules see it: field name → typed value (times as epoch ms), null when blank or invalid. */
export type InternalRow = Record<string, unknown>;

/** What compiled rules read besides the current row. */
export interface EvaluationContext {
  tables: ReadonlyMap<string, readonly InternalRow[]>;
  referenceTables: ReadonlyMap<string, readonly InternalRow[]>;
  /** `code` or `code@version` → the set of codes of that list. */
  codeLists: ReadonlyMap<string, ReadonlySet<string>>;
  /** Memo for sets built once per run (lookup columns, existsIn keys). */
  memo: Map<unknown, unknown>;
}

/**
 * A compiled expression. Conditions return true, false or null ("unknown": a blank operand);
 * the engine records a failure only for false. Compiled once per rule from the checked AST —
 * plain closures, no code generated from strings.
 */
export type Evaluator = (row: InternalRow | null, context: EvaluationContext) => unknown;

interface CompileScope {
  definition: DatasetSchemaDefinition;
  recordTable: TableDefinition | undefined;
  valueField: FieldDefinition | undefined;
  ruleTable: TableDefinition | undefined;
}

interface Compiled {
  evaluate: Evaluator;
  kind: ValueKind | null;
}

const KEY_SEPARATOR = '\u0001';

export function keyOf(row: InternalRow, fields: readonly string[]): string | null {
  if (fields.length === 1) {
    const value = row[fields[0]!];
    return value === null || value === undefined ? null : String(value);
  }
  const parts: string[] = [];
  for (const field of fields) {
    const value = row[field];
    if (value === null || value === undefined) return null;
    parts.push(String(value));
  }
  return parts.join(KEY_SEPARATOR);
}

export function codeListKey(ref: { code: string; version?: string }): string {
  return ref.version === undefined ? ref.code : `${ref.code}@${ref.version}`;
}

/** Compiles a rule expression that `checkDatasetSchema` accepted. */
export function compileExpression(expression: RuleExpression, scope: CompileScope): Evaluator {
  return compile(expression, scope).evaluate;
}

function fieldKind(table: TableDefinition | undefined, name: string): ValueKind | null {
  const field = table?.fields.find((candidate) => candidate.name === name);
  return field ? kindOfFieldType(field.type) : null;
}

/** A literal compared with a time is parsed to epoch ms once, here. */
function literalFor(value: Literal, otherKind: ValueKind | null): unknown {
  if (otherKind === 'time' && typeof value === 'string') return parseInstant(value, true);
  return value;
}

function compile(node: RuleExpression, scope: CompileScope): Compiled {
  switch (node.op) {
    case 'value': {
      const name = scope.valueField!.name;
      return { evaluate: (row) => row?.[name] ?? null, kind: kindOfFieldType(scope.valueField!.type) };
    }
    case 'field': {
      const name = node.field;
      return { evaluate: (row) => row?.[name] ?? null, kind: fieldKind(scope.recordTable, name) };
    }
    case 'literal': {
      const value = node.value;
      return { evaluate: () => value, kind: value === null ? null : typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text' };
    }
    case 'and': {
      const parts = node.args.map((arg) => compile(arg, scope).evaluate);
      return {
        kind: 'boolean',
        evaluate: (row, context) => {
          let unknown = false;
          for (const part of parts) {
            const result = part(row, context);
            if (result === false) return false;
            if (result !== true) unknown = true;
          }
          return unknown ? null : true;
        },
      };
    }
    case 'or': {
      const parts = node.args.map((arg) => compile(arg, scope).evaluate);
      return {
        kind: 'boolean',
        evaluate: (row, context) => {
          let unknown = false;
          for (const part of parts) {
            const result = part(row, context);
            if (result === true) return true;
            if (result !== false) unknown = true;
          }
          return unknown ? null : false;
        },
      };
    }
    case 'not': {
      const arg = compile(node.arg, scope).evaluate;
      return { kind: 'boolean', evaluate: (row, context) => negate(arg(row, context)) };
    }
    case 'ifThen': {
      const condition = compile(node.if, scope).evaluate;
      const consequence = compile(node.then, scope).evaluate;
      return {
        kind: 'boolean',
        evaluate: (row, context) => {
          const premise = condition(row, context);
          if (premise === false) return true;
          const result = consequence(row, context);
          if (result === true) return true;
          return premise === true && result === false ? false : null;
        },
      };
    }
    case 'isBlank': {
      const arg = compile(node.arg, scope).evaluate;
      return { kind: 'boolean', evaluate: (row, context) => arg(row, context) === null };
    }
    case 'eq':
    case 'ne':
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le': {
      const left = compileOperand(node.left, node.right, scope);
      const right = compileOperand(node.right, node.left, scope);
      const test = COMPARE[node.op];
      return {
        kind: 'boolean',
        evaluate: (row, context) => {
          const a = left(row, context);
          const b = right(row, context);
          if (a === null || b === null || a === undefined || b === undefined) return null;
          return test(a as number | string | boolean, b as number | string | boolean);
        },
      };
    }
    case 'eqIgnoreCase': {
      const left = compile(node.left, scope).evaluate;
      const right = compile(node.right, scope).evaluate;
      return {
        kind: 'boolean',
        evaluate: (row, context) => {
          const a = left(row, context);
          const b = right(row, context);
          if (typeof a !== 'string' || typeof b !== 'string') return null;
          return a.toLowerCase() === b.toLowerCase();
        },
      };
    }
    case 'in': {
      const arg = compile(node.arg, scope);
      const values = new Set(node.values.map((value) => literalFor(value, arg.kind)));
      return { kind: 'boolean', evaluate: (row, context) => nullOr(arg.evaluate(row, context), (value) => values.has(value)) };
    }
    case 'matches': {
      const arg = compile(node.arg, scope).evaluate;
      const pattern = compileWholeValuePattern(node.pattern);
      return { kind: 'boolean', evaluate: (row, context) => nullOr(arg(row, context), (value) => pattern.test(String(value))) };
    }
    case 'len': {
      const arg = compile(node.arg, scope).evaluate;
      return { kind: 'number', evaluate: (row, context) => nullOr(arg(row, context), (value) => [...String(value)].length) };
    }
    case 'year':
    case 'month':
    case 'day': {
      const arg = compile(node.arg, scope).evaluate;
      const part = node.op;
      return { kind: 'number', evaluate: (row, context) => nullOr(arg(row, context), (value) => beijingDateParts(value as number)[part]) };
    }
    case 'add':
    case 'sub':
    case 'mul':
    case 'div': {
      const left = compile(node.left, scope).evaluate;
      const right = compile(node.right, scope).evaluate;
      const apply = ARITHMETIC[node.op];
      return {
        kind: 'number',
        evaluate: (row, context) => {
          const a = left(row, context);
          const b = right(row, context);
          if (typeof a !== 'number' || typeof b !== 'number') return null;
          const result = apply(a, b);
          return Number.isFinite(result) ? result : null;
        },
      };
    }
    case 'abs': {
      const arg = compile(node.arg, scope).evaluate;
      return { kind: 'number', evaluate: (row, context) => nullOr(arg(row, context), (value) => Math.abs(value as number)) };
    }
    case 'inCodeList': {
      const arg = compile(node.arg, scope).evaluate;
      const key = codeListKey(node.codeList);
      return {
        kind: 'boolean',
        evaluate: (row, context) => nullOr(arg(row, context), (value) => context.codeLists.get(key)?.has(String(value)) ?? false),
      };
    }
    case 'lookup': {
      const arg = compile(node.arg, scope).evaluate;
      const target = node.in;
      const column = node.column;
      const memoKey = { lookup: node };
      return {
        kind: 'boolean',
        evaluate: (row, context) => {
          const value = arg(row, context);
          if (value === null) return null;
          let values = context.memo.get(memoKey) as Set<unknown> | undefined;
          if (!values) {
            values = new Set(rowsOf(target, context).map((candidate) => candidate[column]));
            context.memo.set(memoKey, values);
          }
          return values.has(value);
        },
      };
    }
    case 'count': {
      const table = node.table ?? scope.ruleTable!.name;
      const where = compileWhere(node.where, table, scope);
      return { kind: 'number', evaluate: (_row, context) => selectRows(table, where, context).length };
    }
    case 'sum':
    case 'avg':
    case 'min':
    case 'max': {
      const table = node.table ?? scope.ruleTable!.name;
      const where = compileWhere(node.where, table, scope);
      const field = node.field;
      const op = node.op;
      return {
        kind: 'number',
        evaluate: (_row, context) => {
          const numbers = selectRows(table, where, context)
            .map((candidate) => candidate[field])
            .filter((value): value is number => typeof value === 'number');
          if (op === 'sum') return numbers.reduce((total, value) => total + value, 0);
          if (numbers.length === 0) return null;
          if (op === 'avg') return numbers.reduce((total, value) => total + value, 0) / numbers.length;
          return numbers.reduce((best, value) => (op === 'min' ? Math.min(best, value) : Math.max(best, value)));
        },
      };
    }
    case 'unique': {
      const table = node.table ?? scope.ruleTable!.name;
      const where = compileWhere(node.where, table, scope);
      const fields = node.fields;
      return {
        kind: 'boolean',
        evaluate: (_row, context) => {
          const seen = new Set<string>();
          for (const candidate of selectRows(table, where, context)) {
            const key = keyOf(candidate, fields);
            if (key === null) continue;
            if (seen.has(key)) return false;
            seen.add(key);
          }
          return true;
        },
      };
    }
    case 'existsIn': {
      const table = node.table ?? scope.ruleTable!.name;
      const { fields, columns, in: target } = node;
      const bothWays = node.bothWays === true;
      return {
        kind: 'boolean',
        evaluate: (_row, context) => {
          const source = context.tables.get(table) ?? [];
          const targetRows = rowsOf(target, context);
          const targetKeys = new Set(targetRows.map((candidate) => keyOf(candidate, columns)));
          for (const candidate of source) {
            const key = keyOf(candidate, fields);
            if (key !== null && !targetKeys.has(key)) return false;
          }
          if (!bothWays) return true;
          const sourceKeys = new Set(source.map((candidate) => keyOf(candidate, fields)));
          return targetRows.every((candidate) => {
            const key = keyOf(candidate, columns);
            return key === null || sourceKeys.has(key);
          });
        },
      };
    }
  }
}

function compileOperand(node: RuleExpression, other: RuleExpression, scope: CompileScope): Evaluator {
  if (node.op === 'literal') {
    const otherKind = compile(other, scope).kind;
    const value = literalFor(node.value, otherKind);
    return () => value;
  }
  return compile(node, scope).evaluate;
}

function compileWhere(where: RuleExpression | undefined, tableName: string, scope: CompileScope): Evaluator | undefined {
  if (!where) return undefined;
  const table = scope.definition.tables.find((candidate) => candidate.name === tableName);
  return compile(where, { definition: scope.definition, recordTable: table, valueField: undefined, ruleTable: undefined }).evaluate;
}

function selectRows(table: string, where: Evaluator | undefined, context: EvaluationContext): readonly InternalRow[] {
  const rows = context.tables.get(table) ?? [];
  return where ? rows.filter((row) => where(row, context) === true) : rows;
}

function rowsOf(target: TableRef, context: EvaluationContext): readonly InternalRow[] {
  return ('table' in target ? context.tables.get(target.table) : context.referenceTables.get(target.reference)) ?? [];
}

function negate(value: unknown): boolean | null {
  return value === true ? false : value === false ? true : null;
}

function nullOr<T>(value: unknown, apply: (value: unknown) => T): T | null {
  return value === null || value === undefined ? null : apply(value);
}

const COMPARE: Record<'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le', (a: number | string | boolean, b: number | string | boolean) => boolean> = {
  eq: (a, b) => a === b,
  ne: (a, b) => a !== b,
  gt: (a, b) => a > b,
  ge: (a, b) => a >= b,
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
};

const ARITHMETIC: Record<'add' | 'sub' | 'mul' | 'div', (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => (b === 0 ? Number.NaN : a / b),
};
