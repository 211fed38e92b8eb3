import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    // Integration files each get their own SQLite file and PostgreSQL schema, so files run in
    // parallel; browser tests share one server per file.
    pool: 'forks',
    testTimeout: 30_000,
    // expect.poll waits for what a page or a background job does; its 1 s default failed browser
    // tests on a busy CI machine (a list still closing, options not yet rendered).
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
