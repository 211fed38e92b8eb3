import type { Config } from './config/config';
import { createDatabase, type DatabaseHandle } from './db/database';
import { migrateToLatest } from './db/migrator';
import type { Authenticator } from './http/auth-guard';
import { accessRequestFacts, catalogPort, createAccessModule, directoryPort, exchangeDayFacts, releasesPort, schemaPort, type AccessService } from './modules/access';
import { createAssessmentService, type AssessmentService } from './modules/assessment';
import { createAuditService, type AuditService } from './modules/audit';
import { createCatalogModule, type CatalogService } from './modules/catalog';
import { createDictionaryModule, type DictionaryService } from './modules/dictionary';
import { createGatewayModule, type GatewayModule, type GatewayService } from './modules/gateway';
import { createIdentityModule, SYSTEM, type IdentityService } from './modules/identity';
import { createMonitoringModule, type MonitoringService } from './modules/monitoring';
import { createNotificationsModule, DEFAULT_WEBHOOK_SETTINGS, type NotificationsModule } from './modules/notifications';
import { createEngineValidator, createReleasesModule, releaseFacts, uploadValidationFacts, type ReleasesModule } from './modules/releases';
import { createSharingFiguresService, type SharingFiguresService } from './modules/sharing-figures';
import { systemClock, type Clock } from './platform/clock';
import { createEventBus, type EventBus } from './platform/events';
import { createLogger, type Logger } from './platform/logger';
import { scheduleStatisticsRefresh } from './db/statistics-refresh';
import { createWorkingDayCalendar, type WorkingDayCalendar } from './platform/working-days';

/**
 * The composition root: configuration → database → services. Services are constructed here
 * and nowhere else, each with only the collaborators it needs.
 */
export interface AppContext {
  config: Config;
  logger: Logger;
  clock: Clock;
  database: DatabaseHandle;
  /** Domain events after commit (notifications and webhooks listen). */
  events: EventBus;
  /** Official holidays and adjusted working days, for every deadline in working days. */
  calendar: WorkingDayCalendar;
  audit: AuditService;
  identity: IdentityService;
  authenticator: Authenticator;
  monitoring: MonitoringService;
  /** HJ 212 gateway status and quarantine (routes). */
  gateway: GatewayService;
  /** The gateway's TCP listener; server.ts starts it unless GATEWAY_ENABLED=false. */
  gatewayModule: GatewayModule;
  assessment: AssessmentService;
  /** The living catalog: datasets, schema versions, duties, activity (数据共享 M1). */
  catalog: CatalogService;
  /** Secure sharing: access requests, grants, effective access, exchange log (数据共享 M1). */
  access: AccessService;
  /** Data elements and code lists (标准统一). */
  dictionary: DictionaryService;
  /** Follow/webhooks, in-app notifications, data-error reports (数据纠错). */
  notifications: NotificationsModule;
  /** Hourly refresh of the query planner's statistics (SQLite). */
  statisticsRefresh: { stop(): Promise<void> };
  /** 共享成效: the sharing dashboard of the region and each province. */
  sharingFigures: SharingFiguresService;
  /** Uploads, validation reports, releases and custodian review (数据共享 M1). */
  releases: ReleasesModule;
}

export interface ContextOptions {
  clock?: Clock;
  logger?: Logger;
}

