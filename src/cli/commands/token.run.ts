import { CreateTokenRequest, type ApiToken, type Permission } from '../../contracts/identity';
import type { Config } from '../../server/config/config';
import { closeContext } from '../../server/context';
import { SYSTEM } from '../../server/modules/identity';
import { assertValid, openCliContext, type CliIo } from './user.run';

export interface TokenCreateInput {
  username: string;
  name: string;
  scopes: string[];
  days: number;
}

/**
 * `yrd-eco token create`: a personal API token for a user, created by the system (audited with
 * a null actor). Scopes must be within the user's permissions. The secret is printed once, alone
 * on stdout, so it can be captured (`SECRET=$(yrd-eco token create …)`).
 */
export async function runTokenCreate(config: Config, input: TokenCreateInput, io: CliIo): Promise<{ token: ApiToken; secret: string }> {
  const request = { name: input.name, scopes: input.scopes as Permission[], expiresInDays: input.days };
  assertValid(CreateTokenRequest, request, 'token');
  const ctx = await openCliContext(config);
  try {
    const user = await ctx.identity.users.findByUsername(SYSTEM, input.username);
    if (user === undefined) throw new Error(`No user named "${input.username}"`);
    const created = await ctx.identity.tokens.create(SYSTEM, { ...request, ownerUserId: user.id });
    io.stderr.write(
      `Token "${created.token.name}" (${created.token.id}) for ${user.username}, scopes ${created.token.scopes.join(', ')}, ` +
        `expires ${created.token.expiresAt}. The secret below is shown once:\n`,
    );
    io.stdout.write(`${created.secret}\n`);
    return created;
  } finally {
    await closeContext(ctx);
  }
}
