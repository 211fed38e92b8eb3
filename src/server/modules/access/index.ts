/**
 * The access module's only public surface (高效安全共享): access requests with working-day
 * deadlines, reminders and escalation; grants and grant-bound tokens; effective access per
 * dataset; the hash-chained exchange log and signed receipts.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from '../../config/config';
import type { TokenService } from '../identity';
import type { AccessDeps } from './access.deps';
import { createAccessRepository } from './access.repository';
import { createExchangeService, type ExchangeService } from './exchange.service';
import { createGrantService, type GrantService } from './grant.service';
import { createRequestService, type RequestService } from './request.service';
import { createSharedDataService, type AccessReleases, type SchemaOf, type SharedDataService } from './shared-data.service';

export interface AccessService {
  requests: RequestService;
  grants: GrantService;
  exchanges: ExchangeService;
  /** The read path of shared rows (GET /shared-data/:datasetId/rows). */
  sharedData: SharedDataService;
  /** docs/sharing.md: owner, unconditional, granted (fields, scope, until) or none. */
  effectiveGrant: GrantService['effectiveGrant'];
  /** Starts the periodic reminder/escalation job (config.access.jobIntervalMs). */
  start(): void;
  /** Stops the job and waits for a run in progress. */
  stop(): Promise<void>;
}

export interface AccessModuleDeps extends AccessDeps {
  config: Pick<Config, 'access' | 'dataDir'>;
  tokens: Pick<TokenService, 'createWithin'>;
  releases: AccessReleases;
  schemaOf: SchemaOf;
}

/** The configured receipt key, or one kept in DATA_DIR (created once) so receipts verify after a restart. */
function receiptKey(config: Pick<Config, 'access' | 'dataDir'>): string {
  if (config.access.receiptKey !== null) return config.access.receiptKey;
  const file = join(config.dataDir, 'exchange-receipt.key');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return readFileSync(file, 'utf8').trim();
}

/** Builds the access services (called by context.ts only). */
export function createAccessModule(deps: AccessModuleDeps): AccessService {
  const repo = createAccessRepository(deps.database.dialect);
  const requests = createRequestService({ ...deps, repo });
  const grants = createGrantService({ ...deps, repo });
  const exchanges = createExchangeService({ ...deps, receiptKey: receiptKey(deps.config) });
  const sharedData = createSharedDataService({ database: deps.database, grants, exchanges, releases: deps.releases, schemaOf: deps.schemaOf });
  let timer: ReturnType<typeof setInterval> | null = null;
  let running: Promise<unknown> | null = null;

  function runOnce(): void {
    if (running !== null) return;
    running = requests
      .tick(deps.clock.now())
      .catch((error: unknown) => deps.logger.error({ err: error }, 'access: reminder/escalation run failed'))
      .finally(() => {
        running = null;
      });
  }

  return {
    requests,
    grants,
    exchanges,
    sharedData,
    effectiveGrant: grants.effectiveGrant,
    start() {
      if (timer !== null) return;
      timer = setInterval(runOnce, deps.config.access.jobIntervalMs);
      timer.unref();
    },
    async stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
      if (running !== null) await running;
    },
  };
}

export { registerAccessRoutes } from './access.routes';
export { catalogPort, directoryPort, releasesPort, schemaPort } from './ports';
export type { AccessReleases, SchemaOf, SharedRowsPage } from './shared-data.service';
export type { EffectiveGrant, GrantService } from './grant.service';
export type { RequestService } from './request.service';
export { verifyExchangeLog, type ExchangeService, type ExchangeEntry } from './exchange.service';
export type { ExchangeVerifyResult } from './exchange.chain';
export type { AccessCatalog, AccessDirectory, SharedDataset, SharedTable } from './access.deps';
export { accessRequestFacts, exchangeDayFacts, type AccessRequestFact, type ExchangeDayFact } from './access.figures';
