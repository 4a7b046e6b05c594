import {
  createContext,
  lazy,
  type ReactNode,
  Suspense,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import type { Me } from '../../../common/api-types.js';
import { ApiError, api, setReauthHandler, setUnauthorizedHandler } from '../api/client';

// The password prompt (antd Modal and Form) loads only when a session ends under the user, not with /login.
const ReauthDialog = lazy(() => import('./ReauthDialog').then((m) => ({ default: m.ReauthDialog })));

export interface AuthState {
  /** undefined while the initial /auth/me probe runs; null when not signed in. */
  me: Me | null | undefined;
  /** Set when the initial probe failed for a reason other than 401 (server down …). */
  bootError: string | null;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [bootError, setBootError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const current = await api.get<Me>('/api/v1/auth/me');
      // A transition: the signed-in frame and page render in slices (and the spinner stays until their code is in).
      startTransition(() => {
        setMe(current);
        setBootError(null);
      });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        setMe(null);
        setBootError(null);
      } else {
        setMe(null);
        setBootError(err instanceof ApiError ? err.problem.detail : '无法连接服务器');
      }
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    // Any 401 (session expired / revoked) drops the session; the route guard then redirects to /login.
    setUnauthorizedHandler(() => setMe(null));
    return () => setUnauthorizedHandler(null);
  }, []);

  // While signed in, a 401 asks for the password again (ReauthDialog) and the waiting request is resent.
  const [reauth, setReauth] = useState<{ resolve: (ok: boolean) => void } | null>(null);
  const signedIn = !!me;
  useEffect(() => {
    if (!signedIn) return;
    setReauthHandler(() => new Promise<boolean>((resolve) => setReauth({ resolve })));
    return () => setReauthHandler(null);
  }, [signedIn]);
  const reauthSubmit = useCallback(
    async (password: string) => {
      if (!me) return;
      const current = await api.post<Me>('/api/v1/auth/login', { username: me.username, password });
      setMe(current);
      reauth?.resolve(true);
      setReauth(null);
    },
    [me, reauth],
  );
  const reauthCancel = useCallback(() => {
    reauth?.resolve(false);
    setReauth(null);
  }, [reauth]);

  const login = useCallback(async (username: string, password: string) => {
    const current = await api.post<Me>('/api/v1/auth/login', { username, password });
    setMe(current);
    setBootError(null);
    return current;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post<void>('/api/v1/auth/logout');
    } catch {
      // Logged out anyway from the console's point of view.
    }
    setMe(null);
  }, []);

  const value = useMemo<AuthState>(
    () => ({ me, bootError, login, logout, refresh }),
    [me, bootError, login, logout, refresh],
  );
  return (
    <AuthContext.Provider value={value}>
      {children}
      {reauth && me ? (
        <Suspense fallback={null}>
          <ReauthDialog open displayName={me.displayName} onSubmit={reauthSubmit} onCancel={reauthCancel} />
        </Suspense>
      ) : null}
    </AuthContext.Provider>
  );
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth must be used inside <AuthProvider>');
  return ctx;
}

/** The signed-in user; only valid below the route guard. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe used outside an authenticated route');
  return me;
}
