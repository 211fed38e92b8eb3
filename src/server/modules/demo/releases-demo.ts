import type { AppContext } from '../../context';
import { demoActorOf } from './demo-actor';
import type { Actor } from '../../platform/actor';

type ReleasesDemoContext = Pick<AppContext, 'identity' | 'catalog' | 'releases'>;

/** The catalog demo's dataset the releases demo fills (its schema: one `sections` table). */
export const RELEASES_DEMO_TITLE = '江苏省地表水考核断面名录';

/** A demo account as the services see it after sign-in; the demo accounts exist by now. */
async function actorOf(ctx: ReleasesDemoContext, username: string): Promise<Actor> {
  const actor = await demoActorOf(ctx.identity, username);
  if (actor === undefined) throw new Error(`demo user ${username} is missing`);
  return actor;
}

const SECTIONS = [
  { section_code: 'JS-TH01', section_name: '太湖乌龟山', river_name: '太湖', division_code: '320200', target_class: 'III' },
  { section_code: 'JS-NJ01', section_name: '长江九乡河口', river_name: '长江', division_code: '320100', target_class: 'II' },
  { section_code: 'JS-SZ01', section_name: '太浦河汾湖大桥', river_name: '太浦河', division_code: '320509', target_class: 'III' },
  { section_code: 'JS-WX01', section_name: '望虞河望亭立交', river_name: '望虞河', division_code: '320214', target_class: 'III' },
  { section_code: 'JS-XZ01', section_name: '京杭运河蔺家坝', river_name: '京杭运河', division_code: '320300', target_class: 'III' },
];
/** Sections added for 2027 (waiting in the draft for the next release). */
const NEW_SECTIONS = [
  { section_code: 'JS-YZ01', section_name: '淮河入江水道三江营', river_name: '淮河入江水道', division_code: '321000', target_class: 'II' },
  { section_code: 'JS-NT01', section_name: '长江姚港', river_name: '长江', division_code: '320600', target_class: 'II' },
];

/**
 * Validated releases for the demo (through the services, as the demo accounts): the catalog
 * demo's Jiangsu section list gets release 1, reviewed and accepted by Jiangsu (its own
 * custodian), and two new sections wait in the draft for the next release. Runs after the
 * catalog demo; skipped when that dataset is missing or already has a release.
 */
export async function seedReleasesDemo(ctx: ReleasesDemoContext, progress: (line: string) => void): Promise<void> {
  const jiangsu = await actorOf(ctx, 'js-admin');
  const found = await ctx.catalog.search(jiangsu, { q: RELEASES_DEMO_TITLE, ownerOrganisationId: jiangsu.organisationId, limit: 5, offset: 0 });
  const dataset = found.items.find((item) => item.titleZh === RELEASES_DEMO_TITLE);
  if (dataset === undefined) {
    progress('releases: skipped (the catalog demo dataset is missing)');
    return;
  }
  const { uploads, releases } = ctx.releases;
  if ((await releases.list(jiangsu, dataset.id, {})).total > 0) {
    progress('releases: demo release present');
    return;
  }
  await uploads.upload(jiangsu, dataset.id, { channel: 'json', mode: 'append', batch: { sections: SECTIONS } });
  const first = await releases.create(jiangsu, dataset.id, { note: '2026 年考核断面名录' });
  await releases.postMessage(jiangsu, first.release.id, { body: '已核对断面编码、行政区划与水质目标' });
  await releases.decide(jiangsu, first.release.id, { decision: 'accept', message: '同意接收' });
  await uploads.upload(jiangsu, dataset.id, { channel: 'json', mode: 'append', batch: { sections: NEW_SECTIONS } });
  progress('releases: release 1 of the Jiangsu section list accepted; two new sections waiting');
}
