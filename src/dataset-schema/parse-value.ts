import type { FieldDefinition } from '../contracts/dataset-schema';
import { isValidDivisionCode } from '../standards/divisions';
import { checkGeometry } from './geometry';
import { compileWholeValuePattern, screenPattern } from './regex-safety';
import { parseInstant } from './value-kinds';

/** Which automatic check a value failed (maps to an automatic rule code in the engine). */
export type ValueProblemKind = 'type' | 'unit' | 'range' | 'precision' | 'length' | 'pattern' | 'geometry';

export type ParsedValue =
  | { status: 'blank' }
  /** `value` is what rules compute with (times as epoch ms); `output` is the normalised row value. */
  | { status: 'ok'; value: unknown; output: unknown }
  | { status: 'invalid'; kind: ValueProblemKind; message: string; messageZh: string };

export type FieldParser = (raw: unknown) => ParsedValue;

/** Default length caps: `string` is a short single value, `text` free text. */
const DEFAULT_MAX_LENGTH = { string: 255, text: 100_000 } as const;
const NUMBER_WITH_SUFFIX = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(.*)$/;
const SLASHED_DATE = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', '是', 't']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', '否', 'f']);
const BLANK: ParsedValue = { status: 'blank' };

const invalid = (kind: ValueProblemKind, message: string, messageZh: string): ParsedValue => ({ status: 'invalid', kind, message, messageZh });

/** Units compared loosely: case, spaces, µ/u and superscript digits do not matter (mg/L = mg/l, µg/m³ = ug/m3). */
export function normaliseUnit(unit: string): string {
  return unit.replace(/\s+/g, '').replace(/[µμ]/g, 'u').replace(/³/g, '3').replace(/²/g, '2').toLowerCase();
}

/** Number of digits after the decimal point as written (`1.50` has two); exponent notation is expanded. */
function decimalsOf(text: string): number {
  const exponentAt = text.search(/[eE]/);
  if (exponentAt >= 0) {
    const mantissa = text.slice(0, exponentAt);
    const exponent = Number(text.slice(exponentAt + 1));
    return Math.max(0, decimalsOf(mantissa) - exponent);
  }
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}

/** Compiles once per field the function that types, normalises and checks one raw value. */
export function compileFieldParser(field: FieldDefinition): FieldParser {
  const base = baseParser(field);
  const pattern = field.pattern !== undefined && screenPattern(field.pattern) === null ? compileWholeValuePattern(field.pattern) : null;
  const maxLength = field.maxLength ?? (field.type === 'string' || field.type === 'text' ? DEFAULT_MAX_LENGTH[field.type] : undefined);
  return (raw) => {
    if (raw === null || raw === undefined) return BLANK;
    if (typeof raw === 'string' && raw.trim() === '') return BLANK;
    const parsed = base(raw);
    if (parsed.status !== 'ok') return parsed;
    if (typeof parsed.output === 'string') {
      if (maxLength !== undefined && [...parsed.output].length > maxLength) return invalid('length', `longer than ${maxLength} characters`, `超过 ${maxLength} 个字符`);
      if (pattern && !pattern.test(parsed.output)) return invalid('pattern', 'does not match the required format', '不符合规定格式');
    }
    return parsed;
  };
}

