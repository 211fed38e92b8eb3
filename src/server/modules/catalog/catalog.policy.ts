import type { Permission } from '../../../contracts/identity';
import type { DatasetStatus } from '../../../contracts/sharing';
import { isSystem, type Caller } from '../identity';

/**
 * Who may do what in the catalog. Published metadata is visible to every member — even of 不予共享
 * datasets, whose rows stay closed (access part); drafts only to the owning organisation. The
 * owner's stewards (catalog:manage) edit their datasets, schemas and publication. The working
 * group keeps the data-duty register.
 */

function can(caller: Caller, permission: Permission): boolean {
  return isSystem(caller) || caller.permissions.has(permission);
}

function isPlatformAdmin(caller: Caller): boolean {
  return isSystem(caller) || caller.roles.includes('platform_admin');
}

function memberOf(caller: Caller, organisationId: string): boolean {
  return !isSystem(caller) && caller.organisationId === organisationId;
}

export const canReadCatalog = (caller: Caller) => can(caller, 'catalog:read');

/** Drafts: the owning organisation (and platform admins); published and deprecated: every reader. */
export function canSeeDataset(caller: Caller, dataset: { status: DatasetStatus; ownerOrganisationId: string }): boolean {
  if (!canReadCatalog(caller)) return false;
  if (dataset.status !== 'draft') return true;
  return isPlatformAdmin(caller) || memberOf(caller, dataset.ownerOrganisationId);
}

/** The organisation whose drafts the caller also sees in searches (null: only published ones; all: admins). */
export function draftScope(caller: Caller): { all: true } | { organisationId: string } | null {
  if (isPlatformAdmin(caller)) return { all: true };
  return isSystem(caller) ? { all: true } : { organisationId: caller.organisationId };
}

/** Create and edit datasets and schema versions of `ownerOrganisationId`. */
export function canManageDatasetsOf(caller: Caller, ownerOrganisationId: string): boolean {
  return can(caller, 'catalog:manage') && (isPlatformAdmin(caller) || memberOf(caller, ownerOrganisationId));
}

/** The data-duty register is kept by the working group (工作专班): dictionary:manage or a working-group member. */
export function canManageDuties(caller: Caller): boolean {
  if (isPlatformAdmin(caller)) return true;
  return can(caller, 'dictionary:manage') || (!isSystem(caller) && caller.organisationKind === 'working_group' && can(caller, 'catalog:read'));
}

/** A duty is visible to the register's keepers, the obliged organisation and the dataset's owner. */
export function canSeeDuty(caller: Caller, duty: { organisationId: string; datasetOwnerOrganisationId: string }): boolean {
  if (!canReadCatalog(caller)) return false;
  return canManageDuties(caller) || memberOf(caller, duty.organisationId) || memberOf(caller, duty.datasetOwnerOrganisationId);
}
