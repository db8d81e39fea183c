/**
 * INTERIM: removes what Natter holds about a user, standing in for the auth issue's complete
 * deletion service until the branches merge (see `../deps.ts`). Order matters: the account is
 * disabled first so nothing new is written while the data goes, and deleted last so a retry can
 * still find it. Sent messages keep their tombstone (the chat's sequence stays intact) but lose
 * their content; memberships are removed from every chat.
 */
import { FieldPath, FieldValue, type Firestore } from 'firebase-admin/firestore';
import type { Auth } from 'firebase-admin/auth';
import { COLLECTIONS, paths } from '@natter/model';
import { firebaseErrorCode } from '../errors.ts';
import { deleteMatching, forEachPage, pagesOf } from '../services/batches.ts';

export async function deleteUserData({ db, auth }: { db: Firestore; auth: Auth }, uid: string): Promise<void> {
  const hasAccount = await auth.updateUser(uid, { disabled: true }).then(
    () => true,
    (error: unknown) => {
      if (firebaseErrorCode(error) === 'auth/user-not-found') return false;
      throw error;
    },
  );
  if (hasAccount) await auth.revokeRefreshTokens(uid);

  const userRef = db.doc(paths.user(uid));
  for (const sub of [COLLECTIONS.private, COLLECTIONS.devices, COLLECTIONS.blocked, COLLECTIONS.readStates]) {
    await deleteMatching(db, userRef.collection(sub));
  }

  await forEachPage(db, db.collection(COLLECTIONS.chats).where('memberIds', 'array-contains', uid), (batch, chat) => {
    batch.update(chat.ref, { memberIds: FieldValue.arrayRemove(uid), adminIds: FieldValue.arrayRemove(uid) });
    batch.delete(db.doc(paths.member(chat.id, uid)));
  });

  // Content goes; the tombstone (sender id, time, sequence) stays so chats keep their history shape.
  const sent = db.collectionGroup(COLLECTIONS.messages).where('senderId', '==', uid).orderBy(FieldPath.documentId());
  for await (const page of pagesOf(sent)) {
    const batch = db.batch();
    for (const message of page) batch.update(message.ref, { text: '', media: null, mentions: [], deletedForEveryone: true });
    await batch.commit();
  }

  await deleteMatching(db, db.collection(COLLECTIONS.scheduledMessages).where('senderId', '==', uid));
  await db.doc(paths.ban(uid)).delete();
  await userRef.delete();
  if (hasAccount) {
    await auth.deleteUser(uid).catch((error: unknown) => {
      if (firebaseErrorCode(error) !== 'auth/user-not-found') throw error;
    });
  }
}
