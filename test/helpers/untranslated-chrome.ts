import type { Page } from 'playwright-core';

/**
 * How the English-UI tests tell UI chrome from data.
 *
 * Chrome is what the platform labels things with, found by these selectors: headings, buttons,
 * tabs, menu entries, table column titles, form labels and help, description labels, tags,
 * empty states, alerts, step and card titles, statistic titles, radio/checkbox/segmented
 * labels, the shown value of a select, pagination, and the placeholder and aria-label of
 * anything visible. Table cells and description values are data and are not scanned (the chrome
 * inside them, such as tags and buttons, is).
 *
 * Data inside chrome (a dataset title in a heading, a user's name on the user menu, a keyword tag)
 * is marked by the web with `lang="zh-CN"` when it is Chinese: the HTML way of declaring a
 * passage's language, which also makes screen readers read it as Chinese in the English UI.
 * So any Han character (or CJK punctuation such as ，、：（）) in chrome outside an element
 * declared Chinese is an untranslated string. Nothing else is whitelisted.
 */
export const CHROME_SELECTORS = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'th', 'button', 'label', '[role="tab"]', '[role="menuitem"]',
  '.ant-menu-item-group-title', '.ant-form-item-extra', '.ant-form-item-explain', '.ant-descriptions-item-label',
  '.ant-tag', '.ant-empty-description', '.ant-alert-title', '.ant-alert-message', '.ant-alert-description',
  '.ant-card-head-title', '.ant-steps-item-title', '.ant-statistic-title', '.ant-segmented-item-label',
  '.ant-select-selection-item', '.ant-select-selection-placeholder', '.ant-select-item-option-content',
  '.ant-pagination', '.ant-result-title', '.ant-result-subtitle', '.ant-collapse-header', '.ant-timeline-item-content > strong',
  '.ant-message-notice', '.ant-modal-title', '.ant-popover-title', '.ant-popconfirm-description', '.ant-typography-secondary',
].join(', ');

/** Han characters, CJK symbols and punctuation (、。「」), and full-width forms (，：（）). */
const CHINESE = '[\\p{Script=Han}\\u3000-\\u303f\\uff01-\\uff5e]';

/**
 * Runs in the page (as source text: the test code is compiled without the DOM library). Texts
 * inside an element declared Chinese (`lang="zh…"`) are skipped; so are hidden elements.
 */
const SCAN = `(({ selectors, chinese }) => {
  const pattern = new RegExp(chinese, 'u');
  const declaredChinese = (node) => {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return (element?.closest('[lang]')?.getAttribute('lang') ?? '').startsWith('zh');
  };
  const visible = (element) => element.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && element.getClientRects().length > 0;
  const hits = new Set();
  for (const element of document.querySelectorAll(selectors)) {
    if (!visible(element)) continue;
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      if (!declaredChinese(node) && node.parentElement !== null && visible(node.parentElement)) text += node.textContent ?? '';
    }
    if (pattern.test(text)) hits.add(element.tagName.toLowerCase() + '.' + (element.classList[0] ?? '') + ': ' + text.trim());
  }
  for (const element of document.querySelectorAll('[placeholder], [aria-label]')) {
    if (!visible(element) || declaredChinese(element)) continue;
    for (const name of ['placeholder', 'aria-label']) {
      const value = element.getAttribute(name);
      if (value !== null && pattern.test(value)) hits.add(element.tagName.toLowerCase() + '[' + name + ']: ' + value);
    }
  }
  if (pattern.test(document.title)) hits.add('title: ' + document.title);
  return [...hits];
})`;

/** The untranslated chrome texts visible on the page now (empty when the page is all English). */
export async function untranslatedChrome(page: Page): Promise<string[]> {
  const found = (await page.evaluate(`${SCAN}(${JSON.stringify({ selectors: CHROME_SELECTORS, chinese: CHINESE })})`)) as string[];
  return found.sort();
}
