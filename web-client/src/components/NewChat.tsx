/** Starting a direct chat (search people by name) or a group (name plus members). */
import { useState, type FormEvent } from 'react';
import { MAX_GROUP_NAME_LENGTH, type UserProfile } from '@natter/model';
import { api } from '../lib/api.ts';
import { useSession } from '../state/session.tsx';
import { UserSearch } from './UserSearch.tsx';

export function NewChat({ onOpen, onNewGroup, onBack }: { onOpen: (chatId: string) => void; onNewGroup: () => void; onBack: () => void }) {
  const { report } = useSession();
  const [busy, setBusy] = useState(false);
  async function open(profile: UserProfile) {
    setBusy(true);
    try {
      const { chatId } = await api.functions.openDirectChat({ otherUid: profile.uid });
      onOpen(chatId);
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="panel" aria-labelledby="new-chat-title">
      <header className="panel-header">
        <button type="button" className="icon-button" onClick={onBack} aria-label="Back">
          ←
        </button>
        <h2 id="new-chat-title">New chat</h2>
      </header>
      <button type="button" className="new-group-entry" onClick={onNewGroup}>
        👥 New group
      </button>
      {busy && <p className="status">Opening chat…</p>}
      <UserSearch label="Search people by name" onPick={(p) => void open(p)} actionLabel={(p) => `Chat with ${p.displayName}`} />
    </section>
  );
}

export function NewGroup({ onOpen, onBack }: { onOpen: (chatId: string) => void; onBack: () => void }) {
  const { report } = useSession();
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<UserProfile[]>([]);
  const [busy, setBusy] = useState(false);

  async function create(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const { chatId } = await api.functions.createGroup({ name: name.trim(), memberIds: picked.map((p) => p.uid) });
      onOpen(chatId);
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="panel" aria-labelledby="new-group-title">
      <header className="panel-header">
        <button type="button" className="icon-button" onClick={onBack} aria-label="Back">
          ←
        </button>
        <h2 id="new-group-title">New group</h2>
      </header>
      <form onSubmit={(event) => void create(event)} className="panel-body">
        <label className="field">
          <span>Group name</span>
          <input name="groupName" value={name} maxLength={MAX_GROUP_NAME_LENGTH} onChange={(e) => setName(e.target.value)} required />
        </label>
        <div className="chips" aria-label="Members">
          {picked.map((p) => (
            <button key={p.uid} type="button" className="chip" onClick={() => setPicked(picked.filter((x) => x.uid !== p.uid))} aria-label={`Remove ${p.displayName}`}>
              {p.displayName} ✕
            </button>
          ))}
        </div>
        <UserSearch
          label="Add members by name"
          exclude={picked.map((p) => p.uid)}
          onPick={(p) => setPicked([...picked, p])}
          actionLabel={(p) => `Add ${p.displayName}`}
        />
        <button type="submit" className="primary" disabled={busy || !name.trim()}>
          Create group{picked.length > 0 ? ` with ${picked.length + 1} people` : ''}
        </button>
      </form>
    </section>
  );
}
