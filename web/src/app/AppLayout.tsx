import {
  ApartmentOutlined,
  AuditOutlined,
  DesktopOutlined,
  LogoutOutlined,
  MenuOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Typography } from 'antd';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PAGES, type PageKey } from './access';
import { useAuth, useMe } from './auth';

const ICONS: Record<PageKey, ReactNode> = {
  orgs: <ApartmentOutlined />,
  users: <TeamOutlined />,
  sessions: <DesktopOutlined />,
  audit: <AuditOutlined />,
  profile: <UserOutlined />,
};

const NARROW_QUERY = '(max-width: 991.98px)';

function initiallyNarrow(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(NARROW_QUERY).matches;
}

export function AppLayout() {
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [narrow, setNarrow] = useState(initiallyNarrow);
  const [collapsed, setCollapsed] = useState(initiallyNarrow);
  const [loggingOut, setLoggingOut] = useState(false);

  const items = useMemo(
    () => PAGES.filter((p) => p.allowed(me.roles)).map((p) => ({ key: p.path, icon: ICONS[p.key], label: p.label })),
    [me.roles],
  );
  const selected = items.find((i) => location.pathname === i.key || location.pathname.startsWith(`${i.key}/`))?.key;

  useEffect(() => {
    const current = PAGES.find((p) => p.path === selected);
    document.title = current ? `${current.label} - zhifa 行政执法监督平台` : 'zhifa 行政执法监督平台';
  }, [selected]);

  const onLogout = async () => {
    setLoggingOut(true);
    await logout();
    navigate('/login', { replace: true });
  };

  const mobileOpen = narrow && !collapsed;

  useEffect(() => {
    if (!mobileOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setCollapsed(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mobileOpen]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        collapsible
        collapsed={collapsed}
        trigger={null}
        onBreakpoint={(broken) => {
          setNarrow(broken);
          setCollapsed(broken);
        }}
        className={narrow ? 'zf-sider-mobile' : undefined}
        width={208}
        aria-label="主导航"
      >
        <div
          style={{
            color: '#fff',
            fontWeight: 600,
            padding: '18px 16px',
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
          }}
        >
          zhifa 执法监督
        </div>
        <nav aria-label="功能菜单" inert={narrow && collapsed}>
          <Menu
            theme="dark"
            mode="inline"
            items={items}
            selectedKeys={selected ? [selected] : []}
            onClick={({ key }) => {
              navigate(key);
              if (narrow) setCollapsed(true);
            }}
          />
        </nav>
      </Layout.Sider>
      {mobileOpen ? <div className="zf-sider-mask" aria-hidden onClick={() => setCollapsed(true)} /> : null}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header className="zf-header">
          {narrow ? (
            <Button
              type="text"
              icon={<MenuOutlined style={{ color: '#fff' }} />}
              aria-label={collapsed ? '展开菜单' : '收起菜单'}
              aria-expanded={!collapsed}
              onClick={() => setCollapsed((c) => !c)}
            />
          ) : null}
          <Typography.Title level={1} className="zf-header-title">
            zhifa 行政执法监督平台
          </Typography.Title>
          <div className="zf-header-user">
            <UserOutlined aria-hidden />
            <span className="zf-user-text" data-testid="current-user">
              <span>{me.displayName}</span>
              <span className="zf-hide-xs" style={{ opacity: 0.8 }}>
                {' · '}
                {me.org.name}
              </span>
            </span>
            <Button
              size="small"
              ghost
              icon={<LogoutOutlined />}
              loading={loggingOut}
              onClick={onLogout}
              data-testid="logout"
            >
              退出登录
            </Button>
          </div>
        </Layout.Header>
        <Layout.Content className="zf-content">
          <Outlet />
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', padding: '12px 16px', color: 'rgba(0,0,0,0.65)' }}>
          zhifa 行政执法与行政执法监督一体化平台
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
