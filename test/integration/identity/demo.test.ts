import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citiesOf } from '../../../src/standards/divisions';
import { validateUscc } from '../../../src/standards/uscc';
import { DEMO_CREDENTIALS, demoOrganisations, seedDemoData, seedDemoIfEmpty } from '../../../src/server/modules/demo';
import { testDialects } from '../../helpers/dialects';
import { login } from '../../helpers/identity';
import { buildTestApp, type TestApp } from '../../helpers/test-context';

for (const dialect of testDialects()) {
  describe(`demo data (${dialect})`, () => {
    let t: TestApp;
    const snapshot = async () => {
      const db = t.ctx.database.db;
      return {
        organisations: await db.selectFrom('organisations').select(['id', 'name', 'uscc', 'division_code', 'updated_at']).orderBy('name').execute(),
        users: await db.selectFrom('users').select(['id', 'username', 'password_hash', 'updated_at']).orderBy('username').execute(),
        audit: Number((await db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      };
    };

    beforeAll(async () => {
      // The production scrypt cost: the seeding must stay fast enough with it.
      t = await buildTestApp(dialect, { env: { LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
    });
    afterAll(async () => t?.close());

    it('loads on an empty database, reporting progress, and a second run changes nothing', async () => {
      const lines: string[] = [];
      expect(await seedDemoIfEmpty(t.ctx, { onProgress: (line) => lines.push(line) })).toBe(true);
      // Later steps (the dictionary, other modules' demo data) report after the users.
      expect(lines).toContainEqual(expect.stringMatching(/users: 10\/10/));
      expect(lines).toContainEqual(expect.stringMatching(/^dictionary: 6 code lists and \d+ data elements created$/));
      const first = await snapshot();
      expect(first.organisations).toHaveLength(demoOrganisations().length);
      expect(first.users.map((user) => user.username)).toEqual(
        ['admin', 'ah-admin', 'ah-user', 'js-admin', 'js-user', 'sh-admin', 'sh-user', 'wg', 'zj-admin', 'zj-user'],
      );

      expect(await seedDemoData(t.ctx)).toEqual({ organisationsCreated: 0, usersCreated: 0 });
      expect(await seedDemoIfEmpty(t.ctx)).toBe(false);
      expect(await snapshot()).toEqual(first);
    });

    it('has the working group, 4 departments, 4 monitoring centres, a bureau per prefecture-level city and an external body', async () => {
      const rows = await t.ctx.database.db.selectFrom('organisations').selectAll().execute();
      const byKind = (kind: string) => rows.filter((row) => row.kind === kind);
      expect(byKind('working_group').map((row) => row.division_code)).toEqual(['000000']);
      expect(byKind('provincial_department').map((row) => row.name).sort()).toEqual(
        ['上海市生态环境局', '安徽省生态环境厅', '江苏省生态环境厅', '浙江省生态环境厅'].sort(),
      );
      expect(byKind('monitoring_centre')).toHaveLength(4);
      const cityCodes = ['320000', '330000', '340000'].flatMap((province) => citiesOf(province).map((city) => city.code)).sort();
      expect(cityCodes).toHaveLength(13 + 11 + 16);
      expect(byKind('city_bureau').map((row) => row.division_code).sort()).toEqual(cityCodes);
      expect(byKind('external')).toHaveLength(1);
      for (const row of rows.filter((row) => row.uscc !== null)) {
        const check = validateUscc(row.uscc!);
        expect(check.valid, `${row.name} ${row.uscc}`).toBe(true);
        expect(check.orgCodeValid).toBe(true);
        expect(row.uscc!.slice(2, 8)).toBe(row.division_code);
      }
      expect(rows.filter((row) => row.uscc === null).map((row) => row.kind).sort()).toEqual(['external', 'working_group']);
      expect(new Set(rows.map((row) => row.uscc).filter(Boolean)).size).toBe(rows.length - 2);
    });

    it('every demo credential signs in, with the intended roles and organisation', async () => {
      for (const credential of DEMO_CREDENTIALS) {
        const session = await login(t.app, credential.username, credential.password);
        const { user, organisation } = session.me;
        if (credential.username === 'admin') expect(user.roles).toEqual(['platform_admin']);
        if (credential.username === 'wg') expect(user.roles).toEqual(['working_group_member']);
        if (credential.username.endsWith('-admin')) {
          expect(user.roles).toEqual(['org_admin']);
          expect(organisation.kind).toBe('provincial_department');
        }
        if (credential.username.endsWith('-user')) expect(user.roles).toEqual(['analyst']);
      }
      expect(DEMO_CREDENTIALS.password).toBe(DEMO_CREDENTIALS[0]!.password);
      const js = await login(t.app, 'js-admin', DEMO_CREDENTIALS.password);
      expect(js.me.organisation).toMatchObject({ name: '江苏省生态环境厅', provinceCode: '320000' });
    });
  });
}
