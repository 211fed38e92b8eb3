#!/usr/bin/env node
// The CLI runs the TypeScript sources through tsx so that the same code serves `npm start`,
// `npx yrd-eco …` and the tests without a separate server build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
await runCli(process.argv);
