import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/server/config/config';

describe('gateway configuration', () => {
  it('defaults: enabled on 9212, cap 9999, group commit 5000 rows / 2 ms', () => {
    expect(loadConfig({}).gateway).toEqual({
      enabled: true,
      port: 9212,
      host: '0.0.0.0',
      maxPacketBytes: 9999,
      idleTimeoutMs: 600_000,
      maxConnections: 5000,
      batchMaxRows: 5000,
      batchMaxDelayMs: 2,
      futureToleranceMs: 600_000,
      badPacketLogMax: 1000,
      quarantineMaxPackets: 1000,
    });
    // An ephemeral HTTP port implies an ephemeral gateway port; GATEWAY_HOST falls back to HOST.
    expect(loadConfig({ PORT: '0', HOST: '127.0.0.1' }).gateway).toMatchObject({ port: 0, host: '127.0.0.1' });
    expect(loadConfig({ GATEWAY_ENABLED: 'false', GATEWAY_PORT: '19212' }).gateway).toMatchObject({ enabled: false, port: 19212 });
  });

  it('rejects out-of-range values and a port clash, naming each', () => {
    let caught: unknown;
    try {
      loadConfig({
        PORT: '9300',
        GATEWAY_PORT: '9300',
        GATEWAY_MAX_PACKET_BYTES: '500',
        GATEWAY_BATCH_MAX_ROWS: '0',
        GATEWAY_BATCH_MAX_DELAY_MS: 'soon',
        GATEWAY_IDLE_TIMEOUT_MS: '5',
        GATEWAY_MAX_CONNECTIONS: '-1',
        GATEWAY_ENABLED: 'perhaps',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems.join('\n');
    for (const name of ['GATEWAY_MAX_PACKET_BYTES', 'GATEWAY_BATCH_MAX_ROWS', 'GATEWAY_BATCH_MAX_DELAY_MS', 'GATEWAY_IDLE_TIMEOUT_MS', 'GATEWAY_MAX_CONNECTIONS', 'GATEWAY_ENABLED']) {
      expect(problems).toContain(name);
    }
    expect(loadConfig.bind(null, { PORT: '9300', GATEWAY_PORT: '9300' })).toThrow(/GATEWAY_PORT must differ from PORT/);
  });
});
