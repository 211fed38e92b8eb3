import type { EffectiveAccess, Grant, ListGrantsQuery } from '../../../contracts/access';
import type { ApiToken } from '../../../contracts/identity';
import type { Executor } from '../../db/database';
import type { Actor, RequestMeta } from '../../platform/actor';
import { toIso } from '../../platform/clock';
import { errors } from '../../platform/errors';
import type { TokenService } from '../identity';
import type { AccessDeps, SharedDataset } from './access.deps';
import { accessErrors } from './access.errors';
import { canRevokeGrant, canSeeGrant } from './access.policy';
import { grantStatus, presentGrant } from './access.presenter';
import type { AccessRepository, GrantRow } from './access.repository';

const DAY_MS = 86_400_000;

export interface GrantServiceDeps extends AccessDeps {
  repo: AccessRepository;
  tokens: Pick<TokenService, 'createWithin'>;
}

/** What the caller may read of a dataset. `granted` narrows fields (null = all) and rows (null = all). */
export type EffectiveGrant =
  | { kind: 'owner'; dataset: SharedDataset }
  | { kind: 'unconditional'; dataset: SharedDataset }
  | { kind: 'granted'; dataset: SharedDataset; grant: GrantRow; fields: string[] | null; scopeCodes: string[] | null; until: number }
  | { kind: 'none'; dataset: SharedDataset | undefined };

function list(json: string | null): string[] | null {
  return json === null ? null : (JSON.parse(json) as string[]);
}

function granted(dataset: SharedDataset, grant: GrantRow): EffectiveGrant {
  return { kind: 'granted', dataset, grant, fields: list(grant.fields), scopeCodes: list(grant.scope_codes), until: grant.valid_until };
}

