import { isDeepStrictEqual } from 'node:util';
import type { MetadataChange } from '../../../contracts/catalog';

/** The fields whose presented value differs between two versions of a record (order of `before`). */
export function metadataDiff(before: Record<string, unknown>, after: Record<string, unknown>, ignore: readonly string[] = []): MetadataChange[] {
  const changes: MetadataChange[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const field of keys) {
    if (ignore.includes(field)) continue;
    const was = before[field] ?? null;
    const now = after[field] ?? null;
    if (!isDeepStrictEqual(was, now)) changes.push({ field, before: was, after: now });
  }
  return changes;
}
