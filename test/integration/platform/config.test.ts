import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/server/config/config';

describe('configuration', () => {
  it('defaults to SQLite under ./data and port 3000', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.database).toEqual({ dialect: 'sqlite', file: '/srv/app/data/yrd-eco.sqlite', inbox: { minBatchRows: 1000, moveRows: 150_000, moveDelayMs: 250, maxLagMs: 2000 } });
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('/srv/app/data');
  });

  it('switches to PostgreSQL for a postgres:// URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/yrd' });
    expect(config.database).toMatchObject({ dialect: 'postgres', url: 'postgres://u@db:5432/yrd' });
  });

  it('lists every bad value at once with its name', () => {
    let caught: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x', COOKIE_SECURE: 'maybe' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    expect(problems).toContain('PORT must be an integer');
    expect(problems).toContain('LOG_LEVEL must be one of');
    expect(problems).toContain('DATABASE_URL must start with');
    expect(problems).toContain('COOKIE_SECURE must be true or false');
  });
});
