/**
 * People in Firestore: public profiles (watch, search by name prefix, edit own), the owner-only
 * account settings (read receipts, last seen), the block list, and reports. Writes are validated
 * with the shared model before they leave the browser.
 */
import {
  addDoc,
  collection,
  deleteDoc,
  doc,
  endAt,
  limit,
  onSnapshot,
  orderBy,
  query,
  serverTimestamp,
  setDoc,
  startAt,
  updateDoc,
  getDocs,
  type QueryDocumentSnapshot,
} from 'firebase/firestore';
import {
  COLLECTIONS,
  accountSchema,
  accountSettingsSchema,
  describeIssues,
  newReportSchema,
  paths,
  profileUpdateSchema,
  userProfileSchema,
  type Account,
  type AccountSettings,
  type ProfileUpdate,
  type ReportTarget,
  type UserProfile,
} from '@natter/model';
import { ModelMismatchError } from './chats.ts';
import { InvalidInputError } from './functions.ts';
import { requireUid, type Services } from './services.ts';

export const USER_SEARCH_LIMIT = 20;
type Unsubscribe = () => void;

/** Validates a profile change and adds the search key (`displayNameLower`) when the name changes. */
export function profileChange(input: ProfileUpdate): Record<string, unknown> {
  const parsed = profileUpdateSchema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError(describeIssues(parsed.error));
  const change: Record<string, unknown> = { ...parsed.data };
  if (parsed.data.displayName !== undefined) change.displayNameLower = parsed.data.displayName.toLowerCase();
  return change;
}

export function usersApi(services: Pick<Services, 'auth' | 'db'>) {
  const { db } = services;
  const searchQuery = (key: string) =>
    query(collection(db, COLLECTIONS.users), orderBy('displayNameLower'), startAt(key), endAt(`${key}\uf8ff`), limit(USER_SEARCH_LIMIT));
  const profilesIn = (docs: QueryDocumentSnapshot[], me: string) => {
    const found: UserProfile[] = [];
    for (const snap of docs) {
      const parsed = userProfileSchema.safeParse(snap.data({ serverTimestamps: 'estimate' }));
      if (parsed.success && parsed.data.uid !== me && !parsed.data.deleted) found.push(parsed.data);
    }
    return found;
  };
  return {
    watchProfile(uid: string, onChange: (profile: UserProfile | null) => void, onError: (error: Error) => void): Unsubscribe {
      return onSnapshot(
        doc(db, paths.user(uid)),
        (snap) => {
          if (!snap.exists()) return onChange(null);
          const parsed = userProfileSchema.safeParse(snap.data({ serverTimestamps: 'estimate' }));
          if (parsed.success) onChange(parsed.data);
          else onError(new ModelMismatchError(`Profile ${uid} could not be read: ${describeIssues(parsed.error)}`));
        },
        onError,
      );
    },

    /** People whose display name starts with `prefix` (case-insensitive), the caller excluded. */
    async searchByName(prefix: string): Promise<UserProfile[]> {
      const me = requireUid(services);
      const key = prefix.trim().toLowerCase();
      if (key.length === 0) return [];
      return profilesIn((await getDocs(searchQuery(key))).docs, me);
    },

    /**
     * The same search, live: a slow or briefly offline connection first answers from the local
     * cache (`settled` false) and then with the server's result, instead of a one-shot empty answer.
     */
    watchSearch(prefix: string, onChange: (found: UserProfile[], settled: boolean) => void, onError: (error: Error) => void): Unsubscribe {
      const me = requireUid(services);
      const key = prefix.trim().toLowerCase();
      if (key.length === 0) {
        onChange([], true);
        return () => undefined;
      }
      return onSnapshot(
        searchQuery(key),
        { includeMetadataChanges: true },
        (snapshot) => onChange(profilesIn(snapshot.docs, me), !snapshot.metadata.fromCache),
        onError,
      );
    },

    /**
     * Names a brand-new account: Natter's user-creation trigger makes the profile moments after
     * sign-up (from the email's local part), so this waits for it, then sets the chosen name.
     */
    async setInitialName(displayName: string, timeoutMs = 30_000): Promise<void> {
      const uid = requireUid(services);
      const change = profileChange({ displayName });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          stop();
          reject(new Error('Your profile is not ready yet. Set your name in Settings in a moment.'));
        }, timeoutMs);
        const stop = onSnapshot(
          doc(db, paths.user(uid)),
          (snap) => {
            if (!snap.exists()) return;
            clearTimeout(timer);
            stop();
            updateDoc(snap.ref, change).then(resolve, reject);
          },
          (error) => {
            clearTimeout(timer);
            reject(error);
          },
        );
      });
    },

    async updateProfile(update: ProfileUpdate): Promise<void> {
      const uid = requireUid(services);
      await updateDoc(doc(db, paths.user(uid)), profileChange(update));
    },

    watchAccount(uid: string, onChange: (account: Account | null) => void, onError: (error: Error) => void): Unsubscribe {
      return onSnapshot(
        doc(db, paths.account(uid)),
        (snap) => {
          if (!snap.exists()) return onChange(null);
          const parsed = accountSchema.safeParse(snap.data({ serverTimestamps: 'estimate' }));
          if (parsed.success) onChange(parsed.data);
          else onError(new ModelMismatchError(`Your account settings could not be read: ${describeIssues(parsed.error)}`));
        },
        onError,
      );
    },

    /** Replaces the privacy settings (read receipts, who sees last seen). */
    async updateSettings(settings: AccountSettings): Promise<void> {
      const uid = requireUid(services);
      const parsed = accountSettingsSchema.safeParse(settings);
      if (!parsed.success) throw new InvalidInputError(describeIssues(parsed.error));
      await updateDoc(doc(db, paths.account(uid)), { settings: parsed.data });
    },

    /** The uids the caller has blocked. */
    watchBlocked(uid: string, onChange: (blocked: Set<string>) => void, onError: (error: Error) => void): Unsubscribe {
      return onSnapshot(
        collection(db, paths.blocked(uid)),
        (snapshot) => onChange(new Set(snapshot.docs.map((snap) => snap.id))),
        onError,
      );
    },

    /** Blocks someone: in a direct chat they can no longer message or react to the caller. */
    async block(otherUid: string): Promise<void> {
      const uid = requireUid(services);
      if (otherUid === uid) throw new InvalidInputError('You cannot block yourself.');
      await setDoc(doc(db, paths.block(uid, otherUid)), { createdAt: serverTimestamp() });
    },

    async unblock(otherUid: string): Promise<void> {
      const uid = requireUid(services);
      await deleteDoc(doc(db, paths.block(uid, otherUid)));
    },

    /** Files a report for staff; returns its id. */
    async report(target: ReportTarget, reason: string): Promise<string> {
      const reporterId = requireUid(services);
      const parsed = newReportSchema.safeParse({ reporterId, target, reason });
      if (!parsed.success) throw new InvalidInputError(describeIssues(parsed.error));
      const ref = await addDoc(collection(db, COLLECTIONS.reports), { ...parsed.data, status: 'open', createdAt: serverTimestamp() });
      return ref.id;
    },
  };
}
export type UsersApi = ReturnType<typeof usersApi>;
