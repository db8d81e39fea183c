/** Top level: shows the sign-in screen or the signed-in user's chat list. */
import { useEffect, useState } from 'react';
import type { User } from 'firebase/auth';
import { watchUser } from './lib/firebase/auth.ts';
import { SignIn } from './components/SignIn.tsx';
import { ChatList } from './components/ChatList.tsx';

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  useEffect(() => watchUser(setUser), []);

  if (user === undefined) return <p className="status">Loading…</p>;
  return (
    <main className="app">
      <header className="app-header">
        <h1>Natter</h1>
      </header>
      {user ? <ChatList user={user} /> : <SignIn />}
    </main>
  );
}
