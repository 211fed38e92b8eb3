/**
 * Row scopes as GB/T 2260 division codes. A code covers the divisions below it: a province
 * (xx0000) every code starting with its two digits, a city (xxyy00) every code starting with its
 * four, a county only itself; 000000 (the whole region) covers everything. The same prefixes
 * give the indexed range a scope reads (docs/sharing.md: 320100 → [320100, 320200)).
 */

function significantPrefix(code: string): string {
  if (code === '000000') return '';
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** True when `outer` covers `inner`. */
export function scopeCovers(outer: string, inner: string): boolean {
  return inner.startsWith(significantPrefix(outer));
}

/** True when every code of `inner` lies inside some code of `outer` (null = everything). */
export function scopeWithin(inner: readonly string[] | null, outer: readonly string[] | null): boolean {
  if (outer === null) return true;
  if (inner === null) return false;
  return inner.every((code) => outer.some((o) => scopeCovers(o, code)));
}

/** Drops codes covered by another code of the list (320100 when 320000 is there); sorted. */
export function normaliseScope(codes: readonly string[]): string[] {
  const unique = [...new Set(codes)];
  return unique.filter((code) => !unique.some((other) => other !== code && scopeCovers(other, code))).sort();
}
