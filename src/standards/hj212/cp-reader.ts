import { fillCodeUnits, trimmedEnd, trimmedStart } from './text-scan';

/** {@link CpFieldReader.next} found nothing more. */
export const CP_END = 0;
/** {@link CpFieldReader.next} stopped on a `Key=Value` field. */
export const CP_FIELD = 1;
/** {@link CpFieldReader.next} stopped on a non-blank token without `=`. */
export const CP_MALFORMED = 2;
export type CpToken = typeof CP_END | typeof CP_FIELD | typeof CP_MALFORMED;

const EQUALS = 0x3d;
const SEMICOLON = 0x3b;
const COMMA = 0x2c;
const DASH = 0x2d;
const SPACE = 0x20;
const SLASH = 0x2f;
const OPAQUE = '//';
const NO_UNITS = new Uint16Array(0);

/**
 * Walks the fields of a CP body (the text between `CP=&&` and the closing `&&`, hj212.md §6.1)
 * one at a time, as offsets into the text: nothing is sliced or allocated unless the caller asks
 * for a string. `;` separates items, `,` separates fields of one item, the first `=` separates
 * key from value. Keys and values are trimmed (the standard's own examples carry stray spaces:
 * `; LA-Rtd=50.1`). A value wrapped in `//…//` (free-text `Info`, possibly Chinese) is opaque:
 * a `;` or `,` inside it does not split, and the wrapper is removed.
 *
 * After {@link next} returns {@link CP_FIELD}, the key is `text[keyStart, keyEnd)` and the value
 * `text[valueStart, valueEnd)`; after {@link CP_MALFORMED}, the token is `text[keyStart, keyEnd)`.
 * Blank tokens are skipped.
 */
export class CpFieldReader {
  text = '';
  /** Code units of `text` (unit i = `text.charCodeAt(i)`), which the scan reads. */
  units: Uint16Array = NO_UNITS;
  keyStart = 0;
  keyEnd = 0;
  /** Index of the key's first `-`, or -1. Pollutant keys are `code-Suffix` (split at the first `-`). */
  dash = -1;
  valueStart = 0;
  valueEnd = 0;
  /** Index of the `;`-separated item the current field or token belongs to. */
  item = 0;
  private position = 0;
  private end = 0;
  private items = 0;

  /**
   * Starts reading the CP body `text[start, end)`; offsets stay those of `text`, so a decoder can
   * read the body where it sits in the data segment. `units`, when the caller has them, are the
   * code units of `text` (see `fillCodeUnits`); otherwise the reader fills its own.
   */
  reset(text: string, start = 0, end = text.length, units?: Uint16Array): this {
    this.text = text;
    this.units = units ?? fillCodeUnits(text, this.units === NO_UNITS ? null : this.units);
    this.position = start;
    this.end = end;
    this.items = 0;
    this.item = 0;
    this.dash = -1;
    return this;
  }

  next(): CpToken {
    const text = this.text;
    const units = this.units;
    const end = this.end;
    // `<=`: the empty token after a trailing separator (or of an empty body) is read, then skipped.
    while (this.position <= end) {
      const tokenStart = this.position;
      let i = tokenStart;
      let dash = -1;
      let code = 0;
      while (i < end) {
        code = units[i]!;
        if (code === EQUALS || code === SEMICOLON || code === COMMA) break;
        if (code === DASH && dash < 0) dash = i;
        i++;
      }
      if (i >= end || code !== EQUALS) {
        this.item = this.items;
        if (i < end && code === SEMICOLON) this.items++;
        this.position = i + 1;
        const start = trimmedStart(units, tokenStart, i);
        if (start === i) continue;
        this.keyStart = start;
        this.keyEnd = trimmedEnd(units, start, i);
        this.dash = -1;
        return CP_MALFORMED;
      }
      // A '-' is never trimmed away, so the first '-' of the raw key is the first of the trimmed key.
      this.keyStart = trimmedStart(units, tokenStart, i);
      this.keyEnd = trimmedEnd(units, this.keyStart, i);
      this.dash = dash;
      i++;
      let valueStart = i;
      while (valueStart < end && units[valueStart] === SPACE) valueStart++;
      let opaque = false;
      if (valueStart + 1 < end && units[valueStart] === SLASH && units[valueStart + 1] === SLASH) {
        const close = text.indexOf(OPAQUE, valueStart + OPAQUE.length);
        if (close >= 0 && close + OPAQUE.length <= end) {
          opaque = true;
          this.valueStart = valueStart + OPAQUE.length;
          this.valueEnd = close;
          i = close + OPAQUE.length;
          // Anything between the closing `//` and the next separator is dropped: it cannot be
          // told apart from the opaque text without guessing.
          while (i < end && !isSeparator(units[i]!)) i++;
        }
      }
      if (!opaque) {
        while (i < end && !isSeparator(units[i]!)) i++;
        this.valueStart = trimmedStart(units, valueStart, i);
        this.valueEnd = trimmedEnd(units, this.valueStart, i);
      }
      this.item = this.items;
      if (i < end && units[i] === SEMICOLON) this.items++;
      this.position = i + 1;
      return CP_FIELD;
    }
    return CP_END;
  }

  /** The current key (or malformed token). */
  key(): string {
    return this.text.slice(this.keyStart, this.keyEnd);
  }

  value(): string {
    return this.text.slice(this.valueStart, this.valueEnd);
  }

  /** Whether the current field is a pollutant field `code-Suffix` (a key starting with `-` is not). */
  isPollutant(): boolean {
    return this.dash > this.keyStart;
  }

  /** The pollutant code of a pollutant field: the key before its first `-`. */
  code(): string {
    return this.text.slice(this.keyStart, this.dash);
  }

  /** The suffix of a pollutant field: the key after its first `-`. */
  suffix(): string {
    return this.text.slice(this.dash + 1, this.keyEnd);
  }

  /** Whether the pollutant field's code is exactly `code` (its code units, see `unitsOf`), without slicing it. */
  codeIs(code: Uint16Array): boolean {
    return this.dash - this.keyStart === code.length && sameAt(this.units, this.keyStart, code);
  }

  /** Whether the pollutant field's suffix is exactly `suffix` (its code units), without slicing it. */
  suffixIs(suffix: Uint16Array): boolean {
    return this.keyEnd - this.dash - 1 === suffix.length && sameAt(this.units, this.dash + 1, suffix);
  }
}

/** Whether `part` is at `at` in `units`; compared from the end, where codes like `w01018`/`w01019` differ. */
function sameAt(units: Uint16Array, at: number, part: Uint16Array): boolean {
  for (let i = part.length - 1; i >= 0; i--) if (units[at + i] !== part[i]) return false;
  return true;
}

function isSeparator(code: number): boolean {
  return code === SEMICOLON || code === COMMA;
}
