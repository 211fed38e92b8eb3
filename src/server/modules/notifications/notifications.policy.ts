import type { Actor } from '../../platform/actor';
import type { DatasetRef } from './notifications.types';

/**
 * Who may follow, read and answer what in the notifications module; one place to review.
 * Route permissions (catalog:read, data:read, data:submit) are checked by the auth guard first.
 */

const isPlatformAdmin = (actor: Actor) => actor.roles.includes('platform_admin');

/** Published (and deprecated) metadata is visible to every member; drafts to the owner only. */
export function canSeeDataset(actor: Actor, dataset: DatasetRef): boolean {
  return dataset.status !== 'draft' || dataset.ownerOrganisationId === actor.organisationId || isPlatformAdmin(actor);
}

/** The owner answers data-error reports on its datasets (数据纠错由数据提供方答复). */
export function canAnswerDataError(actor: Actor, ownerOrganisationId: string): boolean {
  if (isPlatformAdmin(actor)) return true;
  return actor.organisationId === ownerOrganisationId && actor.permissions.has('data:submit');
}

/** Both sides of a report see it: the reporting organisation and the owner. */
export function canSeeDataError(actor: Actor, report: { ownerOrganisationId: string; reporterOrganisationId: string }): boolean {
  return isPlatformAdmin(actor) || actor.organisationId === report.ownerOrganisationId || actor.organisationId === report.reporterOrganisationId;
}
