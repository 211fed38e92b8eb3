import { REGION_CODE } from '../../../contracts/common';
import type { HomeSummary } from '../../../contracts/home';
import type { Actor } from '../../platform/actor';
import { toIso } from '../../platform/clock';
import { errors } from '../../platform/errors';
import type { IdentityDeps } from './identity.deps';
import type { OrganisationRepository } from './organisation.repository';
import { tokenRepository } from './token.repository';
import type { UserRepository } from './user.repository';

export interface HomeServiceDeps extends IdentityDeps {
  users: UserRepository;
  organisations: OrganisationRepository;
}

export type HomeService = ReturnType<typeof createHomeService>;

const WEEK_MS = 7 * 86_400_000;

/** The landing page's figures: always about the caller's own organisation. */
export function createHomeService(deps: HomeServiceDeps) {
  const { clock, database, audit, users, organisations } = deps;
  const db = database.db;

  return {
    async summary(actor: Actor): Promise<HomeSummary> {
      const now = clock.now();
      const organisation = await organisations.findById(db, actor.organisationId);
      if (organisation === undefined) throw errors.unauthenticated();
      const since = now - WEEK_MS;
      const userCounts = await users.countsForOrganisation(db, organisation.id, now);
      const activeTokens = await tokenRepository.countActiveForOrganisation(db, organisation.id, now);
      const auditEvents = await audit.list(db, { organisationId: organisation.id, fromMs: since, limit: 1, offset: 0 });
      const area = organisation.province_code;
      const byKind = await organisations.countByKind(db, area === REGION_CODE ? null : area);
      return {
        generatedAt: toIso(now),
        organisation: {
          id: organisation.id,
          name: organisation.name,
          nameEn: organisation.name_en,
          kind: organisation.kind,
          divisionCode: organisation.division_code,
          provinceCode: organisation.province_code,
        },
        users: userCounts,
        tokens: { active: activeTokens },
        audit: { events: auditEvents.total, since: toIso(since) },
        organisationsInArea: {
          provinceCode: area,
          total: byKind.reduce((sum, entry) => sum + entry.count, 0),
          byKind,
        },
      };
    },
  };
}
