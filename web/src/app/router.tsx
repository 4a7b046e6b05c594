import { Flex, Spin } from 'antd';
import { type ComponentType, isValidElement, lazy, type ReactNode, Suspense } from 'react';
import {
  createBrowserRouter,
  matchRoutes,
  Navigate,
  type RouteObject,
  RouterProvider,
  useLocation,
} from 'react-router';
import { canOpen, firstAllowedPath, type PageKey } from './access';
import { useAuth } from './auth';
import { LoginPage } from './LoginPage';

// Only the login page is in the entry chunk: the signed-in frame (layout, menu, icons) and every page load when
// first needed, so /login fetches no table, menu or page code (docs/architecture.md, "Chunks").
const loaders = new Map<unknown, () => Promise<unknown>>();

/** React.lazy that remembers its loader, so that preloadCurrentRoute() can start it early. */
// biome-ignore lint/suspicious/noExplicitAny: the props of each page component
function lazyPage<T extends ComponentType<any>>(load: () => Promise<{ default: T }>) {
  const component = lazy(load);
  loaders.set(component, load);
  return component;
}

const AppLayout = lazyPage(() => import('./AppLayout').then((m) => ({ default: m.SignedInLayout })));
const Forbidden = lazyPage(() => import('../components/Forbidden').then((m) => ({ default: m.Forbidden })));
const NotFound = lazyPage(() => import('../components/NotFound').then((m) => ({ default: m.NotFound })));

const WorkbenchPage = lazyPage(() => import('../pages/workbench/WorkbenchPage'));
const OrgsPage = lazyPage(() => import('../pages/orgs/OrgsPage'));
const UsersPage = lazyPage(() => import('../pages/users/UsersPage'));
const SessionsPage = lazyPage(() => import('../pages/sessions/SessionsPage'));
const AuditPage = lazyPage(() => import('../pages/audit/AuditPage'));
const ProfilePage = lazyPage(() => import('../pages/profile/ProfilePage'));
const OfficersPage = lazyPage(() => import('../pages/officers/OfficersPage'));
const OfficerDetailPage = lazyPage(() => import('../pages/officers/OfficerDetailPage'));
const CertificatesPage = lazyPage(() => import('../pages/certificates/CertificatesPage'));
const TrainingImportPage = lazyPage(() => import('../pages/training/TrainingImportPage'));
// The report page carries ECharts; it is only loaded when opened.
const TrainingReportPage = lazyPage(() => import('../pages/training/TrainingReportPage'));
const ItemsPage = lazyPage(() => import('../pages/items/ItemsPage'));
const ItemDetailPage = lazyPage(() => import('../pages/items/ItemDetailPage'));
const BenchmarksPage = lazyPage(() => import('../pages/benchmarks/BenchmarksPage'));
const BenchmarkDetailPage = lazyPage(() => import('../pages/benchmarks/BenchmarkDetailPage'));
const DelegationsPage = lazyPage(() => import('../pages/delegations/DelegationsPage'));
const DelegationDetailPage = lazyPage(() => import('../pages/delegations/DelegationDetailPage'));
const CasesPage = lazyPage(() => import('../pages/cases/CasesPage'));
const CaseDetailPage = lazyPage(() => import('../pages/cases/CaseDetailPage'));
const ReviewInboxPage = lazyPage(() => import('../pages/cases/ReviewInboxPage'));
const PublicityPage = lazyPage(() => import('../pages/publicity/PublicityPage'));
const PublicityOverduePage = lazyPage(() => import('../pages/publicity/PublicityOverduePage'));
const EntitiesPage = lazyPage(() => import('../pages/entities/EntitiesPage'));
const EntityDetailPage = lazyPage(() => import('../pages/entities/EntityDetailPage'));

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" description="加载中…" />
    </Flex>
  );
}

/** Route guard: waits for /auth/me, sends anonymous users to /login remembering where they wanted to go. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  const location = useLocation();
  if (me === undefined) return <FullPageSpin />;
  if (me === null) return <Navigate to="/login" replace state={{ from: `${location.pathname}${location.search}` }} />;
  // a one-time password (a new administrator) is changed first: the server refuses everything else until then
  if (me.mustChangePassword && location.pathname !== '/profile') return <Navigate to="/profile" replace />;
  return <Suspense fallback={<FullPageSpin />}>{children}</Suspense>;
}

/** Per-page role check: pages outside the user's menu answer 403 "无权访问". */
function RequirePage({ page, children }: { page: PageKey; children: ReactNode }) {
  const { me } = useAuth();
  return <Suspense fallback={<FullPageSpin />}>{!me || !canOpen(page, me.roles) ? <Forbidden /> : children}</Suspense>;
}

function HomeRedirect() {
  const { me } = useAuth();
  return <Navigate to={me ? firstAllowedPath(me.roles) : '/login'} replace />;
}

