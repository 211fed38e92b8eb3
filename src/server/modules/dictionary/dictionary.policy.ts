import type { Permission } from '../../../contracts/identity';
import { isSystem, type Caller } from '../identity';

/**
 * The dictionary is the region's common standard: every member reads it (catalog:read), the
 * working group maintains it (dictionary:manage). It belongs to no single organisation, so there
 * is no object-level owner check beyond the permission.
 */
function can(caller: Caller, permission: Permission): boolean {
  return isSystem(caller) || caller.permissions.has(permission);
}

export const canReadDictionary = (caller: Caller) => can(caller, 'catalog:read');
export const canManageDictionary = (caller: Caller) => can(caller, 'dictionary:manage');