/** Grants (授权): visible to both sides, revocable by the grantor or the owner, expiring; tokens bound to one. */
export function createGrantService(deps: GrantServiceDeps) {
  const { clock, database, audit, events, catalog, directory, repo, tokens } = deps;
  const { db } = database;

  async function presentMany(rows: GrantRow[]): Promise<Grant[]> {
    const now = clock.now();
    const datasets = new Map<string, SharedDataset | undefined>();
    for (const id of new Set(rows.map((row) => row.dataset_id))) datasets.set(id, await catalog.getDataset(db, id));
    const names = await directory.organisationNames([...new Set(rows.flatMap((row) => [row.grantee_organisation_id, row.grantor_organisation_id]))]);
    return rows.map((row) => presentGrant(row, now, datasets.get(row.dataset_id), names));
  }

  async function loadVisible(actor: Actor, id: string): Promise<GrantRow> {
    const row = await repo.findGrant(db, id);
    if (row === undefined || !canSeeGrant(actor, row)) throw errors.notFound('Grant', '授权', id);
    return row;
  }

  /**
   * The caller's access to a dataset, before any token binding: the owner organisation reads
   * everything, 无条件共享 is open to every member, otherwise the newest grant valid now.
   */
  async function effectiveGrant(executor: Executor, actor: Actor, datasetId: string): Promise<EffectiveGrant> {
    const dataset = await catalog.getDataset(executor, datasetId);
    if (dataset === undefined) return { kind: 'none', dataset };
    if (dataset.ownerOrganisationId === actor.organisationId) return { kind: 'owner', dataset };
    if (dataset.status !== 'published') return { kind: 'none', dataset };
    const bound = actor.tokenId === null ? undefined : await repo.grantBoundToToken(executor, actor.tokenId);
    if (bound !== undefined) {
      if (bound.dataset_id !== datasetId || grantStatus(bound, clock.now()) !== 'active') return { kind: 'none', dataset };
      return granted(dataset, bound);
    }
    if (dataset.sharingType === 'unconditional') return { kind: 'unconditional', dataset };
    const [grant] = await repo.validGrants(executor, actor.organisationId, datasetId, clock.now());
    return grant === undefined ? { kind: 'none', dataset } : granted(dataset, grant);
  }

  return {
    effectiveGrant,

    /**
     * effectiveGrant for a read, with the reason when it is refused: a token bound to a grant
     * used on another dataset, after expiry or revocation answers its own stable code.
     */
    async readAccess(executor: Executor, actor: Actor, datasetId: string): Promise<Exclude<EffectiveGrant, { kind: 'none' }>> {
      const access = await effectiveGrant(executor, actor, datasetId);
      if (access.kind !== 'none') return access;
      if (access.dataset === undefined) throw errors.notFound('Dataset', '数据集', datasetId);
      const grant = actor.tokenId === null ? undefined : await repo.grantBoundToToken(executor, actor.tokenId);
      if (grant !== undefined && access.dataset.ownerOrganisationId !== actor.organisationId) {
        if (grant.dataset_id !== datasetId) throw accessErrors.tokenBeyondGrant('this dataset', '该数据集');
        if (grant.revoked_at !== null) throw accessErrors.grantRevoked();
        if (grant.valid_until <= clock.now()) throw accessErrors.grantExpired();
      }
      throw accessErrors.noGrant();
    },

    async effectiveAccess(actor: Actor, datasetId: string): Promise<EffectiveAccess> {
      const access = await effectiveGrant(db, actor, datasetId);
      if (access.dataset === undefined) throw errors.notFound('Dataset', '数据集', datasetId);
      if (access.kind !== 'granted') return { kind: access.kind, grantId: null, fields: null, scopeCodes: null, until: null };
      return { kind: 'granted', grantId: access.grant.id, fields: access.fields, scopeCodes: access.scopeCodes, until: toIso(access.until) };
    },

    async list(actor: Actor, query: ListGrantsQuery): Promise<{ items: Grant[]; total: number }> {
      const { rows, total } = await repo.listGrants(db, {
        side: query.side,
        organisationId: actor.organisationId,
        ...(query.datasetId === undefined ? {} : { datasetId: query.datasetId }),
        limit: query.limit ?? 50,
        offset: query.offset ?? 0,
      });
      return { items: await presentMany(rows), total };
    },

    async get(actor: Actor, id: string): Promise<Grant> {
      const [grant] = await presentMany([await loadVisible(actor, id)]);
      return grant!;
    },

    async revoke(actor: Actor, id: string, reason: string, meta?: RequestMeta): Promise<Grant> {
      const row = await loadVisible(actor, id);
      const dataset = await catalog.getDataset(db, row.dataset_id);
      const isOwner = dataset !== undefined && dataset.ownerOrganisationId === actor.organisationId && actor.permissions.has('access:decide');
      if (!canRevokeGrant(actor, row) && !isOwner) throw errors.forbidden('Only the granting organisation or the owner revokes a grant', '只有授权单位或数据提供方可以撤销授权');
      const now = clock.now();
      const patch = { revoked_at: now, revoked_by: actor.userId, revoke_reason: reason.trim() };
      const after = await db.transaction().execute(async (trx) => {
        if (!(await repo.revokeGrant(trx, id, patch))) throw errors.conflict('The grant is already revoked', '该授权已撤销');
        await audit.record(trx, {
          actor: { userId: actor.userId, username: actor.username, displayName: actor.displayName, organisationId: actor.organisationId },
          action: 'grant.revoke',
          objectType: 'grant',
          objectId: id,
          targetOrganisationId: row.grantee_organisation_id,
          before: row,
          after: { ...row, ...patch },
          ...(meta ? { meta } : {}),
        });
        await catalog.recordActivity(trx, {
          datasetId: row.dataset_id,
          kind: 'grant.revoked',
          actor: { userId: actor.userId, displayName: actor.displayName, organisationId: actor.organisationId },
          summary: `授权已撤销 / grant revoked`,
          details: { grantId: id, granteeOrganisationId: row.grantee_organisation_id, reason: patch.revoke_reason },
        });
        return { ...row, ...patch };
      });
      events.publish('grant.revoked', { grantId: id, datasetId: row.dataset_id, granteeOrganisationId: row.grantee_organisation_id });
      const [grant] = await presentMany([after]);
      return grant!;
    },

    /**
     * A personal API token of the caller bound to a grant their organisation received: scope
     * `data:read` only, expiring with the grant, usable only for this grant's dataset, fields
     * and rows (machine access).
     */
    async createToken(actor: Actor, grantId: string, name: string, meta?: RequestMeta): Promise<{ token: ApiToken; secret: string; grantId: string }> {
      const row = await loadVisible(actor, grantId);
      if (row.grantee_organisation_id !== actor.organisationId) throw errors.forbidden('Tokens are made by the organisation that received the grant', '只有被授权单位可以为授权创建令牌');
      const now = clock.now();
      const status = grantStatus(row, now);
      if (status === 'revoked') throw accessErrors.grantRevoked();
      if (status === 'expired') throw accessErrors.grantExpired();
      const expiresInDays = Math.min(366, Math.max(1, Math.ceil((row.valid_until - now) / DAY_MS)));
      const created = await db.transaction().execute(async (trx) => {
        const made = await tokens.createWithin(trx, actor, { name, scopes: ['data:read'], expiresInDays }, meta);
        await repo.insertGrantToken(trx, { token_id: made.token.id, grant_id: grantId, created_at: now });
        return made;
      });
      return { ...created, grantId };
    },

    /** Ids of the tokens bound to a grant (for the grant page). */
    async tokenIds(actor: Actor, grantId: string): Promise<string[]> {
      await loadVisible(actor, grantId);
      return repo.tokensOfGrant(db, grantId);
    },
  };
}

export type GrantService = ReturnType<typeof createGrantService>;
