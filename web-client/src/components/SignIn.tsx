/** Sign-in screen: email and password, plus one-click demo accounts when running on the emulators. */
import { useState, type FormEvent } from 'react';
import { DEMO_PASSWORD, DEMO_USERS } from '@natter/model/demo';
import { signInWithPassword } from '../lib/firebase/auth.ts';
import { useEmulators } from '../lib/firebase/app.ts';
import { describeError } from '../lib/errors.ts';

export function SignIn() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function signIn(withEmail: string, withPassword: string) {
    setBusy(true);
    setError(null);
    try {
      await signInWithPassword(withEmail, withPassword);
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void signIn(email, password);
  }

  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Sign in</h2>
      <form onSubmit={onSubmit}>
        <label>
          Email
          <input type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <button type="submit" disabled={busy}>Sign in</button>
      </form>
      {useEmulators && (
        <div className="demo-users">
          <h3>Demo accounts (local emulators)</h3>
          {DEMO_USERS.map((demo) => (
            <button key={demo.uid} type="button" disabled={busy} onClick={() => void signIn(demo.email, DEMO_PASSWORD)}>
              Sign in as {demo.displayName}
            </button>
          ))}
        </div>
      )}
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}
