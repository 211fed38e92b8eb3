import type { Logger } from './logger';

/**
 * Domain events announced after a transaction commits, for reactions that must not hold up or
 * roll back the write (in-app notifications, webhooks). A listener's failure is logged and never
 * reaches the publisher: the write already happened. Anything that must be atomic with a write
 * is a service call inside the transaction instead (see docs/sharing.md).
 */
export interface DomainEvents {
  'dataset.published': { datasetId: string; ownerOrganisationId: string };
  'dataset.updated': { datasetId: string; ownerOrganisationId: string; changedFields: string[] };
  'schema.published': { datasetId: string; schemaId: string; version: number };
  'release.submitted': { datasetId: string; releaseId: string; custodianOrganisationId: string };
  'release.accepted': { datasetId: string; releaseId: string; sequence: number; rowCount: number };
  'release.correction_requested': { datasetId: string; releaseId: string; ownerOrganisationId: string };
  'access.requested': { requestId: string; datasetId: string; decidingOrganisationId: string };
  'access.decided': { requestId: string; datasetId: string; requestingOrganisationId: string; status: string };
  'grant.revoked': { grantId: string; datasetId: string; granteeOrganisationId: string };
  'data_error.reported': { reportId: string; datasetId: string; ownerOrganisationId: string };
}

export type DomainEventName = keyof DomainEvents;
export type DomainEventListener<E extends DomainEventName> = (payload: DomainEvents[E]) => void | Promise<void>;

export interface EventBus {
  /** Subscribes; returns the unsubscribe function. */
  on<E extends DomainEventName>(event: E, listener: DomainEventListener<E>): () => void;
  /** Call only after the transaction that made the change has committed. */
  publish<E extends DomainEventName>(event: E, payload: DomainEvents[E]): void;
  /** Resolves when every listener started so far has settled (tests and graceful stop). */
  settled(): Promise<void>;
}

export function createEventBus(logger: Logger): EventBus {
  const listeners = new Map<DomainEventName, Set<DomainEventListener<DomainEventName>>>();
  const running = new Set<Promise<void>>();

  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as DomainEventListener<DomainEventName>);
      return () => set.delete(listener as DomainEventListener<DomainEventName>);
    },
    publish(event, payload) {
      for (const listener of listeners.get(event) ?? []) {
        const run = Promise.resolve()
          .then(() => listener(payload))
          .catch((error: unknown) => logger.error({ err: error, event }, 'event listener failed'))
          .finally(() => running.delete(run));
        running.add(run);
      }
    },
    async settled() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
