/** Finds people by the start of their display name (server-side prefix search, debounced). */
import { useEffect, useState } from 'react';
import type { UserProfile } from '@natter/model';
import { api } from '../lib/api.ts';
import { useSession } from '../state/session.tsx';
import { Avatar } from './common.tsx';

export function UserSearch({
  label,
  exclude = [],
  onPick,
  actionLabel,
}: {
  label: string;
  exclude?: readonly string[];
  onPick: (profile: UserProfile) => void;
  actionLabel: (profile: UserProfile) => string;
}) {
  const { report } = useSession();
  const [term, setTerm] = useState('');
  const [results, setResults] = useState<UserProfile[] | null>(null);

  useEffect(() => {
    if (!term.trim()) {
      setResults(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api.users.searchByName(term).then((found) => current && setResults(found), report);
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [term, report]);

  const shown = (results ?? []).filter((p) => !exclude.includes(p.uid));
  return (
    <div className="user-search">
      <input type="search" aria-label={label} placeholder={label} value={term} onChange={(e) => setTerm(e.target.value)} autoFocus />
      {results !== null && shown.length === 0 && <p className="status">Nobody found whose name starts with “{term.trim()}”.</p>}
      <ul className="people-list">
        {shown.map((profile) => (
          <li key={profile.uid}>
            <button type="button" className="person" onClick={() => onPick(profile)} aria-label={actionLabel(profile)}>
              <Avatar name={profile.displayName} photoURL={profile.photoURL} size={40} />
              <span>
                <span className="person-name">{profile.displayName}</span>
                <span className="person-about">{profile.about}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
