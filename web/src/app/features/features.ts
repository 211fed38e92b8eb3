import { MENU_SECTIONS, type Feature, type FeatureRoute, type MenuEntry } from './feature-registry';

/**
 * Every feature of the web app: each `src/features/<name>/feature.tsx` default-exports one
 * `defineFeature({...})`. A new module needs no edit here; creating its folder adds its pages
 * and menu entries.
 */
const modules = import.meta.glob<{ default: Feature }>('../../features/*/feature.tsx', { eager: true });

export const FEATURES: readonly Feature[] = Object.entries(modules)
  .map(([file, module]) => {
    if (!module.default) throw new Error(`${file} must default-export defineFeature({...})`);
    return module.default;
  })
  .sort((a, b) => a.id.localeCompare(b.id));

const ids = new Set<string>();
for (const feature of FEATURES) {
  if (ids.has(feature.id)) throw new Error(`Two features are named "${feature.id}"`);
  ids.add(feature.id);
}

/** All pages of all features. */
export const FEATURE_ROUTES: readonly FeatureRoute[] = FEATURES.flatMap((feature) => feature.routes);

/** All menu entries, in section order and then by `order`. */
export const MENU_ENTRIES: readonly MenuEntry[] = FEATURES.flatMap((feature) => feature.menu ?? []).sort(
  (a, b) => MENU_SECTIONS.indexOf(a.section) - MENU_SECTIONS.indexOf(b.section) || a.order - b.order,
);
