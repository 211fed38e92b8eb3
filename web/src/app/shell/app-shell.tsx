import { Layout } from 'antd';
import { useState } from 'react';
import { Outlet } from 'react-router';
import { AppHeader } from './app-header';
import { SideNav } from './side-nav';

/** The signed-in frame: header on top, navigation on the left, the page in the middle. */
export function AppShell() {
  const [collapsed, setCollapsed] = useState(false);
  return (
    <Layout className="app-shell">
      <AppHeader />
      <Layout>
        <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={220} className="app-shell__sider">
          <SideNav />
        </Layout.Sider>
        <Layout.Content className="app-shell__content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
