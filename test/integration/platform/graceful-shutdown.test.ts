import { request } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/server/server';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-context';

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(true));
  });
}

describe('graceful shutdown', () => {
  let database: TestDatabase | undefined;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.stop();
    await database?.dispose();
  });

  it('stops accepting, finishes the in-flight request, then closes the database', async () => {
    database = await createTestDatabase('sqlite', { PORT: '0', HOST: '127.0.0.1' });
    server = await startServer(database.config, { webRoot: false });
    const port = Number(new URL(server.url).port);

    // A request whose body is still arriving is in flight: shutdown must wait for it.
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/auth/login', headers: { 'content-type': 'application/json' } });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
    });
    req.write('{"username": "nobody", ');
    await sleep(100);

    const stopped = server.stop();
    await sleep(100);
    expect(await connectionRefused(port)).toBe(true);

    req.end('"password": "not-the-password"}');
    const { status, body } = await answer;
    expect(status).toBe(401);
    expect(JSON.parse(body).error.code).toBe('INVALID_CREDENTIALS');
    await stopped;
    await expect(server.ctx.database.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute()).rejects.toThrow();
    server = undefined;
  });
});
