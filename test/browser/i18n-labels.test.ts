import { describe, expect, test } from 'vitest';
import { CATALOG_ROW_PROBLEMS, DATASET_ACTIVITY_KINDS } from '../../src/contracts/catalog';
import { ORGANISATION_KINDS, PERMISSIONS, ROLES } from '../../src/contracts/identity';
import { en } from '../../web/src/i18n/en';
import { zhCN } from '../../web/src/i18n/zh-CN';

/**
 * The web shows a code as itself when it has no label, so a permission, role or organisation
 * kind added to the contracts still renders; this test is where the missing label shows up.
 * (No browser needed: it reads the translation tables.)
 */
describe('labels of contract codes', () => {
  const tables = [
    { name: 'permissions', codes: PERMISSIONS, zh: zhCN.permissions, en: en.permissions },
    { name: 'users.roles', codes: ROLES, zh: zhCN.users.roles, en: en.users.roles },
    { name: 'organisations.kinds', codes: ORGANISATION_KINDS, zh: zhCN.organisations.kinds, en: en.organisations.kinds },
    { name: 'catalog.transfer.problems', codes: CATALOG_ROW_PROBLEMS, zh: zhCN.catalog.transfer.problems, en: en.catalog.transfer.problems },
    { name: 'catalog.dataset.activityKinds', codes: DATASET_ACTIVITY_KINDS, zh: zhCN.catalog.dataset.activityKinds as Record<string, string>, en: en.catalog.dataset.activityKinds as Record<string, string> },
  ];

  for (const table of tables) {
    test(`every code of ${table.name} has a Chinese and an English label`, () => {
      expect(table.codes.filter((code) => !table.zh[code])).toEqual([]);
      expect(table.codes.filter((code) => !table.en[code])).toEqual([]);
      // Chinese labels are Chinese.
      for (const code of table.codes) expect(table.zh[code]).toMatch(/[\u4e00-\u9fff]/);
    });
  }
});
