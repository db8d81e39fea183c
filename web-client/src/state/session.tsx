/**
 * What every signed-in screen shares: the user, their account settings and block list, the
 * profile cache, presence, and one place to report errors in words (shown as dismissible alerts).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { User } from 'firebase/auth';
import { DEFAULT_ACCOUNT_SETTINGS, type Account, type AccountSettings, type UserProfile } from '@natter/model';
import { api } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import { ProfileStore, useProfile } from './profiles.ts';
import { useDevicePushSync } from './usePush.ts';

export interface Alert {
  id: number;
  text: string;
  kind: 'error' | 'info';
}

export interface Session {
  user: User;
  uid: string;
  account: Account | null;
  settings: AccountSettings;
  blocked: Set<string>;
  profiles: ProfileStore;
  /** Shows an error (or any sentence) to the user until dismissed. */
  report: (error: unknown) => void;
  /** Confirms something worked (e.g. "Verification email sent"). */
  inform: (text: string) => void;
  alerts: Alert[];
  dismiss: (id: number) => void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** A user's public profile from the shared cache (undefined while loading, null if missing). */
export function useUserProfile(uid: string | null): UserProfile | null | undefined {
  return useProfile(useSession().profiles, uid);
}

/** The name to show for a uid: "You", the profile's display name, or a placeholder while loading. */
export function useDisplayName(uid: string | null): string {
  const { uid: me } = useSession();
  const profile = useUserProfile(uid);
  if (uid === null) return '';
  if (uid === me) return 'You';
  if (profile === undefined) return '…';
  return profile?.displayName ?? 'Deleted account';
}

let alertCounter = 0;

/** A name chosen at sign-up, applied to the profile once Natter's trigger has created it. */
export const PENDING_NAME_KEY = 'natter.pendingDisplayName';

export function SessionProvider({ user, children }: { user: User; children: ReactNode }) {
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [account, setAccount] = useState<Account | null>(null);
  const [blocked, setBlocked] = useState<Set<string>>(new Set());

  const push = useCallback((text: string, kind: Alert['kind']) => {
    setAlerts((current) => (current.some((a) => a.text === text) ? current : [...current.slice(-3), { id: ++alertCounter, text, kind }]));
  }, []);
  const report = useCallback((error: unknown) => push(describeError(error), 'error'), [push]);
  const inform = useCallback((text: string) => push(text, 'info'), [push]);
  const dismiss = useCallback((id: number) => setAlerts((current) => current.filter((a) => a.id !== id)), []);
  const profiles = useMemo(() => new ProfileStore(api.users, report), [report]);

  useEffect(() => api.users.watchAccount(user.uid, setAccount, report), [user.uid, report]);
  useEffect(() => api.users.watchBlocked(user.uid, setBlocked, report), [user.uid, report]);
  useEffect(() => api.database.startPresence(user.uid, report), [user.uid, report]);
  useDevicePushSync(user.uid, report);
  useEffect(() => {
    const pending = sessionStorage.getItem(PENDING_NAME_KEY);
    if (!pending) return;
    api.users.setInitialName(pending).then(() => sessionStorage.removeItem(PENDING_NAME_KEY), report);
  }, [user.uid, report]);

  const session = useMemo<Session>(
    () => ({
      user,
      uid: user.uid,
      account,
      settings: account?.settings ?? DEFAULT_ACCOUNT_SETTINGS,
      blocked,
      profiles,
      report,
      inform,
      alerts,
      dismiss,
    }),
    [user, account, blocked, profiles, report, inform, alerts, dismiss],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}
