import { GlobalOutlined } from '@ant-design/icons';
import { App, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error';
import { useAuth } from '../auth/use-auth';
import { isLocale, type Locale } from '../locale/locale';

/** Each language named in itself, so a reader of either can find theirs. */
const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '简体中文', en: 'English' };

/** The language picker of the sign-in page and the header. */
export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  const { setLocale } = useAuth();
  const { message } = App.useApp();
  const current: Locale = isLocale(i18n.language) ? i18n.language : 'zh-CN';

  const change = (locale: Locale) => {
    setLocale(locale).catch((error: unknown) => {
      const text = error instanceof ApiError ? error.textFor(locale) : String(error);
      void message.error(t('shell.languageNotSaved', { reason: text }));
    });
  };

  return (
    <Select<Locale>
      aria-label={t('shell.language')}
      data-testid="language-switch"
      value={current}
      onChange={change}
      prefix={<GlobalOutlined />}
      variant="borderless"
      popupMatchSelectWidth={false}
      // Each name is declared in its own language, so screen readers pronounce it right.
      options={(Object.keys(LANGUAGE_NAMES) as Locale[]).map((locale) => ({ value: locale, label: <span lang={locale}>{LANGUAGE_NAMES[locale]}</span> }))}
    />
  );
}
