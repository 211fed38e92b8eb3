import type { Actor } from '../../platform/actor';
import { CalendarNotCoveredError } from '../../platform/working-days';
import type { AccessService } from '../access';
import type { CatalogService } from '../catalog';
import { SYSTEM, type IdentityService } from '../identity';
import { demoActorOf } from './demo-actor';

/**
 * Demo content of secure sharing (高效安全共享), made through the access service on top of the
 * catalog demo: Anhui waits for Jiangsu's answer on the automatic water readings; Zhejiang got
 * the hazardous-waste manifests partially (its own province's rows, fewer fields); Anhui's
 * request for Shanghai's radiation licences (不予共享) waits at the working group; Jiangsu's request
 * for Zhejiang's red lines was refused with reasons. Deadlines follow today's date.
 */

async function datasetId(catalog: CatalogService, titleZh: string): Promise<string | undefined> {
  const { items } = await catalog.search(SYSTEM, { q: titleZh, limit: 5, offset: 0 });
  return items.find((item) => item.titleZh === titleZh)?.id;
}

/** Beijing date `days` from now, 'YYYY-MM-DD'. */
function beijingDay(now: number, days: number): string {
  return new Date(now + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

export async function seedAccessDemo(ctx: { identity: IdentityService; catalog: CatalogService; access: AccessService }, now: number, onProgress: (line: string) => void = () => undefined): Promise<{ requestsCreated: number }> {
  const [anhui, jiangsu, zhejiang, workingGroup] = await Promise.all(['ah-admin', 'js-admin', 'zj-admin', 'wg'].map((name) => demoActorOf(ctx.identity, name)));
  if (!anhui || !jiangsu || !zhejiang || !workingGroup) return { requestsCreated: 0 };
  // Idempotent: a database that already has requests keeps them.
  if ((await ctx.access.requests.list(anhui, { box: 'outbox', limit: 1, offset: 0 })).total > 0) {
    onProgress('access requests: present');
    return { requestsCreated: 0 };
  }
  const ids = {
    waterAuto: await datasetId(ctx.catalog, '江苏省国省控断面水质自动监测数据'),
    hazwaste: await datasetId(ctx.catalog, '江苏省危险废物跨省转移联单'),
    radiation: await datasetId(ctx.catalog, '上海市辐射安全许可证持证单位信息'),
    redline: await datasetId(ctx.catalog, '浙江省生态保护红线'),
  };
  const period = { useFrom: beijingDay(now, 1), useUntil: beijingDay(now, 365), retentionDays: 90 };
  let created = 0;
  try {
    created = await fileRequests(ctx, { anhui, jiangsu, zhejiang }, ids, period);
  } catch (error) {
    // Reply deadlines are counted in working days; a year without published holidays cannot
    // be counted, so the demo goes without requests rather than failing the start.
    if (!(error instanceof CalendarNotCoveredError)) throw error;
    onProgress(`access requests: left out — ${error.message}`);
    return { requestsCreated: 0 };
  }
  onProgress(`access requests: ${created}`);
  return { requestsCreated: created };
}

async function fileRequests(
  ctx: { access: AccessService },
  { anhui, jiangsu, zhejiang }: Record<'anhui' | 'jiangsu' | 'zhejiang', Actor>,
  ids: Record<'waterAuto' | 'hazwaste' | 'radiation' | 'redline', string | undefined>,
  period: { useFrom: string; useUntil: string; retentionDays: number },
): Promise<number> {
  let created = 0;

  if (ids.waterAuto) {
    await ctx.access.requests.create(anhui, { datasetId: ids.waterAuto, purpose: '长江、淮河跨省界断面水质联防联控预警', scopeCodes: ['320800', '321000'], ...period });
    created += 1;
  }
  if (ids.hazwaste) {
    const request = await ctx.access.requests.create(zhejiang, { datasetId: ids.hazwaste, purpose: '危险废物跨省转移联合执法核查', ...period });
    await ctx.access.requests.decide(jiangsu, request.id, { decision: 'partially_approve', scopeCodes: ['320500'], reasons: '仅提供与浙江接壤的苏州市转移联单，其余地市按需另行申请' });
    created += 1;
  }
  if (ids.radiation) {
    await ctx.access.requests.create(anhui, { datasetId: ids.radiation, purpose: '长三角核与辐射安全应急联动演练', legalBasis: '《中华人民共和国核安全法》第六十四条：应急演练所需的放射源信息由主管部门协调提供', ...period });
    created += 1;
  }
  if (ids.redline) {
    const request = await ctx.access.requests.create(jiangsu, { datasetId: ids.redline, purpose: '太湖流域国土空间规划衔接', ...period });
    await ctx.access.requests.decide(zhejiang, request.id, { decision: 'refuse', reasons: '生态保护红线矢量数据限于国土空间规划主管部门使用，请通过自然资源部门渠道申请' });
    created += 1;
  }
  return created;
}
