import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../helpers/dialects';
import { buildTestApp, type TestApp } from '../../helpers/test-context';

function expectEnvelope(body: unknown, code: string): void {
  expect(body).toMatchObject({
    error: { code, message: expect.any(String), messageZh: expect.any(String), requestId: expect.any(String) },
  });
}

for (const dialect of testDialects()) {
  describe(`HTTP platform (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: { RATE_LIMIT_PER_MINUTE: '1000' } });
    });
    afterAll(async () => t?.close());

    it('answers /healthz and /readyz', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
      const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: 'ready', database: dialect });
    });

    it('404 for an unknown route, with the envelope and the request id header', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
      expect(response.statusCode).toBe(404);
      expectEnvelope(response.json(), 'ROUTE_NOT_FOUND');
      expect(response.headers['x-request-id']).toBe(response.json().error.requestId);
    });

    it('405 with Allow for a known path and a wrong method', async () => {
      const response = await t.app.inject({ method: 'DELETE', url: '/api/v1/meta' });
      expect(response.statusCode).toBe(405);
      expect(response.headers.allow).toContain('GET');
      expectEnvelope(response.json(), 'METHOD_NOT_ALLOWED');
    });

    it('keeps a well-formed caller request id and replaces a malformed one', async () => {
      const kept = await t.app.inject({ method: 'GET', url: '/api/v1/nope', headers: { 'x-request-id': 'trace-123' } });
      expect(kept.json().error.requestId).toBe('trace-123');
      const replaced = await t.app.inject({ method: 'GET', url: '/api/v1/nope', headers: { 'x-request-id': 'bad id\n<x>' } });
      expect(replaced.json().error.requestId).not.toContain('<');
    });

    it('401 on a protected route without credentials', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
      expect(response.statusCode).toBe(401);
      expectEnvelope(response.json(), 'UNAUTHENTICATED');
    });

    it('400 for malformed JSON, 415 for a wrong content type, 413 for an oversized body', async () => {
      const malformed = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"username": "admin", ',
      });
      expect(malformed.statusCode).toBe(400);
      expectEnvelope(malformed.json(), 'MALFORMED_JSON');

      const wrongType = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'username=admin&password=x',
      });
      expect(wrongType.statusCode).toBe(415);
      expectEnvelope(wrongType.json(), 'UNSUPPORTED_MEDIA_TYPE');

      const huge = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ username: 'admin', password: 'x'.repeat(2 * 1024 * 1024) }),
      });
      expect(huge.statusCode).toBe(413);
      expectEnvelope(huge.json(), 'PAYLOAD_TOO_LARGE');
    });

    it('400 VALIDATION_FAILED for unknown fields, with details', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: 'whatever-it-is', isAdmin: true },
      });
      expect(response.statusCode).toBe(400);
      expectEnvelope(response.json(), 'VALIDATION_FAILED');
      expect(JSON.stringify(response.json().error.details)).toContain('additionalProperties');
    });

    it('serves OpenAPI JSON and the Swagger UI', async () => {
      const spec = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
      expect(spec.statusCode).toBe(200);
      expect(spec.json().openapi).toBe('3.1.0');
      expect(Object.keys(spec.json().paths)).toContain('/api/v1/meta');
      const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
      expect(ui.statusCode).toBe(200);
      expect(ui.body).toContain('swagger');
    });

    it('exposes Prometheus metrics with route patterns, pool and process figures', async () => {
      await t.app.inject({ method: 'GET', url: '/api/v1/meta' });
      const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.statusCode).toBe(200);
      expect(metrics.body).toMatch(/http_requests_total\{method="GET",route="\/api\/v1\/meta",status="200"\} \d+/);
      expect(metrics.body).toContain('http_request_duration_seconds_bucket');
      expect(metrics.body).toContain('db_pool_connections{state="total"}');
      expect(metrics.body).toContain('process_resident_memory_bytes');
    });
  });

  describe(`rate limiting (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect, { env: { RATE_LIMIT_PER_MINUTE: '3' } });
    });
    afterAll(async () => t?.close());

    it('429 RATE_LIMITED once a client exceeds the limit', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await t.app.inject({ method: 'GET', url: '/api/v1/meta' })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await t.app.inject({ method: 'GET', url: '/api/v1/meta' });
      expectEnvelope(limited.json(), 'RATE_LIMITED');
    });
  });

  describe(`readiness with a pending migration (${dialect})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(async () => t?.close());

    it('/readyz is 503 NOT_READY while a migration is pending, 200 again once applied', async () => {
      // As if this code were newer than the database: its last migration is not recorded.
      const db = t.ctx.database.db;
      const { rows } = await sql<{ name: string; timestamp: string }>`select name, timestamp from kysely_migration order by name desc limit 1`.execute(db);
      const last = rows[0]!;
      await sql`delete from kysely_migration where name = ${last.name}`.execute(db);
      const pending = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(pending.statusCode).toBe(503);
      expectEnvelope(pending.json(), 'NOT_READY');

      await sql`insert into kysely_migration (name, timestamp) values (${last.name}, ${last.timestamp})`.execute(db);
      expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    });
  });
}
