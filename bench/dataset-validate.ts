/**
 * `npx tsx bench/dataset-validate.ts` — the row validation engine on BENCH_ROWS (default 100 000)
 * sample rows of a two-table water-quality schema (types with units, code list, keys, a link,
 * custom rules at every level), as CSV would deliver them (strings). Prints rows/s of a clean
 * run and of a run where every tenth row breaks a rule. Figures only; nothing is asserted.
 */
import type { DatasetSchemaDefinition } from '../src/contracts/dataset-schema';
import { waterSectionsDefinition } from '../src/dataset-schema/fixtures.test-support';
import { validateRows } from '../src/dataset-schema/validate';

const rowCount = Number(process.env.BENCH_ROWS ?? 100_000);
const definition: DatasetSchemaDefinition = waterSectionsDefinition();
const classes = ['1', '2', '3', '4', '5', '6'].map((code) => ({ code }));
const codeLists = [
  { ref: { code: 'GB3838_CLASS' }, entries: classes },
  { ref: { code: 'GB3838_CLASS', version: '2002' }, entries: classes },
];
const sections = Array.from({ length: 100 }, (_, index) => ({ section_code: `JS${String(index).padStart(4, '0')}`, section_name: `断面${index}`, division_code: '320500', target_class: '3', location: `{"type":"Point","coordinates":[120.${index},31.5]}` }));

function samples(broken: boolean) {
  const start = Date.UTC(2020, 0, 1);
  return Array.from({ length: rowCount }, (_, index) => {
    const day = new Date(start + Math.floor(index / 100) * 86_400_000).toISOString().slice(0, 10);
    const bad = broken && index % 10 === 0;
    return { section_code: `JS${String(index % 100).padStart(4, '0')}`, sampled_on: day, cod: bad ? '250.0 mg/L' : `${(index % 300) / 10} mg/L`, ammonia: String((index % 1000) / 1000), water_class: String((index % 5) + 1), flow_m3s: '12.5', note: '' };
  });
}

for (const broken of [false, true]) {
  const rows = samples(broken);
  const started = process.hrtime.bigint();
  const output = validateRows({ definition, codeLists, tables: { sections, samples: rows }, referenceDate: { at: Date.now() } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`${broken ? 'every 10th row broken' : 'clean'}: ${rowCount} rows in ${seconds.toFixed(2)} s = ${Math.round(rowCount / seconds)} rows/s; results ${JSON.stringify(output.counts)}, kept ${output.results.length}`);
}
