import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { storedLocale } from '../app/locale/locale';
import { en } from './en';
import { zhCN, type Translation } from './zh-CN';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // One namespace; keys such as `permissions.users:read` contain colons.
    nsSeparator: false;
    resources: { translation: Translation };
  }
}

/** Starts i18next with both languages bundled (they are small) and the browser's stored choice. */
export function initI18n(): typeof i18n {
  void i18n.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: storedLocale(),
    fallbackLng: 'zh-CN',
    nsSeparator: false,
    load: 'currentOnly',
    // Resources are bundled, so t() works from the first render.
    initAsync: false,
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18n;
}
