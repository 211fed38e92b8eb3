import type { ComponentType, ReactNode } from 'react';
import type { Permission } from '../../../../src/contracts/identity';
import type { ParseKeys } from 'i18next';

/**
 * Where a menu entry sits in the side navigation. Sections are shown in this order, and a
 * section with no entry the user may see is not shown at all.
 */
export const MENU_SECTIONS = [
  /** Entries at the top level, not in a group (首页). */
  'main',
  /** Collaboration work across the region (数据共享、监测数据、跨界河湖、2+5 大气、环保信用、联席会议 …). */
  'collaboration',
  /** Administration (系统管理). */
  'admin',
] as const;
export type MenuSection = (typeof MENU_SECTIONS)[number];

/** An i18n key of the translation resources (checked at compile time). */
export type MessageKey = ParseKeys;

/** One page of a feature, mounted inside the signed-in shell. */
export interface FeatureRoute {
  /** Absolute path, e.g. `/admin/users/:id`; `/` is the home page. */
  path: string;
  /** Loads the page on first visit, so each feature is its own bundle chunk. */
  page: () => Promise<ComponentType>;
  /** The page refuses users without this permission (the API refuses them too). */
  permission?: Permission;
}

/** One entry of the side navigation. */
export interface MenuEntry {
  /** Where it leads; also the entry's identity. It is highlighted on this path and below it. */
  path: string;
  label: MessageKey;
  icon: ReactNode;
  section: MenuSection;
  /** Position inside the section, smaller first. Core uses 0–99; later modules take 100+. */
  order: number;
  /** Hidden from users without this permission. */
  permission?: Permission;
}

/** A web feature: its pages and its menu entries. */
export interface Feature {
  /** Unique name, usually the folder name (`organisations`, `sharing`, `air` …). */
  id: string;
  routes: FeatureRoute[];
  menu?: MenuEntry[];
}

/**
 * Declares a feature; the shell discovers every `features/<name>/feature.tsx` on its own.
 *
 * A feature keeps its texts in `features/<name>/i18n.ts` (a Chinese object and an English one of
 * the same type) and mounts them under its id in `i18n/zh-CN.ts` and `i18n/en.ts` (one import
 * and one line in each), so its keys (`<name>.title` …) are type-checked like the shell's.
 */
export function defineFeature(feature: Feature): Feature {
  return feature;
}
