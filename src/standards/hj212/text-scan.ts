/**
 * Helpers for scanning packet text without slicing it first. Scanners read the text's UTF-16
 * code units from a typed array (see {@link fillCodeUnits}) rather than with `charCodeAt`, which
 * costs several times more per character. Trimming here removes exactly what
 * `String.prototype.trim` removes, so offsets agree with the sliced-and-trimmed strings the
 * decoder has always produced.
 */

/**
 * Writes the code units of `text` into `into` (unit i = `text.charCodeAt(i)`), or into a new
 * array when `into` is null or too short; returns the array written. `ascii`, when given, must
 * be the bytes of an all-ASCII `text` (byte i is unit i): they are copied in one native call.
 */
export function fillCodeUnits(text: string, into: Uint16Array | null, ascii?: Uint8Array): Uint16Array {
  const units = into !== null && into.length >= text.length ? into : new Uint16Array(Math.max(text.length, 256));
  if (ascii !== undefined) units.set(ascii);
  else for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
}

/** The code units of `text` in an array of exactly its length, e.g. a key to compare with `CpFieldReader.codeIs`. */
export function unitsOf(text: string): Uint16Array {
  return fillCodeUnits(text, new Uint16Array(text.length));
}

/** Whether `trim()` removes this UTF-16 code unit (ECMAScript WhiteSpace and LineTerminator). */
export function isTrimmedSpace(code: number): boolean {
  if (code > 0x20 && code < 0xa0) return false;
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** First index in `[start, end)` of the code units that `trim()` would keep, or `end`. */
export function trimmedStart(units: Uint16Array, start: number, end: number): number {
  while (start < end && isTrimmedSpace(units[start]!)) start++;
  return start;
}

/** One past the last index in `[start, end)` of the code units that `trim()` would keep, or `start`. */
export function trimmedEnd(units: Uint16Array, start: number, end: number): number {
  while (end > start && isTrimmedSpace(units[end - 1]!)) end--;
  return end;
}

/** Whether `text` is `min`–`max` ASCII digits, i.e. `/^\d{min,max}$/` without the regex. */
export function isDigits(text: string, min: number, max: number): boolean {
  const length = text.length;
  if (length < min || length > max) return false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}
