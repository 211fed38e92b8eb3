/**
 * Index helpers for scanning packet text without slicing it first. Trimming here removes exactly
 * what `String.prototype.trim` removes, so offsets agree with the sliced-and-trimmed strings the
 * decoder has always produced.
 */

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

/** First index in `[start, end)` that `trim()` would keep, or `end`. */
export function trimmedStart(text: string, start: number, end: number): number {
  while (start < end && isTrimmedSpace(text.charCodeAt(start))) start++;
  return start;
}

/** One past the last index in `[start, end)` that `trim()` would keep, or `start`. */
export function trimmedEnd(text: string, start: number, end: number): number {
  while (end > start && isTrimmedSpace(text.charCodeAt(end - 1))) end--;
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
