/**
 * Group info: name and description, members with roles (admins add, remove, promote and demote),
 * invite link, settings (admins-only send and info, disappearing messages), and leaving.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { DISAPPEAR_OPTIONS, type Chat, type ChatSettings, type DisappearAfterSeconds, type Member } from '@natter/model';
import { api } from '../lib/api.ts';
import { useSession } from '../state/session.tsx';
import { useProfiles } from '../state/profiles.ts';
import { Avatar, Dialog } from './common.tsx';
import { UserSearch } from './UserSearch.tsx';

const DISAPPEAR_LABELS: Record<DisappearAfterSeconds, string> = {
  0: 'Off',
  86_400: '24 hours',
  604_800: '7 days',
  7_776_000: '90 days',
};

export function GroupInfo({ chatId, chat, members, onLeft }: { chatId: string; chat: Chat; members: Member[]; onLeft: () => void }) {
  const { uid, profiles, report } = useSession();
  const people = useProfiles(profiles, members.map((m) => m.uid));
  const amAdmin = chat.adminIds.includes(uid);
  const canEditInfo = amAdmin || !chat.settings.onlyAdminsCanEditInfo;
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  const [invite, setInvite] = useState<string | null>(null);
  const [confirmLeave, setConfirmLeave] = useState(false);

  const act = (action: () => Promise<unknown>) => void action().catch(report);
  // Settings change through a callable: show the choice at once, until the chat document agrees.
  const [pending, setPending] = useState<Partial<ChatSettings>>({});
  const serverSettings = JSON.stringify(chat.settings);
  useEffect(() => setPending({}), [serverSettings]);
  const settings: ChatSettings = { ...chat.settings, ...pending };
  const changeSetting = (change: Partial<ChatSettings>) => {
    setPending((current) => ({ ...current, ...change }));
    api.functions.updateGroup({ chatId, settings: change }).catch((error: unknown) => {
      setPending({});
      report(error);
    });
  };
  const sorted = [...members].sort((a, b) =>
    Number(b.role === 'admin') - Number(a.role === 'admin') || (people.get(a.uid)?.displayName ?? '').localeCompare(people.get(b.uid)?.displayName ?? ''),
  );

  return (
    <>
      <section className="info-hero">
        <Avatar name={chat.name ?? 'Group'} photoURL={chat.photoURL} size={96} />
        <h3 data-testid="group-name">{chat.name}</h3>
        <p className="muted">Group · {chat.memberIds.length} members</p>
        {chat.description && <p>{chat.description}</p>}
        {canEditInfo && (
          <button type="button" className="link" onClick={() => setEditing(true)}>
            Edit name and description
          </button>
        )}
      </section>

      {amAdmin && (
        <section className="info-section" aria-label="Group settings">
          <h4>Settings</h4>
          <label className="switch">
            <input
              type="checkbox"
              checked={settings.onlyAdminsCanSend}
              onChange={(e) => changeSetting({ onlyAdminsCanSend: e.target.checked })}
            />
            Only admins can send messages
          </label>
          <label className="switch">
            <input
              type="checkbox"
              checked={settings.onlyAdminsCanEditInfo}
              onChange={(e) => changeSetting({ onlyAdminsCanEditInfo: e.target.checked })}
            />
            Only admins can edit group info
          </label>
          <label className="field">
            <span>Disappearing messages</span>
            <select
              value={settings.disappearAfterSeconds}
              onChange={(e) => changeSetting({ disappearAfterSeconds: Number(e.target.value) as DisappearAfterSeconds })}
            >
              {DISAPPEAR_OPTIONS.map((seconds) => (
                <option key={seconds} value={seconds}>
                  {DISAPPEAR_LABELS[seconds]}
                </option>
              ))}
            </select>
          </label>
        </section>
      )}
      {!amAdmin && chat.settings.disappearAfterSeconds > 0 && (
        <p className="notice">Disappearing messages: {DISAPPEAR_LABELS[chat.settings.disappearAfterSeconds]}</p>
      )}

      {amAdmin && (
        <section className="info-section" aria-label="Invite link">
          <h4>Invite link</h4>
          {invite ? (
            <p className="invite-url">
              <a href={invite} data-testid="invite-url">
                {invite}
              </a>{' '}
              <button type="button" className="link" onClick={() => act(() => navigator.clipboard.writeText(invite))}>
                Copy
              </button>
            </p>
          ) : (
            <p className="muted">Anyone with the link can join.</p>
          )}
          <div className="row">
            <button type="button" onClick={() => act(async () => setInvite((await api.functions.createInviteLink({ chatId })).url))}>
              {invite ? 'New link' : 'Create invite link'}
            </button>
            <button type="button" onClick={() => act(async () => { await api.functions.revokeInviteLink({ chatId }); setInvite(null); })}>
              Revoke link
            </button>
          </div>
        </section>
      )}

      <section className="info-section" aria-label="Members">
        <h4>{members.length} members</h4>
        {amAdmin && (
          <button type="button" className="add-member" onClick={() => setAdding(true)}>
            ➕ Add members
          </button>
        )}
        <ul className="member-list">
          {sorted.map((member) => {
            const name = member.uid === uid ? 'You' : (people.get(member.uid)?.displayName ?? '…');
            return (
              <li key={member.uid} className="member" data-uid={member.uid}>
                <Avatar name={name} photoURL={people.get(member.uid)?.photoURL} size={36} />
                <span className="member-name">{name}</span>
                {member.role === 'admin' && <span className="role">Group admin</span>}
                {amAdmin && member.uid !== uid && (
                  <span className="member-actions">
                    <button
                      type="button"
                      className="link"
                      onClick={() => act(() => api.functions.setMemberRole({ chatId, uid: member.uid, role: member.role === 'admin' ? 'member' : 'admin' }))}
                    >
                      {member.role === 'admin' ? 'Dismiss as admin' : 'Make admin'}
                    </button>
                    <button type="button" className="link danger" onClick={() => act(() => api.functions.removeMember({ chatId, uid: member.uid }))} aria-label={`Remove ${name}`}>
                      Remove
                    </button>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      </section>

      <section className="info-section danger-zone">
        <button type="button" className="danger" onClick={() => setConfirmLeave(true)}>
          Exit group
        </button>
      </section>

      {adding && (
        <Dialog title="Add members" onClose={() => setAdding(false)}>
          <UserSearch
            label="Search people by name"
            exclude={chat.memberIds}
            actionLabel={(p) => `Add ${p.displayName}`}
            onPick={(p) => act(async () => { await api.functions.addMembers({ chatId, uids: [p.uid] }); setAdding(false); })}
          />
        </Dialog>
      )}
      {editing && <EditGroup chatId={chatId} chat={chat} onClose={() => setEditing(false)} />}
      {confirmLeave && (
        <Dialog title={`Exit “${chat.name}”?`} onClose={() => setConfirmLeave(false)}>
          <p>You will stop receiving messages from this group.</p>
          <div className="row end">
            <button type="button" onClick={() => setConfirmLeave(false)}>
              Cancel
            </button>
            <button type="button" className="danger" onClick={() => act(async () => { await api.functions.leaveChat({ chatId }); onLeft(); })}>
              Exit group
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}

function EditGroup({ chatId, chat, onClose }: { chatId: string; chat: Chat; onClose: () => void }) {
  const { report } = useSession();
  const [name, setName] = useState(chat.name ?? '');
  const [description, setDescription] = useState(chat.description);
  const [photoURL, setPhotoURL] = useState(chat.photoURL ?? '');
  function save(event: FormEvent) {
    event.preventDefault();
    api.functions
      .updateGroup({ chatId, name: name.trim(), description, photoURL: photoURL.trim() ? photoURL.trim() : null })
      .then(onClose, report);
  }
  return (
    <Dialog title="Edit group" onClose={onClose}>
      <form onSubmit={save}>
        <label className="field">
          <span>Name</span>
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
        </label>
        <label className="field">
          <span>Description</span>
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} maxLength={512} rows={3} />
        </label>
        <label className="field">
          <span>Photo URL</span>
          <input type="url" value={photoURL} onChange={(e) => setPhotoURL(e.target.value)} placeholder="https://…" />
        </label>
        <button type="submit" className="primary">
          Save
        </button>
      </form>
    </Dialog>
  );
}
