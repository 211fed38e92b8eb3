import type { Executor } from '../../db/database';
import type { Clock } from '../../platform/clock';
import { randomBytes } from 'node:crypto';
import { isSystem, type Caller } from '../identity';
import { activityRepository } from './activity.repository';
import type { ActivityActor, ActivityInput } from './catalog.types';

export function activityActor(caller: Caller): ActivityActor | null {
  return isSystem(caller) ? null : { userId: caller.userId, displayName: caller.displayName, organisationId: caller.organisationId };
}

/**
 * UUID v7 whose 12-bit rand_a field counts up within one millisecond (RFC 9562 method 1), so
 * entries written in the same millisecond — a create and a publish by the seeder, or a test's
 * fixed clock — still sort in the order they were written.
 */
let lastMs = -1;
let counter = 0;
function monotonicId(now: number): string {
  counter = now === lastMs ? counter + 1 : 0;
  lastMs = now;
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Appends to a dataset's history inside the caller's transaction (so both commit together). */
export function createActivityRecorder(clock: Clock) {
  return async function recordActivity(executor: Executor, input: ActivityInput): Promise<void> {
    const now = clock.now();
    await activityRepository.insert(executor, {
      id: monotonicId(now),
      dataset_id: input.datasetId,
      kind: input.kind,
      actor_user_id: input.actor?.userId ?? null,
      actor_name: input.actor?.displayName ?? null,
      actor_organisation_id: input.actor?.organisationId ?? null,
      summary: input.summary,
      details: JSON.stringify(input.details ?? {}),
      occurred_at: now,
    });
  };
}
