/**
 * Creates `users/{uid}` and `users/{uid}/private/account` for a new Auth user, each only if missing,
 * in one transaction: duplicate deliveries and documents someone else wrote first are left alone.
 */
import { FieldValue } from 'firebase-admin/firestore';
import { paths } from '@natter/model';
import { db } from '../lib/admin.ts';
import { logs } from '../lib/logs.ts';
import { initialAccount, initialProfile, type NewAuthUser } from './profile.ts';

export async function handleUserCreated(user: NewAuthUser): Promise<{ profile: boolean; account: boolean }> {
  const firestore = db();
  const profileRef = firestore.doc(paths.user(user.uid));
  const accountRef = firestore.doc(paths.account(user.uid));
  const created = await firestore.runTransaction(async (tx) => {
    const [profile, account] = await Promise.all([tx.get(profileRef), tx.get(accountRef)]);
    // A tombstone means the account was already deleted (events can arrive out of order).
    if (profile.get('deleted') === true) return { profile: false, account: false };
    if (!profile.exists) tx.create(profileRef, initialProfile(user, FieldValue.serverTimestamp()));
    if (!account.exists) tx.create(accountRef, initialAccount(user, FieldValue.serverTimestamp()));
    return { profile: !profile.exists, account: !account.exists };
  });
  logs.userDocsCreated({ uid: user.uid, ...created });
  return created;
}
