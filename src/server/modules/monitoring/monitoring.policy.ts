import type { Permission } from '../../../contracts/identity';
import { isSystem, type Caller } from '../identity';

/**
 * Who may do what with stations and readings. Reading is open to every member holding the
 * read permissions (monitoring data is shared in the region); writing belongs to the station's
 * owning organisation — its org admins and data stewards — and to platform administrators.
 */

function can(caller: Caller, permission: Permission): boolean {
  return isSystem(caller) || caller.permissions.has(permission);
}

function isPlatformAdmin(caller: Caller): boolean {
  return isSystem(caller) || caller.roles.includes('platform_admin');
}

function actsFor(caller: Caller, organisationId: string): boolean {
  if (isPlatformAdmin(caller)) return true;
  return (
    !isSystem(caller) &&
    caller.organisationId === organisationId &&
    (caller.roles.includes('org_admin') || caller.roles.includes('data_steward'))
  );
}

export const canReadStations = (caller: Caller) => can(caller, 'stations:read');
export const canReadReadings = (caller: Caller) => can(caller, 'readings:read');

/** Create, update and retire the stations of `ownerOrganisationId`. */
export function canManageStationsOf(caller: Caller, ownerOrganisationId: string): boolean {
  return can(caller, 'stations:manage') && actsFor(caller, ownerOrganisationId);
}

/** Only platform administrators hand an existing station to another organisation. */
export function canTransferOwner(caller: Caller): boolean {
  return isSystem(caller) || isPlatformAdmin(caller);
}

/** Only platform administrators create a station for another organisation. */
export function canAssignOwner(caller: Caller, ownerOrganisationId: string): boolean {
  return isPlatformAdmin(caller) || (!isSystem(caller) && caller.organisationId === ownerOrganisationId);
}

/** Enter samples and import readings for the stations of `ownerOrganisationId`. */
export function canWriteReadingsOf(caller: Caller, ownerOrganisationId: string): boolean {
  return can(caller, 'readings:write') && actsFor(caller, ownerOrganisationId);
}

/** Mark the readings of `ownerOrganisationId`'s stations validated or invalid. */
export function canValidateReadingsOf(caller: Caller, ownerOrganisationId: string): boolean {
  return can(caller, 'readings:validate') && actsFor(caller, ownerOrganisationId);
}
