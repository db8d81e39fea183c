/**
 * Completes what an emailed link started: a magic-link sign-in (asking for the email when the link
 * is opened on another device), a password reset, or an email verification.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../lib/api.ts';
import { describeError } from '../lib/errors.ts';
import { MIN_PASSWORD_LENGTH } from '../lib/firebase/auth.ts';

export type EmailActionMode = 'signIn' | 'resetPassword' | 'verifyEmail';

export interface EmailActionLink {
  mode: EmailActionMode;
  oobCode: string;
  url: string;
}

/** Reads an email action from the current URL, if it carries one. */
export function readEmailAction(href: string): EmailActionLink | null {
  const url = new URL(href);
  const mode = url.searchParams.get('mode');
  const oobCode = url.searchParams.get('oobCode');
  if (!oobCode) return null;
  if (mode === 'resetPassword' || mode === 'verifyEmail') return { mode, oobCode, url: href };
  if (mode === 'signIn' || api.auth.isSignInLink(href)) return { mode: 'signIn', oobCode, url: href };
  return null;
}

export function EmailAction({ link, onDone }: { link: EmailActionLink; onDone: () => void }) {
  return (
    <section className="sign-in" aria-labelledby="action-title">
      {link.mode === 'signIn' && <CompleteSignIn link={link} onDone={onDone} />}
      {link.mode === 'resetPassword' && <ResetPassword link={link} onDone={onDone} />}
      {link.mode === 'verifyEmail' && <VerifyEmail link={link} onDone={onDone} />}
    </section>
  );
}

function CompleteSignIn({ link, onDone }: { link: EmailActionLink; onDone: () => void }) {
  const remembered = useRef(api.auth.rememberedSignInEmail());
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function complete(address: string) {
    setBusy(true);
    setError(null);
    try {
      await api.auth.completeSignInLink(address, link.url);
      onDone();
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  }
  useEffect(() => {
    if (remembered.current) void complete(remembered.current);
    // Runs once, for the link this screen was opened with.
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    void complete(email);
  }
  return (
    <>
      <h2 id="action-title">Finish signing in</h2>
      {remembered.current && !error ? (
        <p role="status">Signing you in as {remembered.current}…</p>
      ) : (
        <form onSubmit={submit} aria-label="Confirm your email">
          <p className="hint">You opened a sign-in link on a different device or browser. Enter the email address the link was sent to.</p>
          <label className="field">
            <span>Email</span>
            <input name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            Sign in
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="button" className="link" onClick={onDone}>
        Back to sign-in
      </button>
    </>
  );
}

function ResetPassword({ link, onDone }: { link: EmailActionLink; onDone: () => void }) {
  const [email, setEmail] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.auth.checkPasswordResetCode(link.oobCode).then(setEmail, (caught: unknown) => setError(describeError(caught)));
  }, [link.oobCode]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api.auth.completePasswordReset(link.oobCode, password);
      setDone(true);
    } catch (caught) {
      setError(describeError(caught));
    }
  }
  return (
    <>
      <h2 id="action-title">Choose a new password</h2>
      {done ? (
        <p className="success" role="status">
          Your password was changed. Sign in with it now.
        </p>
      ) : (
        email && (
          <form onSubmit={(event) => void submit(event)} aria-label="Set a new password">
            <p className="hint">For {email}</p>
            <label className="field">
              <span>New password</span>
              <input type="password" autoComplete="new-password" minLength={MIN_PASSWORD_LENGTH} value={password} onChange={(e) => setPassword(e.target.value)} required autoFocus />
            </label>
            <button type="submit" className="primary">
              Save password
            </button>
          </form>
        )
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="button" className="link" onClick={onDone}>
        Back to sign-in
      </button>
    </>
  );
}

function VerifyEmail({ link, onDone }: { link: EmailActionLink; onDone: () => void }) {
  const [state, setState] = useState<{ kind: 'working' | 'done' } | { kind: 'failed'; error: string }>({ kind: 'working' });
  useEffect(() => {
    api.auth.applyEmailVerification(link.oobCode).then(
      () => setState({ kind: 'done' }),
      (caught: unknown) => setState({ kind: 'failed', error: describeError(caught) }),
    );
  }, [link.oobCode]);
  return (
    <>
      <h2 id="action-title">Verify your email</h2>
      {state.kind === 'working' && <p role="status">Verifying…</p>}
      {state.kind === 'done' && (
        <p className="success" role="status">
          Your email address is verified.
        </p>
      )}
      {state.kind === 'failed' && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      <button type="button" className="primary" onClick={onDone}>
        Continue
      </button>
    </>
  );
}