const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        path: 'workbench',
        element: (
          <RequirePage page="workbench">
            <WorkbenchPage />
          </RequirePage>
        ),
      },
      {
        path: 'orgs',
        element: (
          <RequirePage page="orgs">
            <OrgsPage />
          </RequirePage>
        ),
      },
      {
        path: 'users',
        element: (
          <RequirePage page="users">
            <UsersPage />
          </RequirePage>
        ),
      },
      {
        path: 'sessions',
        element: (
          <RequirePage page="sessions">
            <SessionsPage />
          </RequirePage>
        ),
      },
      {
        path: 'audit',
        element: (
          <RequirePage page="audit">
            <AuditPage />
          </RequirePage>
        ),
      },
      {
        path: 'officers',
        element: (
          <RequirePage page="officers">
            <OfficersPage />
          </RequirePage>
        ),
      },
      {
        path: 'entities',
        element: (
          <RequirePage page="entities">
            <EntitiesPage />
          </RequirePage>
        ),
      },
      {
        path: 'entities/:id',
        element: (
          <RequirePage page="entities">
            <EntityDetailPage />
          </RequirePage>
        ),
      },
      {
        path: 'officers/:id',
        element: (
          <RequirePage page="officers">
            <OfficerDetailPage />
          </RequirePage>
        ),
      },
      {
        path: 'certificates',
        element: (
          <RequirePage page="certificates">
            <CertificatesPage />
          </RequirePage>
        ),
      },
      {
        path: 'training/import',
        element: (
          <RequirePage page="trainingImport">
            <TrainingImportPage />
          </RequirePage>
        ),
      },
      {
        path: 'training/report',
        element: (
          <RequirePage page="trainingReport">
            <TrainingReportPage />
          </RequirePage>
        ),
      },
      {
        path: 'items',
        element: (
          <RequirePage page="items">
            <ItemsPage />
          </RequirePage>
        ),
      },
      {
        path: 'items/:id',
        element: (
          <RequirePage page="items">
            <ItemDetailPage />
          </RequirePage>
        ),
      },
      {
        path: 'benchmarks',
        element: (
          <RequirePage page="benchmarks">
            <BenchmarksPage />
          </RequirePage>
        ),
      },
      {
        path: 'benchmarks/:id',
        element: (
          <RequirePage page="benchmarks">
            <BenchmarkDetailPage />
          </RequirePage>
        ),
      },
      {
        path: 'delegations',
        element: (
          <RequirePage page="delegations">
            <DelegationsPage />
          </RequirePage>
        ),
      },
      {
        path: 'delegations/:id',
        element: (
          <RequirePage page="delegations">
            <DelegationDetailPage />
          </RequirePage>
        ),
      },
      {
        path: 'cases',
        element: (
          <RequirePage page="cases">
            <CasesPage />
          </RequirePage>
        ),
      },
      {
        path: 'cases/review-inbox',
        element: (
          <RequirePage page="reviewInbox">
            <ReviewInboxPage />
          </RequirePage>
        ),
      },
      {
        path: 'cases/:id',
        element: (
          <RequirePage page="cases">
            <CaseDetailPage />
          </RequirePage>
        ),
      },
      {
        path: 'publicity',
        element: (
          <RequirePage page="publicity">
            <PublicityPage />
          </RequirePage>
        ),
      },
      {
        path: 'publicity/overdue',
        element: (
          <RequirePage page="publicityOverdue">
            <PublicityOverduePage />
          </RequirePage>
        ),
      },
      {
        path: 'profile',
        element: (
          <RequirePage page="profile">
            <ProfilePage />
          </RequirePage>
        ),
      },
      {
        path: '*',
        element: (
          <Suspense fallback={<FullPageSpin />}>
            <NotFound />
          </Suspense>
        ),
      },
    ],
  },
];

/**
 * On a deep link (/cases/<id> …, mostly opened by signed-in users), starts loading the chunks of that address (the
 * signed-in layout and the page) while the session check (/auth/me) runs, instead of one after the other once it
 * has answered. Not on /login, nor on / (where signed-out visitors land: they need the login page only).
 */
function preloadCurrentRoute() {
  if (typeof window === 'undefined' || ['/', '/login'].includes(window.location.pathname)) return;
  for (const match of matchRoutes(routes, window.location) ?? []) {
    // <RequireAuth><AppLayout /></RequireAuth>, <RequirePage …><SomePage /></RequirePage>: the lazy component is
    // the element's child.
    const element = match.route.element;
    const child = isValidElement<{ children?: ReactNode }>(element) ? element.props.children : undefined;
    const load = isValidElement(child) ? loaders.get(child.type) : undefined;
    load?.().catch(() => {});
  }
}

preloadCurrentRoute();
const router = createBrowserRouter(routes);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
