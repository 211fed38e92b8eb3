import { ROLES, type Me, type Role } from '../../../../src/contracts/identity';
import { grantableRoles } from '../../app/auth/scope-rules';

/** Checkbox options for the roles a user may grant in an organisation of this kind. */
export function roleOptions(me: Me, organisationKind: string | undefined, roleLabel: (role: Role) => string): Array<{ value: Role; label: string }> {
  return grantableRoles(me, organisationKind, ROLES).map((role) => ({ value: role, label: roleLabel(role) }));
}
