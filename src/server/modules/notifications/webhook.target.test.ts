import { describe, expect, it } from 'vitest';
import { checkWebhookTarget } from './webhook.target';

describe('webhook target guard', () => {
  it('refuses private, loopback, link-local and mapped addresses unless allowed', async () => {
    for (const url of ['http://127.0.0.1:8080/hook', 'http://10.1.2.3/', 'http://192.168.1.1/', 'http://169.254.169.254/latest', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://localhost:9/']) {
      expect(await checkWebhookTarget(url, false), url).toBe('PRIVATE_ADDRESS');
    }
    expect(await checkWebhookTarget('http://127.0.0.1:8080/hook', true)).toBeNull();
  });

  it('accepts public literal addresses and refuses other schemes and embedded credentials', async () => {
    expect(await checkWebhookTarget('https://203.0.113.7/hook', false)).toBeNull();
    expect(await checkWebhookTarget('ftp://203.0.113.7/', false)).toBe('SCHEME');
    expect(await checkWebhookTarget('not a url', false)).toBe('SCHEME');
    expect(await checkWebhookTarget('https://user:pw@203.0.113.7/', true)).toBe('CREDENTIALS');
  });
});
