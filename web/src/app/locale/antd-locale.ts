import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Locale } from './locale';

/**
 * The Ant Design locale (table, pagination, date picker texts) for a platform language. Ant
 * Design's date pickers take month and weekday names from dayjs' global locale, so that is
 * switched along with it.
 */
export function antdLocaleFor(locale: Locale) {
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  return locale === 'en' ? enUS : zhCN;
}