export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const logger = options.logger ?? createLogger(config);
  const clock = options.clock ?? systemClock;
  const database = createDatabase(config.database);
  const events = createEventBus(logger);
  try {
    // Services read their tables as they start (e.g. the station directory), so migrations
    // always run first.
    const applied = await migrateToLatest(database);
    if (applied.length > 0) logger.info({ applied }, 'database migrated');
    // Readings a crash left in the SQLite inbox were acknowledged: make them visible first.
    await database.bulk.settle();
    const audit = createAuditService({ clock });
    const identity = createIdentityModule({ config, clock, database, audit });
    const monitoring = await createMonitoringModule({
      clock,
      logger,
      database,
      audit,
      organisationKind: async (id) => {
        const organisation = await identity.service.organisations.findByIdOrName(SYSTEM, id);
        return organisation?.id === id ? organisation.kind : undefined;
      },
    });
    const assessment = createAssessmentService({ database, clock, audit, logger, stations: monitoring.stationDirectory });
    // Roll-ups, AQI, water class and alerts follow every committed batch of readings. Ingested
    // batches write their queue keys in the readings' own transaction (a crash between two
    // commits would lose the key); the listener then only wakes the loop (samples and imports
    // still enqueue through it after their commit).
    monitoring.planDirtyDaysWith(assessment.planDirtyDays);
    monitoring.onReadingsStored((batch) => {
      assessment.onReadingsStored(batch).catch((error: unknown) => logger.error({ err: error }, 'assessment: could not enqueue stored readings'));
    });
    // The station map shows each station's latest AQI or water class.
    monitoring.stations.useMapAssessment(() => assessment.latestForMap());
    assessment.start();
    const dictionary = createDictionaryModule({ clock, database, audit });
    const gatewayModule = createGatewayModule({ config, clock, logger, database, audit, monitoring });
    const catalog = createCatalogModule({
      clock,
      database,
      audit,
      events,
      organisations: identity.service.organisations,
      // Schema definitions may only name code lists (versions) the dictionary has released.
      codeLists: { exists: async (executor, ref) => (await dictionary.resolveCodeList(executor, ref.code, ref.version)) !== undefined },
    });
    const releases = createReleasesModule({
      clock,
      database,
      audit,
      events,
      config: config.releases,
      catalog: {
        getDataset: catalog.getDataset,
        datasetByCode: catalog.findByCode,
        getSchema: catalog.getSchema,
        currentSchema: catalog.currentSchema,
        listSchemas: (datasetId) => catalog.schemas.list(SYSTEM, datasetId),
        recordActivity: catalog.recordActivity,
        markReleased: catalog.markReleased,
        datasetIdsInCustodyOf: catalog.datasetIdsInCustodyOf,
      },
      validator: createEngineValidator({
        clock,
        codeLists: async (executor, ref) => (await dictionary.resolveCodeList(executor, ref.code, ref.version))?.entries,
        referenceRows: (executor, datasetCode, table) => releases.acceptedRowsByCode(executor, datasetCode, table),
      }),
      codeListEntries: async (executor, ref) =>
        (await dictionary.resolveCodeList(executor, ref.code, ref.version))?.entries.map((entry) => ({ code: entry.code, labelZh: entry.nameZh, labelEn: entry.nameEn })),
    });
    // One holiday calendar (with the configured overrides) for every deadline in working days.
    const calendar = createWorkingDayCalendar(config.access.calendarOverrides);
    const access = createAccessModule({
      config,
      clock,
      logger,
      database,
      audit,
      events,
      calendar,
      catalog: catalogPort(catalog),
      directory: directoryPort(identity.service.organisations),
      tokens: identity.service.tokens,
      releases: releasesPort(releases),
      schemaOf: schemaPort(catalog),
    });
    access.start();
    const notifications = createNotificationsModule({
      database,
      clock,
      logger,
      audit,
      events,
      datasets: catalog,
      calendar,
      organisationName: async (id) => (await identity.service.organisations.get(SYSTEM, id)).name,
      webhooks: {
        ...DEFAULT_WEBHOOK_SETTINGS,
        maxAttempts: config.notifications.webhookMaxAttempts,
        retryBaseMs: config.notifications.webhookRetryBaseMs,
        timeoutMs: config.notifications.webhookTimeoutMs,
        pollMs: config.notifications.webhookPollMs,
        allowPrivateTargets: config.notifications.webhookAllowPrivateTargets,
      },
      dataErrorReplyWorkingDays: config.notifications.dataErrorReplyWorkingDays,
    });
    notifications.start();
    const sharingFigures = createSharingFiguresService({
      clock,
      sources: {
        catalog,
        access: { requestFacts: () => accessRequestFacts(database.db, calendar), exchangeFacts: () => exchangeDayFacts(database.db) },
        releases: { releaseFacts: () => releaseFacts(database.db), validationFacts: () => uploadValidationFacts(database.db) },
        organisations: identity.service.organisations,
        system: SYSTEM,
      },
    });
    const statisticsRefresh = scheduleStatisticsRefresh(database, logger);
    return { config, logger, clock, database, events, calendar, audit, identity: identity.service, authenticator: identity.authenticator, monitoring, assessment, gateway: gatewayModule.service, gatewayModule, dictionary, catalog, releases, access, notifications, sharingFigures, statisticsRefresh };
  } catch (error) {
    await database.close();
    throw error;
  }
}

export async function closeContext(ctx: AppContext): Promise<void> {
  // Stops accepting, commits what the gateway holds and acks it (a no-op when it never started).
  await ctx.gatewayModule.stop();
  await ctx.assessment.stop();
  await ctx.access.stop();
  await ctx.notifications.stop();
  await ctx.statisticsRefresh.stop();
  await ctx.events.settled();
  await ctx.database.close();
}
