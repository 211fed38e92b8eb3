import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { Locale } from './locale';

/** The Ant Design locale (table, pagination, date picker texts) for a platform language. */
export function antdLocaleFor(locale: Locale) {
  return locale === 'en' ? enUS : zhCN;
}
