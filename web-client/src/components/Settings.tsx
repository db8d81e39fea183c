/**
 * Profile and privacy: name, about and photo (a URL, or an upload where Storage exists), read
 * receipts, who sees "last seen", notifications on this device, blocked contacts, email
 * verification, and signing out.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { MAX_ABOUT_LENGTH, MAX_DISPLAY_NAME_LENGTH } from '@natter/model';
import { api } from '../lib/api.ts';
import { STORAGE_UNAVAILABLE } from '../lib/firebase/storage.ts';
import { useDisplayName, useSession, useUserProfile } from '../state/session.tsx';
import { signOut } from '../lib/signOut.ts';
import { Avatar, Notice } from './common.tsx';
import { DeviceNotifications } from './DeviceNotifications.tsx';

export function Settings({ onBack }: { onBack: () => void }) {
  const { uid, user, settings, account, blocked, report, inform } = useSession();
  const profile = useUserProfile(uid);
  const [name, setName] = useState('');
  const [about, setAbout] = useState('');
  const [photoURL, setPhotoURL] = useState('');
  const [saved, setSaved] = useState(false);
  const [upload, setUpload] = useState<number | null>(null);

  // Fill the form once, when the profile first arrives; later snapshots must not undo typing.
  const filled = useRef(false);
  useEffect(() => {
    if (!profile || filled.current) return;
    filled.current = true;
    setName(profile.displayName);
    setAbout(profile.about);
    setPhotoURL(profile.photoURL ?? '');
  }, [profile]);

  function save(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    api.users
      .updateProfile({ displayName: name, about, photoURL: photoURL.trim() ? photoURL.trim() : null })
      .then(() => setSaved(true), report);
  }

  async function uploadPhoto(file: File) {
    setUpload(0);
    try {
      const url = await api.storage.uploadAvatar(file, setUpload);
      await api.users.updateProfile({ photoURL: url });
    } catch (error) {
      report(error);
    } finally {
      setUpload(null);
    }
  }

  return (
    <section className="panel" aria-labelledby="settings-title">
      <header className="panel-header">
        <button type="button" className="icon-button" onClick={onBack} aria-label="Back">
          ←
        </button>
        <h2 id="settings-title">Settings</h2>
      </header>
      <div className="panel-body">
        <form onSubmit={save} aria-label="Profile" className="info-section">
          <div className="info-hero">
            <Avatar name={name || '?'} photoURL={photoURL || null} size={96} />
          </div>
          <label className="field">
            <span>Your name</span>
            <input name="displayName" value={name} maxLength={MAX_DISPLAY_NAME_LENGTH} onChange={(e) => setName(e.target.value)} required />
          </label>
          <label className="field">
            <span>About</span>
            <input name="about" value={about} maxLength={MAX_ABOUT_LENGTH} onChange={(e) => setAbout(e.target.value)} />
          </label>
          <label className="field">
            <span>Photo URL</span>
            <input name="photoURL" type="url" value={photoURL} placeholder="https://…" onChange={(e) => setPhotoURL(e.target.value)} />
          </label>
          {api.storage.available ? (
            <label className="field">
              <span>Or upload a photo{upload !== null ? ` (${Math.round(upload * 100)}%)` : ''}</span>
              <input type="file" accept="image/*" onChange={(e) => { const f = e.target.files?.[0]; if (f) void uploadPhoto(f); }} />
            </label>
          ) : (
            <Notice>{STORAGE_UNAVAILABLE} Use a photo URL instead.</Notice>
          )}
          <button type="submit" className="primary">
            Save profile
          </button>
          {saved && (
            <p className="success" role="status">
              Profile saved.
            </p>
          )}
        </form>

        <section className="info-section" aria-label="Privacy">
          <h3>Privacy</h3>
          <label className="switch">
            <input
              type="checkbox"
              name="readReceipts"
              checked={settings.readReceipts}
              disabled={!account}
              onChange={(e) => void api.users.updateSettings({ ...settings, readReceipts: e.target.checked }).catch(report)}
            />
            Read receipts
          </label>
          <p className="hint">When off, others do not see when you read their messages.</p>
          <label className="field">
            <span>Who can see my last seen</span>
            <select
              name="lastSeen"
              value={settings.lastSeen}
              disabled={!account}
              onChange={(e) => void api.users.updateSettings({ ...settings, lastSeen: e.target.value === 'nobody' ? 'nobody' : 'everyone' }).catch(report)}
            >
              <option value="everyone">Everyone</option>
              <option value="nobody">Nobody</option>
            </select>
          </label>
          {!api.database.available && <Notice>Online status is not live here: the Realtime Database is not available.</Notice>}
        </section>

        <DeviceNotifications />

        <section className="info-section" aria-label="Blocked contacts">
          <h3>Blocked contacts</h3>
          {blocked.size === 0 ? <p className="muted">Nobody.</p> : (
            <ul className="member-list">
              {[...blocked].map((other) => <BlockedRow key={other} uid={other} />)}
            </ul>
          )}
        </section>

        <section className="info-section" aria-label="Account">
          <h3>Account</h3>
          <p>{user.email ?? account?.email ?? 'No email'}</p>
          {user.email && !user.emailVerified && (
            <p>
              Email not verified.{' '}
              <button type="button" className="link" onClick={() => void api.auth.sendVerificationEmail().then(() => inform(`Verification email sent to ${user.email}.`), report)}>
                Send verification email
              </button>
            </p>
          )}
          <button type="button" onClick={() => void signOut(uid).catch(report)}>
            Sign out
          </button>
        </section>
      </div>
    </section>
  );
}

function BlockedRow({ uid }: { uid: string }) {
  const { report } = useSession();
  const name = useDisplayName(uid);
  return (
    <li className="member">
      <span className="member-name">{name}</span>
      <button type="button" className="link" onClick={() => void api.users.unblock(uid).catch(report)}>
        Unblock
      </button>
    </li>
  );
}
