import type { Insertable, Selectable, Updateable } from 'kysely';
import type { AccessRequestStatus } from '../../../contracts/sharing';
import type { Executor } from '../../db/database';
import type { DialectHelpers } from '../../db/dialect';
import type { AccessRequestEventsTable, AccessRequestsTable, GrantsTable } from './access.tables';

export type AccessRequestRow = Selectable<AccessRequestsTable>;
export type AccessRequestEventRow = Selectable<AccessRequestEventsTable>;
export type GrantRow = Selectable<GrantsTable>;

export interface RequestListFilter {
  box: 'inbox' | 'outbox';
  organisationId: string;
  /** Working-group members also see overdue requests escalated to them in their inbox. */
  includeEscalated: boolean;
  status?: AccessRequestStatus;
  datasetId?: string;
  limit: number;
  offset: number;
}

/** All SQL on access_requests, access_request_events, grants and grant_tokens. */
export function createAccessRepository(dialect: DialectHelpers) {
  function filtered(executor: Executor, filter: Omit<RequestListFilter, 'limit' | 'offset'>) {
    let query = executor.selectFrom('access_requests');
    if (filter.box === 'outbox') {
      query = query.where('requesting_organisation_id', '=', filter.organisationId);
    } else if (filter.includeEscalated) {
      query = query.where((eb) => eb.or([eb('deciding_organisation_id', '=', filter.organisationId), eb('escalated_at', 'is not', null)]));
    } else {
      query = query.where('deciding_organisation_id', '=', filter.organisationId);
    }
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.datasetId !== undefined) query = query.where('dataset_id', '=', filter.datasetId);
    return query;
  }

  return {
    async insertRequest(executor: Executor, row: Insertable<AccessRequestsTable>): Promise<void> {
      await executor.insertInto('access_requests').values(row).execute();
    },

    async insertEvent(executor: Executor, row: Insertable<AccessRequestEventsTable>): Promise<void> {
      await executor.insertInto('access_request_events').values(row).execute();
    },

    async findRequest(executor: Executor, id: string, lock = false): Promise<AccessRequestRow | undefined> {
      const query = executor.selectFrom('access_requests').selectAll().where('id', '=', id);
      return (lock ? dialect.forUpdate(query) : query).executeTakeFirst();
    },

    async listRequests(executor: Executor, filter: RequestListFilter): Promise<{ rows: AccessRequestRow[]; total: number }> {
      const [rows, count] = await Promise.all([
        filtered(executor, filter).selectAll().orderBy('submitted_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
        filtered(executor, filter).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.total) };
    },

    /** Only while the request still has `expected` status; returns whether it did. */
    async updateRequest(executor: Executor, id: string, expected: AccessRequestStatus, patch: Updateable<AccessRequestsTable>): Promise<boolean> {
      const result = await executor.updateTable('access_requests').set(patch).where('id', '=', id).where('status', '=', expected).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async eventsFor(executor: Executor, requestIds: readonly string[]): Promise<AccessRequestEventRow[]> {
      if (requestIds.length === 0) return [];
      return executor.selectFrom('access_request_events').selectAll().where('request_id', 'in', requestIds).orderBy('at').orderBy('id').execute();
    },

    /** Pending requests whose reminder or escalation may be due (the periodic job). */
    async pendingNeedingAttention(executor: Executor, limit: number): Promise<AccessRequestRow[]> {
      return executor
        .selectFrom('access_requests')
        .selectAll()
        .where('status', '=', 'pending')
        // Once escalated nothing more is due (the reminder is moot by then).
        .where('escalated_at', 'is', null)
        .orderBy('deadline_at')
        .limit(limit)
        .execute();
    },

    async insertGrant(executor: Executor, row: Insertable<GrantsTable>): Promise<void> {
      await executor.insertInto('grants').values(row).execute();
    },

    async findGrant(executor: Executor, id: string): Promise<GrantRow | undefined> {
      return executor.selectFrom('grants').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async grantsForRequests(executor: Executor, requestIds: readonly string[]): Promise<GrantRow[]> {
      if (requestIds.length === 0) return [];
      return executor.selectFrom('grants').selectAll().where('request_id', 'in', requestIds).execute();
    },

    async listGrants(
      executor: Executor,
      filter: { side: 'received' | 'given'; organisationId: string; datasetId?: string; limit: number; offset: number },
    ): Promise<{ rows: GrantRow[]; total: number }> {
      const base = () => {
        let query = executor.selectFrom('grants').where(filter.side === 'received' ? 'grantee_organisation_id' : 'grantor_organisation_id', '=', filter.organisationId);
        if (filter.datasetId !== undefined) query = query.where('dataset_id', '=', filter.datasetId);
        return query;
      };
      const [rows, count] = await Promise.all([
        base().selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
        base().select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(count.total) };
    },

    /** Grants of one organisation on one dataset valid at `now`, newest first. */
    async validGrants(executor: Executor, organisationId: string, datasetId: string, now: number): Promise<GrantRow[]> {
      return executor
        .selectFrom('grants')
        .selectAll()
        .where('grantee_organisation_id', '=', organisationId)
        .where('dataset_id', '=', datasetId)
        .where('revoked_at', 'is', null)
        .where('valid_from', '<=', now)
        .where('valid_until', '>', now)
        .orderBy('created_at', 'desc')
        .execute();
    },

    async revokeGrant(executor: Executor, id: string, patch: { revoked_at: number; revoked_by: string | null; revoke_reason: string }): Promise<boolean> {
      const result = await executor.updateTable('grants').set(patch).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async insertGrantToken(executor: Executor, row: { token_id: string; grant_id: string; created_at: number }): Promise<void> {
      await executor.insertInto('grant_tokens').values(row).execute();
    },

    /** The grant a token is bound to (one join: the read path asks this on every token read). */
    grantBoundToToken(executor: Executor, tokenId: string): Promise<GrantRow | undefined> {
      return executor.selectFrom('grant_tokens').innerJoin('grants', 'grants.id', 'grant_tokens.grant_id').selectAll('grants').where('grant_tokens.token_id', '=', tokenId).executeTakeFirst();
    },

    async tokensOfGrant(executor: Executor, grantId: string): Promise<string[]> {
      const rows = await executor.selectFrom('grant_tokens').select('token_id').where('grant_id', '=', grantId).execute();
      return rows.map((row) => row.token_id);
    },
  };
}

export type AccessRepository = ReturnType<typeof createAccessRepository>;
