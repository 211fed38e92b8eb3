import type { AccessTables } from '../modules/access/access.tables';
import type { AssessmentTables } from '../modules/assessment/assessment.tables';
import type { CatalogTables } from '../modules/catalog/catalog.tables';
import type { AuditTables } from '../modules/audit/audit.tables';
import type { DictionaryTables } from '../modules/dictionary/dictionary.tables';
import type { GatewayTables } from '../modules/gateway/gateway.tables';
import type { IdentityTables } from '../modules/identity/identity.tables';
import type { MonitoringTables } from '../modules/monitoring/monitoring.tables';
import type { NotificationsTables } from '../modules/notifications/notifications.tables';
import type { ReleasesTables } from '../modules/releases/releases.tables';

/**
 * The Kysely database type: the union of every module's tables. Each module declares its own
 * tables in `<module>.tables.ts`; only types are imported here.
 */
export interface Database extends IdentityTables, AuditTables, MonitoringTables, GatewayTables, AssessmentTables, DictionaryTables, CatalogTables, ReleasesTables, AccessTables, NotificationsTables {}
