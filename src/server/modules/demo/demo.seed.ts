import type { AppContext } from '../../context';
import { SYSTEM } from '../identity';
import { DEMO_PASSWORD, demoOrganisations, demoUsers } from './demo.data';

export interface SeedOptions {
  /** One human-readable line per step (e.g. printed by the CLI). */
  onProgress?: (line: string) => void;
}

export interface SeedResult {
  organisationsCreated: number;
  usersCreated: number;
}

/**
 * Loads the demo data set through the identity services (validated and audited as the system).
 * Idempotent: organisations are matched by name and users by username, and what exists is left
 * untouched, so a second run writes nothing (not even audit events). Passwords are hashed per
 * user at the configured production cost.
 */
export async function seedDemoData(ctx: Pick<AppContext, 'identity'>, options: SeedOptions = {}): Promise<SeedResult> {
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
  return { organisationsCreated, usersCreated };
}

/**
 * Seeds the demo data when the directory has no organisations yet (first start with
 * DEMO_DATA=auto); returns whether it did.
 */
export async function seedDemoIfEmpty(ctx: Pick<AppContext, 'identity'>, options: SeedOptions = {}): Promise<boolean> {
  if (!(await ctx.identity.organisations.isEmpty())) return false;
  await seedDemoData(ctx, options);
  return true;
}
