/**
 * Top level: finishes an emailed action (magic link, password reset, verification) when the URL
 * carries one, remembers an invite link (`/join/{code}`), then shows sign-in or the signed-in app.
 */
import { useEffect, useState } from 'react';
import type { User } from 'firebase/auth';
import { api } from './lib/api.ts';
import { SignIn } from './components/SignIn.tsx';
import { EmailAction, readEmailAction, type EmailActionLink } from './components/EmailAction.tsx';
import { Shell } from './components/Shell.tsx';
import { SessionProvider } from './state/session.tsx';

const INVITE_PATH = /^\/join\/([A-Za-z0-9_-]{8,64})\/?$/;

function clearUrl() {
  window.history.replaceState(null, '', '/');
}

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [action, setAction] = useState<EmailActionLink | null>(() => readEmailAction(window.location.href));
  const [inviteCode, setInviteCode] = useState<string | null>(() => INVITE_PATH.exec(window.location.pathname)?.[1] ?? null);
  useEffect(() => api.auth.watchUser(setUser), []);

  if (user === undefined) return <p className="status">Loading…</p>;
  if (action && !(action.mode === 'signIn' && user)) {
    return (
      <main className="app app-narrow">
        <header className="app-header">
          <h1>Natter</h1>
        </header>
        <EmailAction
          link={action}
          onDone={() => {
            clearUrl();
            setAction(null);
          }}
        />
      </main>
    );
  }
  if (!user) {
    return (
      <main className="app app-narrow">
        <header className="app-header">
          <h1>Natter</h1>
        </header>
        {inviteCode && <p className="notice">Sign in to join the group you were invited to.</p>}
        <SignIn />
      </main>
    );
  }
  return (
    <main className="app">
      <SessionProvider key={user.uid} user={user}>
        <Shell
          inviteCode={inviteCode}
          onInviteHandled={() => {
            clearUrl();
            setInviteCode(null);
          }}
        />
      </SessionProvider>
    </main>
  );
}
