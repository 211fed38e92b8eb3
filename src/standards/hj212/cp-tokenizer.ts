/** One `Key=Value` field of the CP data area, with the index of the `;`-separated item it belongs to. */
export interface CpField {
  readonly key: string;
  readonly value: string;
  readonly item: number;
}

export interface CpTokens {
  readonly fields: CpField[];
  /** Non-blank tokens without `=`; kept so the caller can warn about them. */
  readonly malformed: string[];
}

const OPAQUE = '//';

/**
 * Splits a CP body (the text between `CP=&&` and the closing `&&`) into fields
 * (hj212.md §6.1): `;` separates items, `,` separates fields of one item, the first `=`
 * separates key from value. Keys and values are trimmed because the standard's own examples
 * carry stray spaces (`; LA-Rtd=50.1`). A value wrapped in `//…//` (free-text `Info`, possibly
 * Chinese) is opaque: a `;` or `,` inside it does not split, and the wrapper is removed.
 */
export function tokenizeCp(body: string): CpTokens {
  const fields: CpField[] = [];
  const malformed: string[] = [];
  let item = 0;
  let i = 0;
  const n = body.length;
  while (i <= n) {
    const tokenStart = i;
    while (i < n && body[i] !== '=' && body[i] !== ';' && body[i] !== ',') i++;
    if (i >= n || body[i] !== '=') {
      const token = body.slice(tokenStart, i).trim();
      if (token !== '') malformed.push(token);
      if (i < n && body[i] === ';') item++;
      i++;
      continue;
    }
    const key = body.slice(tokenStart, i).trim();
    i++;
    let valueStart = i;
    while (valueStart < n && body[valueStart] === ' ') valueStart++;
    let value: string | undefined;
    if (body.startsWith(OPAQUE, valueStart)) {
      const close = body.indexOf(OPAQUE, valueStart + OPAQUE.length);
      if (close >= 0) {
        value = body.slice(valueStart + OPAQUE.length, close);
        i = close + OPAQUE.length;
        // Anything between the closing `//` and the next separator is dropped: it cannot be
        // told apart from the opaque text without guessing.
        while (i < n && body[i] !== ';' && body[i] !== ',') i++;
      }
    }
    if (value === undefined) {
      while (i < n && body[i] !== ';' && body[i] !== ',') i++;
      value = body.slice(valueStart, i).trim();
    }
    fields.push({ key, value, item });
    if (i < n && body[i] === ';') item++;
    i++;
  }
  return { fields, malformed };
}
