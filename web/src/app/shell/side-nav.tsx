import { Menu, type MenuProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/use-auth';
import { MENU_SECTIONS } from '../features/feature-registry';
import { MENU_ENTRIES } from '../features/features';

type MenuItem = NonNullable<MenuProps['items']>[number];

/** The entry whose path is the longest prefix of the current location. */
function activeEntry(pathname: string, paths: string[]): string | undefined {
  return paths
    .filter((path) => pathname === path || (path !== '/' && pathname.startsWith(`${path}/`)))
    .sort((a, b) => b.length - a.length)[0];
}

/** Side navigation built from the feature registry, showing only what the user may open. */
export function SideNav() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { pathname } = useLocation();
  const navigate = useNavigate();

  const visible = useMemo(() => MENU_ENTRIES.filter((entry) => !entry.permission || can(entry.permission)), [can]);

  const items = useMemo<MenuItem[]>(
    () =>
      MENU_SECTIONS.flatMap((section): MenuItem[] => {
        const entries = visible
          .filter((entry) => entry.section === section)
          .map((entry) => ({ key: entry.path, icon: entry.icon, label: t(entry.label) }));
        if (entries.length === 0) return [];
        if (section === 'main') return entries;
        return [{ type: 'group', key: `section:${section}`, label: t(`nav.sections.${section}`), children: entries }];
      }),
    [visible, t],
  );

  const selected = activeEntry(
    pathname,
    visible.map((entry) => entry.path),
  );

  return (
    <Menu
      mode="inline"
      theme="dark"
      aria-label={t('nav.label')}
      items={items}
      selectedKeys={selected ? [selected] : []}
      onClick={({ key }) => void navigate(key)}
    />
  );
}
