import { Button, Flex, Result, Spin } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, useLocation, useNavigate } from 'react-router';
import { Forbidden } from '../components/Forbidden';
import { canOpen, firstAllowedPath, type PageKey } from './access';
import { AppLayout } from './AppLayout';
import { useAuth } from './auth';
import { LoginPage } from './LoginPage';

const WorkbenchPage = lazy(() => import('../pages/workbench/WorkbenchPage'));
const OrgsPage = lazy(() => import('../pages/orgs/OrgsPage'));
const UsersPage = lazy(() => import('../pages/users/UsersPage'));
const SessionsPage = lazy(() => import('../pages/sessions/SessionsPage'));
const AuditPage = lazy(() => import('../pages/audit/AuditPage'));
const ProfilePage = lazy(() => import('../pages/profile/ProfilePage'));
const OfficersPage = lazy(() => import('../pages/officers/OfficersPage'));
const OfficerDetailPage = lazy(() => import('../pages/officers/OfficerDetailPage'));
const CertificatesPage = lazy(() => import('../pages/certificates/CertificatesPage'));
const TrainingImportPage = lazy(() => import('../pages/training/TrainingImportPage'));
// The report page carries ECharts; it is only loaded when opened.
const TrainingReportPage = lazy(() => import('../pages/training/TrainingReportPage'));
const ItemsPage = lazy(() => import('../pages/items/ItemsPage'));
const ItemDetailPage = lazy(() => import('../pages/items/ItemDetailPage'));
const BenchmarksPage = lazy(() => import('../pages/benchmarks/BenchmarksPage'));
const BenchmarkDetailPage = lazy(() => import('../pages/benchmarks/BenchmarkDetailPage'));
const DelegationsPage = lazy(() => import('../pages/delegations/DelegationsPage'));
const DelegationDetailPage = lazy(() => import('../pages/delegations/DelegationDetailPage'));
const CasesPage = lazy(() => import('../pages/cases/CasesPage'));
const CaseDetailPage = lazy(() => import('../pages/cases/CaseDetailPage'));
const ReviewInboxPage = lazy(() => import('../pages/cases/ReviewInboxPage'));
const PublicityPage = lazy(() => import('../pages/publicity/PublicityPage'));
const PublicityOverduePage = lazy(() => import('../pages/publicity/PublicityOverduePage'));

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
  return children;
}

/** Per-page role check: pages outside the user's menu answer 403 "无权访问". */
function RequirePage({ page, children }: { page: PageKey; children: ReactNode }) {
  const { me } = useAuth();
  if (!me || !canOpen(page, me.roles)) return <Forbidden />;
  return <Suspense fallback={<FullPageSpin />}>{children}</Suspense>;
}

function HomeRedirect() {
  const { me } = useAuth();
  return <Navigate to={me ? firstAllowedPath(me.roles) : '/login'} replace />;
}

function NotFound() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="您访问的页面不存在或已被移除。"
      extra={
        <Button type="primary" onClick={() => navigate('/', { replace: true })}>
          返回首页
        </Button>
      }
    />
  );
}

const router = createBrowserRouter([
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
      { path: '*', element: <NotFound /> },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
