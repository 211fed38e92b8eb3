const CHINESE = /[\p{Script=Han}\u3000-\u303f\uff01-\uff5e]/u;

/**
 * Text people entered (a name, a title, a note), shown as is in either language. When it is
 * Chinese it is declared `lang="zh-CN"`: screen readers then read it as Chinese inside the
 * English UI (WCAG 3.1.2, language of parts), and the English-UI browser test tells it from an
 * untranslated label by that declaration (test/helpers/untranslated-chrome.ts).
 */
export function EnteredText({ text }: { text: string | null | undefined }) {
  if (!text) return null;
  return CHINESE.test(text) ? <span lang="zh-CN">{text}</span> : <>{text}</>;
}
