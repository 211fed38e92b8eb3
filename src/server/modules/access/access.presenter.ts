import type { AccessRequest, Grant, GrantStatus } from '../../../contracts/access';
import { toIso } from '../../platform/clock';
import { beijingDate } from '../../platform/beijing-dates';
import { CalendarNotCoveredError, type WorkingDayCalendar } from '../../platform/working-days';
import type { SharedDataset } from './access.deps';
import type { AccessRequestEventRow, AccessRequestRow, GrantRow } from './access.repository';

/** What presenting a page of requests needs besides the rows (loaded once per page). */
export interface RequestContext {
  now: number;
  calendar: WorkingDayCalendar;
  events: AccessRequestEventRow[];
  grants: GrantRow[];
  datasets: Map<string, SharedDataset | undefined>;
  names: Map<string, string>;
}

function list(json: string | null): string[] | null {
  return json === null ? null : (JSON.parse(json) as string[]);
}

function workingDaysLeft(row: AccessRequestRow, ctx: RequestContext): number | null {
  if (row.status !== 'pending') return null;
  try {
    return ctx.calendar.workingDaysBetween(beijingDate(ctx.now), row.deadline_date);
  } catch (error) {
    if (error instanceof CalendarNotCoveredError) return null;
    throw error;
  }
}

export function presentRequest(row: AccessRequestRow, ctx: RequestContext): AccessRequest {
  const dataset = ctx.datasets.get(row.dataset_id);
  const grant = ctx.grants.find((g) => g.request_id === row.id);
  return {
    id: row.id,
    datasetId: row.dataset_id,
    datasetTitle: dataset?.title ?? '',
    datasetTitleEn: dataset?.titleEn ?? '',
    sharingType: dataset?.sharingType ?? '',
    requestingOrganisationId: row.requesting_organisation_id,
    requestingOrganisationName: ctx.names.get(row.requesting_organisation_id) ?? '',
    requestedBy: row.requested_by,
    decidingOrganisationId: row.deciding_organisation_id,
    decidingOrganisationName: ctx.names.get(row.deciding_organisation_id) ?? '',
    purpose: row.purpose,
    legalBasis: row.legal_basis,
    fields: list(row.fields),
    scopeCodes: list(row.scope_codes),
    useFrom: row.use_from,
    useUntil: row.use_until,
    retentionDays: row.retention_days,
    onwardSharing: row.onward_sharing === 1,
    onwardSharingReason: row.onward_sharing_reason,
    status: row.status,
    submittedAt: toIso(row.submitted_at),
    deadlineDate: row.deadline_date,
    deadlineAt: toIso(row.deadline_at),
    replyWorkingDays: row.reply_working_days,
    calendarVersion: row.calendar_version,
    workingDaysLeft: workingDaysLeft(row, ctx),
    overdue: row.status === 'pending' && ctx.now > row.deadline_at,
    escalatedAt: toIso(row.escalated_at),
    decidedAt: toIso(row.decided_at),
    decidedBy: row.decided_by,
    reasons: row.reasons,
    grantId: grant?.id ?? null,
    events: ctx.events
      .filter((event) => event.request_id === row.id)
      .map((event) => ({ id: event.id, kind: event.kind, at: toIso(event.at), actorUserId: event.actor_user_id, actorDisplayName: event.actor_display_name, note: event.note })),
  };
}

export function grantStatus(row: GrantRow, now: number): GrantStatus {
  if (row.revoked_at !== null) return 'revoked';
  if (now >= row.valid_until) return 'expired';
  if (now < row.valid_from) return 'not_yet_valid';
  return 'active';
}

export function presentGrant(row: GrantRow, now: number, dataset: SharedDataset | undefined, names: Map<string, string>): Grant {
  return {
    id: row.id,
    requestId: row.request_id,
    datasetId: row.dataset_id,
    datasetTitle: dataset?.title ?? '',
    datasetTitleEn: dataset?.titleEn ?? '',
    granteeOrganisationId: row.grantee_organisation_id,
    granteeOrganisationName: names.get(row.grantee_organisation_id) ?? '',
    grantorOrganisationId: row.grantor_organisation_id,
    grantorOrganisationName: names.get(row.grantor_organisation_id) ?? '',
    purpose: row.purpose,
    fields: list(row.fields),
    scopeCodes: list(row.scope_codes),
    validFrom: toIso(row.valid_from),
    validUntil: toIso(row.valid_until),
    status: grantStatus(row, now),
    revokedAt: toIso(row.revoked_at),
    revokeReason: row.revoke_reason,
    createdAt: toIso(row.created_at),
  };
}
