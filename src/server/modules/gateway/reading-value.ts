/**
 * The number in an HJ 212 value string, or null when it is not a plain finite decimal:
 * optional sign, digits with an optional fraction (`5`, `5.`, `.5`, `-0.408594`), optional
 * exponent (`1e-3`), surrounding spaces allowed. `Infinity`, `0x1F`, `1_000` and `NaN` are not
 * readings, though `Number()` would accept some of them.
 */
export function parseReadingValue(text: string): number | null {
  const trimmed = text.trim();
  if (!isPlainDecimal(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

const ZERO = 0x30;
const NINE = 0x39;

/** `/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/` without the regex: it runs for every value received. */
function isPlainDecimal(text: string): boolean {
  const length = text.length;
  let i = 0;
  if (i < length && isSign(text.charCodeAt(i))) i++;
  const integerStart = i;
  i = skipDigits(text, i);
  let digits = i - integerStart;
  if (i < length && text.charCodeAt(i) === 0x2e) {
    const fractionStart = ++i;
    i = skipDigits(text, i);
    digits += i - fractionStart;
  }
  if (digits === 0) return false;
  if (i < length && (text.charCodeAt(i) | 0x20) === 0x65) {
    i++;
    if (i < length && isSign(text.charCodeAt(i))) i++;
    const exponentStart = i;
    i = skipDigits(text, i);
    if (i === exponentStart) return false;
  }
  return i === length;
}

function skipDigits(text: string, i: number): number {
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code < ZERO || code > NINE) break;
    i++;
  }
  return i;
}

function isSign(code: number): boolean {
  return code === 0x2b || code === 0x2d;
}
