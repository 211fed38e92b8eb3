import type { DatasetSchemaDefinition, MaskRule } from '../contracts/dataset-schema';

/**
 * Masking (脱敏) of shared values, applied by the access part to rows read under a grant. Each
 * function takes a validated row value and never throws; blanks stay blank. `hide` answers null
 * (the field stays in the row so consumers see it exists but cannot read it).
 */

/** Mobile and fixed-line numbers: keep the first 3 and last 4 digits (138****5678). */
export function maskPhone(value: string): string {
  const digits = value.replace(/[\s-]/g, '');
  if (digits.length <= 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** Resident ID numbers (居民身份证号, 18 characters) and similar: keep the first 4 and last 4. */
export function maskIdNumber(value: string): string {
  const text = value.trim();
  if (text.length <= 8) return '*'.repeat(text.length);
  return `${text.slice(0, 4)}${'*'.repeat(text.length - 8)}${text.slice(-4)}`;
}

/**
 * Personal names: Chinese names keep the family name (张* for two characters, 张*明 for three or
 * more keeps the last character too); Latin names keep the initial of each word (J*** S****).
 */
export function maskName(value: string): string {
  const text = value.trim();
  const characters = [...text];
  if (characters.length === 0) return text;
  if (/^[\u3400-\u9fff\u00b7·]+$/u.test(text)) {
    if (characters.length === 1) return '*';
    if (characters.length === 2) return `${characters[0]}*`;
    return `${characters[0]}${'*'.repeat(characters.length - 2)}${characters[characters.length - 1]}`;
  }
  return text
    .split(/\s+/)
    .map((word) => {
      const letters = [...word];
      return letters.length <= 1 ? word : `${letters[0]}${'*'.repeat(letters.length - 1)}`;
    })
    .join(' ');
}

/** Rounds every coordinate of a GeoJSON geometry to `decimals` places (2 places ≈ 1 km). */
export function roundCoordinates<T>(geometry: T, decimals: number): T {
  const factor = 10 ** decimals;
  const round = (node: unknown): unknown => {
    if (typeof node === 'number') return Math.round(node * factor) / factor;
    if (Array.isArray(node)) return node.map(round);
    return node;
  };
  if (typeof geometry !== 'object' || geometry === null) return geometry;
  const source = geometry as Record<string, unknown>;
  if (!('coordinates' in source)) return geometry;
  return { ...source, coordinates: round(source.coordinates) } as T;
}

/** Applies one mask rule to a value. */
export function maskValue(value: unknown, rule: MaskRule): unknown {
  if (value === null || value === undefined) return null;
  switch (rule.kind) {
    case 'hide':
      return null;
    case 'phone':
      return maskPhone(String(value));
    case 'id_number':
      return maskIdNumber(String(value));
    case 'name':
      return maskName(String(value));
    case 'round_coordinates':
      return roundCoordinates(value, rule.decimals);
  }
}

export type RowMasker = (row: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/**
 * Compiles, once per table, the function that masks a row. `unmasked` lists fields a grant
 * allows in clear (e.g. the owner reading its own data passes every field).
 */
export function compileRowMasker(definition: DatasetSchemaDefinition, tableName: string, unmasked: ReadonlySet<string> = new Set()): RowMasker {
  const table = definition.tables.find((candidate) => candidate.name === tableName);
  const masked = (table?.fields ?? []).filter((field) => field.mask && !unmasked.has(field.name)).map((field) => ({ name: field.name, rule: field.mask! }));
  if (masked.length === 0) return (row) => ({ ...row });
  return (row) => {
    const copy: Record<string, unknown> = { ...row };
    for (const { name, rule } of masked) if (name in copy) copy[name] = maskValue(copy[name], rule);
    return copy;
  };
}
