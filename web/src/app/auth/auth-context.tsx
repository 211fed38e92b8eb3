import { createContext, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me, Permission } from '../../../../src/contracts/identity';
import { api, connectSession } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { rememberLocale, type Locale } from '../locale/locale';

export type AuthStatus = 'loading' | 'signed-out' | 'signed-in';

export interface AuthValue {
  status: AuthStatus;
  /** True after the user signed out themselves (not when a session expired), so no return address is kept. */
  signedOutByUser: boolean;
  /** The signed-in user, their organisation and permissions; null when signed out. */
  me: Me | null;
  /** Signs in; the user's saved language applies at once. Throws ApiError (e.g. INVALID_CREDENTIALS). */
  login(username: string, password: string): Promise<Me>;
  /** Ends this session. */
  logout(): Promise<void>;
  /** Ends every session of this user, on all devices. */
  logoutEverywhere(): Promise<void>;
  /** Switches the language now; saved for the user when signed in, and on this browser. */
  setLocale(locale: Locale): Promise<void>;
  /** Whether the signed-in user holds the permission. */
  can(permission: Permission): boolean;
  /** Reloads the session (organisation name, roles, permissions) from the server. */
  reloadMe(): Promise<Me | null>;
}

export const AuthContext = createContext<AuthValue | null>(null);

/** Holds the session and wires the API client to it (CSRF header, sign-out on 401). */
export function AuthProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [me, setMe] = useState<Me | null>(null);
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [signedOutByUser, setSignedOutByUser] = useState(false);
  const meRef = useRef<Me | null>(null);

  const applyLocale = useCallback(
    (locale: Locale) => {
      rememberLocale(locale);
      if (i18n.language !== locale) void i18n.changeLanguage(locale);
    },
    [i18n],
  );

  const signedIn = useCallback(
    (next: Me) => {
      meRef.current = next;
      setMe(next);
      setStatus('signed-in');
      setSignedOutByUser(false);
      applyLocale(next.user.locale);
    },
    [applyLocale],
  );

  const signedOut = useCallback(() => {
    meRef.current = null;
    setMe(null);
    setStatus('signed-out');
  }, []);

  const reloadMe = useCallback(async (): Promise<Me | null> => {
    try {
      const next = await api.get<Me>('/auth/me');
      signedIn(next);
      return next;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        signedOut();
        return null;
      }
      throw error;
    }
  }, [signedIn, signedOut]);

  useEffect(() => {
    connectSession({
      csrfToken: () => meRef.current?.csrfToken ?? null,
      refreshCsrfToken: async () => (await reloadMe().catch(() => null))?.csrfToken ?? null,
      onUnauthenticated: signedOut,
    });
    reloadMe().catch(() => signedOut());
  }, [reloadMe, signedOut]);

  const login = useCallback(
    async (username: string, password: string) => {
      const next = await api.post<Me>('/auth/login', { username, password });
      signedIn(next);
      return next;
    },
    [signedIn],
  );

  const endSession = useCallback(
    async (path: '/auth/logout' | '/auth/logout-all') => {
      try {
        await api.post(path);
      } finally {
        setSignedOutByUser(true);
        signedOut();
      }
    },
    [signedOut],
  );

  const setLocale = useCallback(
    async (locale: Locale) => {
      applyLocale(locale);
      const current = meRef.current;
      if (!current || current.user.locale === locale) return;
      await api.patch('/auth/me/preferences', { locale });
      const next = { ...current, user: { ...current.user, locale } };
      meRef.current = next;
      setMe(next);
    },
    [applyLocale],
  );

  const value = useMemo<AuthValue>(
    () => ({
      status,
      signedOutByUser,
      me,
      login,
      logout: () => endSession('/auth/logout'),
      logoutEverywhere: () => endSession('/auth/logout-all'),
      setLocale,
      can: (permission) => me?.permissions.includes(permission) ?? false,
      reloadMe,
    }),
    [status, signedOutByUser, me, login, endSession, setLocale, reloadMe],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
