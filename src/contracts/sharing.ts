/**
 * Vocabulary shared by every part of data sharing (数据共享, M1): the catalog, releases, access
 * and the figures all speak these values. Stored as these strings, never as bare integers
 * (the conventional 1/2/3 codes of the national guide differ between implementations).
 * Facts: shared/reference/domain-standards.md §6 and catalog-standards.md §1.5.
 */

/** 共享属性 — 国发〔2016〕51号. */
export const SHARING_TYPES = [
  'unconditional', // 无条件共享: every member reads it directly
  'conditional', // 有条件共享: read only under an approved access request (reply within 10 working days)
  'not_shared', // 不予共享: metadata only; a request needs a legal basis and goes to the working group
] as const;
export type SharingType = (typeof SHARING_TYPES)[number];

/** 数据分级 — GB/T 43697-2024; independent of the sharing type. */
export const SECURITY_GRADES = [
  'core', // 核心数据
  'important', // 重要数据
  'general', // 一般数据
] as const;
export type SecurityGrade = (typeof SECURITY_GRADES)[number];

/** 开放属性: whether the public may have it (newer three-level form). */
export const OPENNESS_TYPES = [
  'open', // 无条件开放
  'conditional', // 有条件开放
  'closed', // 不予开放
] as const;
export type OpennessType = (typeof OPENNESS_TYPES)[number];

export const DATASET_STATUSES = ['draft', 'published', 'deprecated'] as const;
export type DatasetStatus = (typeof DATASET_STATUSES)[number];

/** Themes of the regional catalog (主题), the facets users search by. */
export const DATASET_THEMES = [
  'air', // 大气环境
  'water', // 水环境
  'soil', // 土壤与地下水
  'ecology', // 自然生态
  'pollution_source', // 污染源
  'enforcement', // 执法监管
  'credit', // 环保信用
  'eia', // 环境影响评价
  'emergency', // 应急与风险
  'climate', // 应对气候变化
  'other', // 其他
] as const;
export type DatasetTheme = (typeof DATASET_THEMES)[number];

/** 更新周期 (core list of the national guide plus 每半年, 不定期, 其他). */
export const UPDATE_CYCLES = [
  'realtime', // 实时
  'daily', // 每日
  'weekly', // 每周
  'monthly', // 每月
  'quarterly', // 每季度
  'semiannual', // 每半年
  'annual', // 每年
  'irregular', // 不定期
  'other', // 其他 (with a description)
] as const;
export type UpdateCycle = (typeof UPDATE_CYCLES)[number];

/** Severity of a validation result (Reportnet's levels): only BLOCKER stops a release. */
export const RULE_SEVERITIES = ['BLOCKER', 'ERROR', 'WARNING', 'INFO'] as const;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];

export const RELEASE_STATUSES = [
  'submitted', // 待审核: frozen, waiting for the custodian
  'accepted', // 已接收: visible to consumers
  'correction_requested', // 退回修改
  'superseded', // 已被新版本取代 (an earlier accepted release, still readable)
] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

export const ACCESS_REQUEST_STATUSES = [
  'pending', // 待答复
  'approved', // 同意
  'partially_approved', // 部分同意 (fields or rows narrowed)
  'refused', // 不同意 (reasons required)
  'withdrawn', // 申请方撤回
] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];
