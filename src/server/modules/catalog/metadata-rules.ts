import type { CreateDatasetRequest } from '../../../contracts/catalog';
import { findDivision } from '../../../standards/divisions';
import { errors } from '../../platform/errors';
import { isRealDate, startOfBeijingDay } from '../../platform/beijing-dates';

type Metadata = Omit<CreateDatasetRequest, 'ownerOrganisationId' | 'custodianOrganisationId'>;

export interface MetadataProblem {
  path: string;
  message: string;
  messageZh: string;
}

/**
 * The national guide's conditional rules on a complete set of metadata: 有条件共享 needs its
 * condition, 不予共享 its legal basis (不予共享依据), 有条件开放 its condition; a 不予共享 resource
 * cannot be open to the public; the channel belongs to 共享平台方式 only; dates are real and ordered;
 * spatial coverage uses GB/T 2260 codes.
 */
export function metadataProblems(m: Metadata): MetadataProblem[] {
  const problems: MetadataProblem[] = [];
  const add = (path: string, message: string, messageZh: string) => problems.push({ path, message, messageZh });
  const blank = (text: string | undefined) => text === undefined || text.trim() === '';
  if (m.sharing.type === 'conditional' && blank(m.sharing.condition)) {
    add('/sharing/condition', 'A conditionally shared dataset needs its sharing condition', '有条件共享的资源须填写共享条件');
  }
  if (m.sharing.type === 'not_shared' && blank(m.sharing.condition)) {
    add('/sharing/condition', 'A dataset that is not shared needs the legal basis for not sharing it', '不予共享的资源须填写不予共享的法律法规或政策依据');
  }
  if (m.sharing.mode === 'platform' && m.sharing.channel === undefined) {
    add('/sharing/channel', 'Platform sharing needs its channel (api, database or file)', '共享平台方式须选择共享方式类型（接口、库表或文件）');
  }
  if (m.sharing.mode !== 'platform' && m.sharing.channel !== undefined) {
    add('/sharing/channel', 'A channel applies to platform sharing only', '只有共享平台方式才有共享方式类型');
  }
  if (m.openness.type === 'conditional' && blank(m.openness.condition)) {
    add('/openness/condition', 'Conditional opening needs its condition', '有条件开放须填写开放条件');
  }
  if (m.sharing.type === 'not_shared' && m.openness.type !== 'closed') {
    add('/openness/type', 'A dataset not shared between departments cannot be open to the public', '不予共享的资源不能向社会开放');
  }
  if (m.updateCycle === 'other' && blank(m.updateCycleNote ?? undefined)) {
    add('/updateCycleNote', 'Update cycle "other" needs a description', '更新周期为“其他”时须填写更新周期描述');
  }
  for (const [path, date] of [['/temporalStart', m.temporalStart], ['/temporalEnd', m.temporalEnd]] as const) {
    if (date !== undefined && date !== null && !isRealDate(date)) add(path, `${date} is not a calendar date`, `${date} 不是有效日期`);
  }
  if (m.temporalStart && m.temporalEnd && isRealDate(m.temporalStart) && isRealDate(m.temporalEnd) && startOfBeijingDay(m.temporalStart) > startOfBeijingDay(m.temporalEnd)) {
    add('/temporalEnd', 'The temporal coverage ends before it starts', '时间范围的结束日期早于开始日期');
  }
  m.spatialCoverage.forEach((code, i) => {
    if (code !== '000000' && findDivision(code) === undefined) add(`/spatialCoverage/${i}`, `${code} is not a GB/T 2260 division of the region`, `${code} 不是长三角区域的 GB/T 2260 行政区划代码`);
  });
  if (new Set(m.spatialCoverage).size !== m.spatialCoverage.length) add('/spatialCoverage', 'A division is listed twice', '空间范围中有重复的行政区划');
  return problems;
}

export function throwOnProblems(problems: MetadataProblem[]): void {
  if (problems.length === 0) return;
  throw errors.validation(
    problems.map((p) => p.message).join('; '),
    problems.map((p) => p.messageZh).join('；'),
    problems.map((p) => ({ in: 'body', path: p.path, keyword: 'rule', message: p.message, messageZh: p.messageZh })),
  );
}
