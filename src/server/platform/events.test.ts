import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { createEventBus } from './events';

describe('event bus', () => {
  it('delivers to every listener after publish, and a failing listener does not stop the others', async () => {
    const bus = createEventBus(pino({ level: 'silent' }));
    const seen: string[] = [];
    bus.on('release.accepted', () => {
      throw new Error('listener broke');
    });
    bus.on('release.accepted', (event) => {
      seen.push(event.releaseId);
    });
    bus.publish('release.accepted', { datasetId: 'd', releaseId: 'r1', sequence: 1, rowCount: 3 });
    expect(seen).toEqual([]); // never inside the publisher's call stack
    await bus.settled();
    expect(seen).toEqual(['r1']);
  });

  it('stops delivering after unsubscribe', async () => {
    const bus = createEventBus(pino({ level: 'silent' }));
    let calls = 0;
    const off = bus.on('grant.revoked', () => void calls++);
    bus.publish('grant.revoked', { grantId: 'g', datasetId: 'd', granteeOrganisationId: 'o' });
    await bus.settled();
    off();
    bus.publish('grant.revoked', { grantId: 'g', datasetId: 'd', granteeOrganisationId: 'o' });
    await bus.settled();
    expect(calls).toBe(1);
  });
});
