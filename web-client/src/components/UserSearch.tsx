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
  const [results, setResults] = useState<{ found: UserProfile[]; settled: boolean } | null>(null);

  useEffect(() => {
    setResults(null);
    if (!term.trim()) return;
    let stop: (() => void) | null = null;
    // Debounced: one listener per pause in typing, replaced when the term changes.
    const timer = setTimeout(() => {
      stop = api.users.watchSearch(term, (found, settled) => setResults({ found, settled }), report);
    }, 200);
    return () => {
      clearTimeout(timer);
      stop?.();
    };
  }, [term, report]);

  const shown = (results?.found ?? []).filter((p) => !exclude.includes(p.uid));
  return (
    <div className="user-search">
      <input type="search" aria-label={label} placeholder={label} value={term} onChange={(e) => setTerm(e.target.value)} autoFocus />
      {term.trim() && shown.length === 0 && (
        <p className="status" role="status">
          {!results?.settled
            ? 'Searching…'
            : results.found.length > 0
              ? `Everyone whose name starts with “${term.trim()}” is already added.`
              : `Nobody found whose name starts with “${term.trim()}”.`}
        </p>
      )}
      <ul className="people-list">
        {shown.map((profile) => (
          <li key={profile.uid}>
            <button
              type="button"
              className="person"
              onClick={() => {
                setTerm('');
                onPick(profile);
              }}
              aria-label={actionLabel(profile)}
            >
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
