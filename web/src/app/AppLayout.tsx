import {
  ApartmentOutlined,
  ApiOutlined,
  ExperimentOutlined,
  ProjectOutlined,
  QrcodeOutlined,
  HistoryOutlined,
  CarryOutOutlined,
  EyeOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  ShopOutlined,
  ScheduleOutlined,
  CloudUploadOutlined,
  DesktopOutlined,
  FileProtectOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  HomeOutlined,
  IdcardOutlined,
  LogoutOutlined,
  MenuOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  ShareAltOutlined,
  SlidersOutlined,
  SolutionOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import 'dayjs/locale/zh-cn';
import { App as AntdApp, Button, Layout, Menu, type MenuProps, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { MENU_GROUPS, type MenuGroupKey, PAGES, type PageKey } from './access';
import { useAuth, useMe } from './auth';

/** Menu icons by page (a page without one gets the generic document icon). */
const ICONS: Partial<Record<PageKey, ReactNode>> = {
  workbench: <HomeOutlined />,
  orgs: <ApartmentOutlined />,
  users: <TeamOutlined />,
  sessions: <DesktopOutlined />,
  machineClients: <ApiOutlined />,
  audit: <AuditOutlined />,
  officers: <IdcardOutlined />,
  certificates: <SafetyCertificateOutlined />,
  trainingImport: <CloudUploadOutlined />,
  trainingReport: <BarChartOutlined />,
  items: <UnorderedListOutlined />,
  benchmarks: <SlidersOutlined />,
  delegations: <ShareAltOutlined />,
  cases: <FileTextOutlined />,
  reviewInbox: <FileProtectOutlined />,
  publicity: <NotificationOutlined />,
  publicityOverdue: <FieldTimeOutlined />,
  entities: <ShopOutlined />,
  inspectionPlans: <ProjectOutlined />,
  inspectionTasks: <ExperimentOutlined />,
  inspectionFollowUps: <CarryOutOutlined />,
  inspectionLateResults: <FieldTimeOutlined />,
  visitScan: <QrcodeOutlined />,
  visits: <HistoryOutlined />,
  supervisionPlans: <CarryOutOutlined />,
  profile: <UserOutlined />,
};

const GROUP_ICONS: Record<MenuGroupKey, ReactNode> = {
  personnel: <SolutionOutlined />,
  catalog: <BookOutlined />,
  cases: <FolderOpenOutlined />,
  inspections: <ScheduleOutlined />,
  supervision: <EyeOutlined />,
};

// Loaded with the signed-in layout (not on /login): date pickers and formatted dates in Chinese.
dayjs.locale('zh-cn');

type MenuItem = NonNullable<MenuProps['items']>[number];

/** A type alias (not an interface) so that it fits antd's item type, which has an index signature for data-* attributes. */
type MenuLeaf = {
  key: string;
  icon: ReactNode;
  label: string;
};

const NARROW_QUERY = '(max-width: 991.98px)';

function initiallyNarrow(): boolean {
  return (
    typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(NARROW_QUERY).matches
  );
}

export function AppLayout() {
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [narrow, setNarrow] = useState(initiallyNarrow);
  const [collapsed, setCollapsed] = useState(initiallyNarrow);
  const [loggingOut, setLoggingOut] = useState(false);

  const { items, leaves } = useMemo(() => {
    const items: MenuItem[] = [];
    const groups = new Map<MenuGroupKey, MenuLeaf[]>();
    const leaves: (MenuLeaf & { group?: MenuGroupKey })[] = [];
    for (const p of PAGES.filter((page) => page.allowed(me.roles))) {
      const leaf: MenuLeaf = { key: p.path, icon: ICONS[p.key] ?? <FileTextOutlined />, label: p.label };
      leaves.push({ ...leaf, group: p.group });
      if (!p.group) {
        items.push(leaf);
        continue;
      }
      let children = groups.get(p.group);
      if (!children) {
        // The group sits where its first page would be.
        children = [];
        groups.set(p.group, children);
        items.push({ key: p.group, icon: GROUP_ICONS[p.group], label: MENU_GROUPS[p.group].label, children });
      }
      children.push(leaf);
    }
    return { items, leaves };
  }, [me.roles]);
  // The most specific page wins (/cases/review-inbox over /cases).
  const selectedLeaf = leaves
    .filter((i) => location.pathname === i.key || location.pathname.startsWith(`${i.key}/`))
    .sort((a, b) => b.key.length - a.key.length)[0];
  const selected = selectedLeaf?.key;
  const selectedGroup = selectedLeaf?.group;
  // Only open a group while the menu is shown: in the collapsed (phone) menu an open group would pop up.
  const [openKeys, setOpenKeys] = useState<string[]>(() => (selectedGroup && !collapsed ? [selectedGroup] : []));

  // Navigating into a group (link, back button) or showing the menu again opens the current page's group.
  useEffect(() => {
    if (selectedGroup && !collapsed)
      setOpenKeys((keys) => (keys.includes(selectedGroup) ? keys : [...keys, selectedGroup]));
  }, [selectedGroup, collapsed]);

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
            openKeys={openKeys}
            onOpenChange={setOpenKeys}
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

/** The signed-in frame as the router loads it: antd's <App> (message, modal, notification) around the layout. */
export function SignedInLayout() {
  return (
    <AntdApp>
      <AppLayout />
    </AntdApp>
  );
}
