import { App as AntApp, ConfigProvider, theme } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { AuthProvider } from './auth/auth-context';
import { antdLocaleFor } from './locale/antd-locale';
import { isLocale } from './locale/locale';
import { createAppRouter } from './router';

const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif";

/** Providers (language, Ant Design theme and locale, session) around the router. */
export function RootApp() {
  const { i18n, t } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : 'zh-CN';
  const router = useMemo(() => createAppRouter(), []);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.name');
  }, [locale, t]);

  return (
    <ConfigProvider
      locale={antdLocaleFor(locale)}
      theme={{ algorithm: theme.defaultAlgorithm, token: { colorPrimary: '#0f7b6c', fontFamily: FONT_FAMILY, borderRadius: 6 } }}
    >
      <AntApp>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
