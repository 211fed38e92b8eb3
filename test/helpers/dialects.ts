import type { DialectName } from '../../src/server/db/dialect';

const ALL: DialectName[] = ['sqlite', 'postgres'];

/** Dialects under test: all by default; TEST_DIALECTS=sqlite (or postgres) narrows a local run. */
export function testDialects(): DialectName[] {
  const wanted = process.env.TEST_DIALECTS?.split(',').map((name) => name.trim()).filter(Boolean);
  if (!wanted || wanted.length === 0) return ALL;
  const unknown = wanted.filter((name) => !ALL.includes(name as DialectName));
  if (unknown.length > 0) throw new Error(`TEST_DIALECTS has unknown dialects: ${unknown.join(', ')}`);
  return wanted as DialectName[];
}
