import { createInstance } from 'i18next';
import { describe, expect, test } from 'vitest';
import { en } from '../../web/src/i18n/en';
import { zhCN } from '../../web/src/i18n/zh-CN';

/** Counted texts read right in English for one and for many, and keep the one Chinese form. (No browser needed.) */
describe('counted texts', () => {
  const i18n = createInstance();
  void i18n.init({ resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } }, lng: 'en', nsSeparator: false, initAsync: false, interpolation: { escapeValue: false } });
  const t = (language: string, key: string, count: number) => i18n.getFixedT(language)(key as never, { count });

  test.each([
    ['access.requests.daysLeftValue', '1 working day', '3 working days', '3 个工作日'],
    ['access.requests.overdueBy', 'Overdue by 1 working day', 'Overdue by 3 working days', '已逾期 3 个工作日'],
    ['access.detail.retentionValue', '1 day', '3 days', '3 天'],
    ['catalog.search.total', '1 dataset', '3 datasets', '共 3 条'],
    ['releases.report.total', '1 result', '3 results', '共 3 条'],
    ['releases.list.total', '1 release', '3 releases', '共 3 个版本'],
  ])('%s', (key, one, many, chinese) => {
    expect(t('en', key, 1)).toBe(one);
    expect(t('en', key, 3)).toBe(many);
    expect(t('zh-CN', key, 3)).toBe(chinese);
    expect(t('zh-CN', key, 1)).toBe(chinese.replace('3', '1'));
  });
});
