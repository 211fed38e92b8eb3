import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { registerAccessRoutes } from '../modules/access';
import { registerAssessmentRoutes } from '../modules/assessment';
import { registerAuditRoutes } from '../modules/audit';
import { registerCatalogRoutes } from '../modules/catalog';
import { registerDictionaryRoutes } from '../modules/dictionary';
import { registerGatewayRoutes } from '../modules/gateway';
import { registerIdentityRoutes } from '../modules/identity';
import { registerMetaRoutes } from '../modules/meta';
import { registerMonitoringRoutes } from '../modules/monitoring';
import { registerNotificationsRoutes } from '../modules/notifications';
import { registerSharingFiguresRoutes } from '../modules/sharing-figures';
import { registerReferenceRoutes } from '../modules/reference';
import { registerReleasesRoutes } from '../modules/releases';
import { registerStandardsRoutes } from '../modules/standards';

/** Registers one module's routes under /api/v1. Each module exports exactly one of these. */
export type RouteRegistration = (api: FastifyInstance, ctx: AppContext) => Promise<void> | void;

/** The API, module by module. */
export const apiRoutes: RouteRegistration[] = [registerMetaRoutes, registerReferenceRoutes, registerAuditRoutes, registerIdentityRoutes, registerMonitoringRoutes, registerStandardsRoutes, registerAssessmentRoutes, registerGatewayRoutes, registerDictionaryRoutes, registerCatalogRoutes, registerReleasesRoutes, registerAccessRoutes, registerNotificationsRoutes, registerSharingFiguresRoutes];
