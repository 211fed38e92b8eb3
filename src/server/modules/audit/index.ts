/** The audit module's only public surface. */
export { createAuditService, type AuditServiceDeps } from './audit.service';
export { registerAuditRoutes } from './audit.routes';
export { canonicalJson, stateDigest } from './audit.chain';
export type { AuditListFilter, AuditProgress, AuditRecordInput, AuditService } from './audit.types';