function baseParser(field: FieldDefinition): FieldParser {
  switch (field.type) {
    case 'string':
    case 'text':
    case 'code':
      return (raw) => {
        if (typeof raw === 'string') {
          const text = field.type === 'text' ? raw : raw.trim();
          return { status: 'ok', value: text, output: text };
        }
        if (typeof raw === 'number' && Number.isFinite(raw)) return { status: 'ok', value: String(raw), output: String(raw) };
        return invalid('type', 'expected text', '应为文本');
      };
    case 'division':
      return (raw) => {
        const text = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : typeof raw === 'string' ? raw.trim() : null;
        if (text === null) return invalid('type', 'expected a GB/T 2260 division code', '应为 GB/T 2260 行政区划代码');
        const check = isValidDivisionCode(text);
        // Well-formed codes outside the built-in table (counties we do not list) are accepted.
        if (!check.valid && check.status === 'malformed') return invalid('type', `not a GB/T 2260 division code: ${check.reason}`, `不是有效的 GB/T 2260 行政区划代码`);
        return { status: 'ok', value: text, output: text };
      };
    case 'integer':
    case 'decimal':
      return numberParser(field);
    case 'boolean':
      return (raw) => {
        if (typeof raw === 'boolean') return { status: 'ok', value: raw, output: raw };
        const word = typeof raw === 'string' ? raw.trim().toLowerCase() : typeof raw === 'number' ? String(raw) : '';
        if (TRUE_WORDS.has(word)) return { status: 'ok', value: true, output: true };
        if (FALSE_WORDS.has(word)) return { status: 'ok', value: false, output: false };
        return invalid('type', 'expected a boolean (true/false, 是/否, 1/0)', '应为布尔值（true/false、是/否、1/0）');
      };
    case 'date':
      return (raw) => {
        if (typeof raw !== 'string') return invalid('type', 'expected a date YYYY-MM-DD', '应为日期 YYYY-MM-DD');
        const text = raw.trim();
        const slashed = SLASHED_DATE.exec(text);
        const iso = slashed ? `${slashed[1]}-${slashed[2]!.padStart(2, '0')}-${slashed[3]!.padStart(2, '0')}` : text;
        const epoch = parseInstant(iso, false);
        if (epoch === null) return invalid('type', 'expected a date YYYY-MM-DD', '应为日期 YYYY-MM-DD');
        return { status: 'ok', value: epoch, output: iso };
      };
    case 'datetime':
      return (raw) => {
        if (typeof raw !== 'string') return invalid('type', 'expected a datetime YYYY-MM-DDTHH:mm:ss (Beijing time unless a zone is given)', '应为时间 YYYY-MM-DDTHH:mm:ss（未注明时区按北京时间）');
        const epoch = parseInstant(raw.trim(), true);
        if (epoch === null) return invalid('type', 'expected a datetime YYYY-MM-DDTHH:mm:ss (Beijing time unless a zone is given)', '应为时间 YYYY-MM-DDTHH:mm:ss（未注明时区按北京时间）');
        return { status: 'ok', value: epoch, output: new Date(epoch).toISOString() };
      };
    case 'point':
    case 'line':
    case 'polygon':
      return (raw) => {
        let geometry = raw;
        if (typeof raw === 'string') {
          try {
            geometry = JSON.parse(raw);
          } catch {
            return invalid('geometry', 'expected GeoJSON', '应为 GeoJSON');
          }
        }
        const problem = checkGeometry(field.type, geometry);
        return problem ? invalid('geometry', problem.message, problem.messageZh) : { status: 'ok', value: geometry, output: geometry };
      };
  }
}

function numberParser(field: FieldDefinition): FieldParser {
  const expectedUnit = field.unit === undefined ? null : normaliseUnit(field.unit);
  const typeLabel = field.type === 'integer' ? ['an integer', '整数'] : ['a number', '数值'];
  return (raw) => {
    let text: string;
    if (typeof raw === 'number') {
      if (!Number.isFinite(raw)) return invalid('type', `expected ${typeLabel[0]}`, `应为${typeLabel[1]}`);
      text = String(raw);
    } else if (typeof raw === 'string') {
      const match = NUMBER_WITH_SUFFIX.exec(raw.trim());
      if (!match) return invalid('type', `expected ${typeLabel[0]}`, `应为${typeLabel[1]}`);
      text = match[1]!;
      const suffix = match[2]!;
      if (suffix !== '') {
        if (expectedUnit === null) return invalid('type', `expected ${typeLabel[0]} without a unit`, `应为不带单位的${typeLabel[1]}`);
        if (normaliseUnit(suffix) !== expectedUnit) return invalid('unit', `written in "${suffix}", the field's unit is "${field.unit}"`, `单位为 "${suffix}"，该字段的单位是 "${field.unit}"`);
      }
    } else {
      return invalid('type', `expected ${typeLabel[0]}`, `应为${typeLabel[1]}`);
    }
    const value = Number(text);
    if (!Number.isFinite(value)) return invalid('type', `expected ${typeLabel[0]}`, `应为${typeLabel[1]}`);
    if (field.type === 'integer' && !Number.isSafeInteger(value)) return invalid('type', 'expected an integer', '应为整数');
    if (field.precision !== undefined && decimalsOf(text) > field.precision) {
      return invalid('precision', `more than ${field.precision} decimal places`, `小数位数超过 ${field.precision} 位`);
    }
    if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)) {
      const range = `${field.min ?? '−∞'} … ${field.max ?? '+∞'}`;
      return invalid('range', `outside the range ${range}`, `超出取值范围 ${range}`);
    }
    return { status: 'ok', value, output: value };
  };
}
