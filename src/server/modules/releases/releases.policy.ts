import type { Permission } from '../../../contracts/identity';
import { isSystem, type Caller } from '../identity';

/**
 * Who may do what with uploads and releases. Submitting belongs to the dataset's owner
 * organisation (data:submit); reviewing to its custodian organisation (data:review); both sides
 * see the uploads, the rows under review and the thread. Everyone with catalog:read sees the
 * metadata of accepted and superseded releases of published datasets.
 */
export interface DatasetParties {
  ownerOrganisationId: string;
  custodianOrganisationId: string;
  status: string;
}

function isPlatformAdmin(caller: Caller): boolean {
  return isSystem(caller) || caller.roles.includes('platform_admin');
}

function has(caller: Caller, permission: Permission): boolean {
  return isSystem(caller) || caller.permissions.has(permission);
}

function memberOf(caller: Caller, organisationId: string): boolean {
  return !isSystem(caller) && caller.organisationId === organisationId;
}

export function canSubmit(caller: Caller, dataset: DatasetParties): boolean {
  return has(caller, 'data:submit') && (isPlatformAdmin(caller) || memberOf(caller, dataset.ownerOrganisationId));
}

export function canReview(caller: Caller, dataset: DatasetParties): boolean {
  return has(caller, 'data:review') && (isPlatformAdmin(caller) || memberOf(caller, dataset.custodianOrganisationId));
}

/** Owner and custodian organisations: uploads, reports, rows under review, the thread. */
export function isParty(caller: Caller, dataset: DatasetParties): boolean {
  return isPlatformAdmin(caller) || memberOf(caller, dataset.ownerOrganisationId) || memberOf(caller, dataset.custodianOrganisationId);
}

/** Writes in the review thread: the submitters and the reviewers. */
export function canPostInThread(caller: Caller, dataset: DatasetParties): boolean {
  return canSubmit(caller, dataset) || canReview(caller, dataset);
}

/** Release metadata (not rows): parties always; others for accepted history of published datasets. */
export function canSeeRelease(caller: Caller, dataset: DatasetParties, releaseStatus: string): boolean {
  if (isParty(caller, dataset)) return true;
  return has(caller, 'catalog:read') && dataset.status !== 'draft' && (releaseStatus === 'accepted' || releaseStatus === 'superseded');
}

export function canSeeDataset(caller: Caller, dataset: DatasetParties): boolean {
  return isParty(caller, dataset) || (has(caller, 'catalog:read') && dataset.status !== 'draft');
}
