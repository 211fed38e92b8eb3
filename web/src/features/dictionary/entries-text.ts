import type { CodeListEntry, CodeListEntryInput } from '../../../../src/contracts/dictionary';

/**
 * The draft editor's plain-text form of a version's codes: one code per line,
 * `code | Chinese name | English name [| parent code]` (names may contain commas, so the bar
 * separates; a full-width ｜ is accepted too).
 */
export function entriesToText(entries: readonly CodeListEntry[]): string {
  return entries.map((entry) => [entry.code, entry.nameZh, entry.nameEn, ...(entry.parentCode ? [entry.parentCode] : [])].join(' | ')).join('\n');
}

/** Parses the text; `badLine` is the 1-based number of the first line that is not well-formed. */
export function textToEntries(text: string): { entries: CodeListEntryInput[] } | { badLine: number } {
  const entries: CodeListEntryInput[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const parts = line.split(/[|｜]/).map((part) => part.trim());
    if (parts.length < 3 || parts.length > 4 || parts.slice(0, 3).some((part) => part === '')) return { badLine: index + 1 };
    const [code, nameZh, nameEn, parentCode] = parts as [string, string, string, string | undefined];
    entries.push({ code, nameZh, nameEn, ...(parentCode ? { parentCode } : {}) });
  }
  return { entries };
}
