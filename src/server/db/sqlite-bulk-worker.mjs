// Entry of the SQLite writer thread. A worker thread does not inherit the TypeScript loader of
// its parent in every host (the CLI registers tsx through its API, vitest transforms in-process),
// so the thread registers tsx itself before loading the TypeScript body.
import { register } from 'tsx/esm/api';

register();
await import('./sqlite-bulk-worker.ts');
