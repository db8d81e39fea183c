/**
 * Sign-in screen: a one-time code by email, a magic link, or email + password (with sign-up and
 * password reset); plus one-click demo accounts when running on the emulators.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { DEMO_PASSWORD, DEMO_USERS } from '@natter/model/demo';
import { api } from '../lib/api.ts';
import { useEmulators } from '../lib/firebase/app.ts';
import { MIN_PASSWORD_LENGTH } from '../lib/firebase/auth.ts';
import { describeError } from '../lib/errors.ts';
import { PENDING_NAME_KEY } from '../state/session.tsx';

type Method = 'code' | 'link' | 'password';
type PasswordMode = 'sign-in' | 'sign-up' | 'reset';

/** Runs an action with a busy flag and an error in words. */
function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run, setError };
}

function ErrorText({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="error">
      {error}
    </p>
  ) : null;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

function EmailCode() {
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  function requestCode(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await api.auth.requestEmailCode(email);
      setSentTo(email.trim().toLowerCase());
    });
  }
  function verify(event: FormEvent) {
    event.preventDefault();
    if (sentTo) void run(async () => void (await api.auth.signInWithEmailCode(sentTo, code)));
  }

  if (!sentTo) {
    return (
      <form onSubmit={requestCode} aria-label="Sign in with an email code">
        <p className="hint">We email you a 6-digit code. No password needed; a new account is made on first sign-in.</p>
        <Field label="Email">
          <input name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          Email me a code
        </button>
        <ErrorText error={error} />
      </form>
    );
  }
  return (
    <form onSubmit={verify} aria-label="Enter the code">
      <p className="hint" role="status">
        We sent a code to <strong>{sentTo}</strong>. It is valid for a few minutes.
      </p>
      <Field label="6-digit code">
        <input
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\d{6}"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
          required
          autoFocus
        />
      </Field>
      <button type="submit" className="primary" disabled={busy || code.length !== 6}>
        Sign in
      </button>
      <div className="row">
        <button type="button" className="link" disabled={busy} onClick={() => void run(() => api.auth.requestEmailCode(sentTo))}>
          Send a new code
        </button>
        <button type="button" className="link" onClick={() => setSentTo(null)}>
          Use another email
        </button>
      </div>
      <ErrorText error={error} />
    </form>
  );
}

function MagicLink() {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  function send(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await api.auth.sendSignInLink(email, `${window.location.origin}/`);
      setSentTo(email.trim().toLowerCase());
    });
  }
  return (
    <form onSubmit={send} aria-label="Sign in with a link">
      <p className="hint">We email you a link that signs you in. Open it on this device, or on another one (we will ask for your email there).</p>
      <Field label="Email">
        <input name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </Field>
      <button type="submit" className="primary" disabled={busy}>
        Email me a link
      </button>
      {sentTo && (
        <p className="success" role="status">
          Check your inbox: we sent a sign-in link to <strong>{sentTo}</strong>.
        </p>
      )}
      <ErrorText error={error} />
    </form>
  );
}

function PasswordSignIn() {
  const [mode, setMode] = useState<PasswordMode>('sign-in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [resetSent, setResetSent] = useState(false);
  const { busy, error, run, setError } = useAction();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (mode === 'sign-in') void run(async () => void (await api.auth.signInWithPassword(email, password)));
    else if (mode === 'sign-up')
      void run(async () => {
        // The signed-in session names the profile once Natter has created it (see session.tsx).
        sessionStorage.setItem(PENDING_NAME_KEY, name.trim());
        await api.auth.signUp(email, password, name);
      });
    else
      void run(async () => {
        await api.auth.sendPasswordReset(email);
        setResetSent(true);
      });
  }
  function switchTo(next: PasswordMode) {
    setMode(next);
    setError(null);
    setResetSent(false);
  }

  return (
    <form onSubmit={submit} aria-label={mode === 'sign-up' ? 'Create an account' : mode === 'reset' ? 'Reset your password' : 'Sign in with a password'}>
      {mode === 'sign-up' && (
        <Field label="Your name">
          <input name="displayName" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={64} />
        </Field>
      )}
      <Field label="Email">
        <input name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
      </Field>
      {mode !== 'reset' && (
        <Field label="Password">
          <input
            name="password"
            type="password"
            autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
            minLength={mode === 'sign-up' ? MIN_PASSWORD_LENGTH : undefined}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </Field>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {mode === 'sign-in' ? 'Sign in' : mode === 'sign-up' ? 'Create account' : 'Email me a reset link'}
      </button>
      {resetSent && (
        <p className="success" role="status">
          If an account exists for {email}, a password reset link is on its way.
        </p>
      )}
      <div className="row">
        {mode !== 'sign-in' && (
          <button type="button" className="link" onClick={() => switchTo('sign-in')}>
            I have an account
          </button>
        )}
        {mode !== 'sign-up' && (
          <button type="button" className="link" onClick={() => switchTo('sign-up')}>
            Create an account
          </button>
        )}
        {mode !== 'reset' && (
          <button type="button" className="link" onClick={() => switchTo('reset')}>
            Forgot password?
          </button>
        )}
      </div>
      <ErrorText error={error} />
    </form>
  );
}

const METHODS: { id: Method; label: string }[] = [
  { id: 'code', label: 'Email code' },
  { id: 'link', label: 'Magic link' },
  { id: 'password', label: 'Password' },
];

export function SignIn() {
  const [method, setMethod] = useState<Method>('code');
  const { busy, error, run } = useAction();

  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Sign in to Natter</h2>
      <div role="tablist" aria-label="Sign-in method" className="tabs">
        {METHODS.map((m) => (
          <button
            key={m.id}
            type="button"
            role="tab"
            id={`tab-${m.id}`}
            aria-selected={method === m.id}
            aria-controls="sign-in-panel"
            className={method === m.id ? 'tab active' : 'tab'}
            onClick={() => setMethod(m.id)}
          >
            {m.label}
          </button>
        ))}
      </div>
      <div id="sign-in-panel" role="tabpanel" aria-labelledby={`tab-${method}`} className="sign-in-panel">
        {method === 'code' && <EmailCode />}
        {method === 'link' && <MagicLink />}
        {method === 'password' && <PasswordSignIn />}
      </div>
      {useEmulators && (
        <div className="demo-users">
          <h3>Demo accounts (local emulators)</h3>
          {DEMO_USERS.map((demo) => (
            <button key={demo.uid} type="button" disabled={busy} onClick={() => void run(async () => void (await api.auth.signInWithPassword(demo.email, DEMO_PASSWORD)))}>
              Sign in as {demo.displayName}
            </button>
          ))}
          <ErrorText error={error} />
        </div>
      )}
    </section>
  );
}
