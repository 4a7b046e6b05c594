import { Flex, Spin } from 'antd';
import { isValidElement, type ReactNode, Suspense } from 'react';
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
import { lazyPage, loaders } from './lazy-page';
import { LoginPage } from './LoginPage';
import { CONSOLE_PAGES } from './modules';

// Only the login page is in the entry chunk: the signed-in frame (layout, menu, icons) and every page load when
// first needed, so /login fetches no table, menu or page code (docs/architecture.md, "Chunks"). The pages are listed
// by module in modules.ts.
const AppLayout = lazyPage(() => import('./AppLayout').then((m) => ({ default: m.SignedInLayout })));
const Forbidden = lazyPage(() => import('../components/Forbidden').then((m) => ({ default: m.Forbidden })));
const NotFound = lazyPage(() => import('../components/NotFound').then((m) => ({ default: m.NotFound })));

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
      ...CONSOLE_PAGES.map(({ path, page, component: Page }) => ({
        path,
        element: (
          <RequirePage page={page}>
            <Page />
          </RequirePage>
        ),
      })),
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
