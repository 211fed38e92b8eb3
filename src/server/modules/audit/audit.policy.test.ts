import { describe, expect, it } from 'vitest';
import type { Role } from '../../../contracts/identity';
import { auditVisibilityFor, canVerifyAuditChain } from './audit.policy';

const ORG = '0190c8a0-0000-7000-8000-000000000001';
const actor = (...roles: Role[]) => ({ roles, organisationId: ORG });

describe('audit policy', () => {
  it('lets platform admins and working-group members see every event', () => {
    expect(auditVisibilityFor(actor('platform_admin'))).toEqual({ kind: 'all' });
    expect(auditVisibilityFor(actor('working_group_member'))).toEqual({ kind: 'all' });
    expect(auditVisibilityFor(actor('org_admin', 'working_group_member'))).toEqual({ kind: 'all' });
  });

  it("limits an org admin to events involving the admin's organisation", () => {
    expect(auditVisibilityFor(actor('org_admin', 'analyst'))).toEqual({ kind: 'organisation', organisationId: ORG });
  });

  it('gives other roles nothing', () => {
    for (const role of ['data_steward', 'analyst', 'inspector', 'read_only'] as const) {
      expect(auditVisibilityFor(actor(role))).toBeNull();
    }
    expect(auditVisibilityFor(actor())).toBeNull();
  });

  it('lets only platform admins verify the chain', () => {
    expect(canVerifyAuditChain(actor('platform_admin'))).toBe(true);
    expect(canVerifyAuditChain(actor('working_group_member'))).toBe(false);
    expect(canVerifyAuditChain(actor('org_admin'))).toBe(false);
  });
});
