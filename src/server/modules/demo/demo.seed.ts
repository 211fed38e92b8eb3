import type { AppContext } from '../../context';
import { seedDictionary } from '../dictionary';
import { SYSTEM } from '../identity';
import { DEMO_PASSWORD, demoOrganisations, demoUsers } from './demo.data';
import { seedAccessDemo } from './access-demo';
import { seedCatalogDemo } from './catalog-demo';
import { seedReleasesDemo } from './releases-demo';
import { seedMonitoringDemo, type MonitoringDemoOptions, type MonitoringDemoResult } from './monitoring-demo';

export interface SeedOptions {
  /** One human-readable line per step (e.g. printed by the CLI). */
  onProgress?: (line: string) => void;
  /**
   * Also load the demo monitoring stations and readings and compute their roll-ups (needs a
   * context with the monitoring and assessment modules). Default false.
   */
  monitoring?: boolean | Omit<MonitoringDemoOptions, 'onProgress'>;
}

export interface SeedResult {
  organisationsCreated: number;
  usersCreated: number;
  /** Only when `monitoring` was asked for. */
  monitoring?: MonitoringDemoResult;
}

/** The context the seeder needs: identity always; monitoring and assessment for the monitoring demo. */
type SeedContext = Pick<AppContext, 'identity'> & Partial<Pick<AppContext, 'monitoring' | 'assessment' | 'dictionary' | 'catalog' | 'releases' | 'access' | 'clock'>>;

/**
 * Loads the demo data set through the identity services (validated and audited as the system).
 * Idempotent: organisations are matched by name and users by username, and what exists is left
 * untouched, so a second run writes nothing (not even audit events). Passwords are hashed per
 * user at the configured production cost.
 */
export async function seedDemoData(ctx: SeedContext, options: SeedOptions = {}): Promise<SeedResult> {
  const progress = options.onProgress ?? (() => undefined);
  const { organisations, users } = ctx.identity;
  const idByName = new Map<string, string>();

  const wantedOrganisations = demoOrganisations();
  let organisationsCreated = 0;
  for (const [index, organisation] of wantedOrganisations.entries()) {
    const existing = await organisations.findByIdOrName(SYSTEM, organisation.name);
    if (existing !== undefined) {
      idByName.set(organisation.name, existing.id);
      continue;
    }
    const parentId = organisation.parentName === null ? undefined : idByName.get(organisation.parentName);
    const created = await organisations.create(SYSTEM, {
      name: organisation.name,
      nameEn: organisation.nameEn,
      kind: organisation.kind,
      divisionCode: organisation.divisionCode,
      ...(organisation.uscc === null ? {} : { uscc: organisation.uscc }),
      ...(parentId === undefined ? {} : { parentId }),
    });
    idByName.set(organisation.name, created.id);
    organisationsCreated += 1;
    if (organisationsCreated % 10 === 0 || index === wantedOrganisations.length - 1) {
      progress(`organisations: ${index + 1}/${wantedOrganisations.length}`);
    }
  }
  if (organisationsCreated === 0) progress(`organisations: all ${wantedOrganisations.length} present`);

  const wantedUsers = demoUsers();
  let usersCreated = 0;
  for (const [index, user] of wantedUsers.entries()) {
    if ((await users.findByUsername(SYSTEM, user.username)) !== undefined) continue;
    const organisationId = idByName.get(user.organisationName);
    if (organisationId === undefined) throw new Error(`demo organisation ${user.organisationName} is missing`);
    await users.create(SYSTEM, {
      username: user.username,
      displayName: user.displayName,
      organisationId,
      roles: user.roles,
      password: DEMO_PASSWORD,
    });
    usersCreated += 1;
    progress(`users: ${index + 1}/${wantedUsers.length} (${user.username})`);
  }
  if (usersCreated === 0) progress(`users: all ${wantedUsers.length} present`);
  if (ctx.dictionary !== undefined) {
    // The regional data standard: the elements and code lists of the platform's own data.
    const dictionary = await seedDictionary(ctx.dictionary);
    progress(`dictionary: ${dictionary.codeListsCreated} code lists and ${dictionary.elementsCreated} data elements created`);
  }
  if (ctx.catalog !== undefined && ctx.dictionary !== undefined) {
    // The living catalog: the provinces' datasets (their schemas use the dictionary's code lists).
    await seedCatalogDemo({ identity: ctx.identity, catalog: ctx.catalog }, progress);
    if (ctx.access !== undefined) {
      // Secure sharing: requests pending, answered partially and refused, one at the working group.
      await seedAccessDemo({ identity: ctx.identity, catalog: ctx.catalog, access: ctx.access }, ctx.clock?.now() ?? Date.now(), progress);
    }
  }
  if (ctx.dictionary !== undefined && ctx.catalog !== undefined && ctx.releases !== undefined) {
    // Validated releases: the Jiangsu section list accepted once, new sections waiting (runs after the catalog demo).
    await seedReleasesDemo({ identity: ctx.identity, catalog: ctx.catalog, releases: ctx.releases }, progress);
  }
  if (options.monitoring) {
    if (ctx.monitoring === undefined || ctx.assessment === undefined) throw new Error('the monitoring demo needs the monitoring and assessment modules');
    const monitoringOptions = typeof options.monitoring === 'object' ? options.monitoring : {};
    const monitoring = await seedMonitoringDemo({ identity: ctx.identity, monitoring: ctx.monitoring, assessment: ctx.assessment }, { ...monitoringOptions, onProgress: progress });
    return { organisationsCreated, usersCreated, monitoring };
  }
  return { organisationsCreated, usersCreated };
}

/**
 * Seeds the demo data when the directory has no organisations yet (first start with
 * DEMO_DATA=auto); returns whether it did.
 */
export async function seedDemoIfEmpty(ctx: SeedContext, options: SeedOptions = {}): Promise<boolean> {
  if (!(await ctx.identity.organisations.isEmpty())) return false;
  await seedDemoData(ctx, options);
  return true;
}
