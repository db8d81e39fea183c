/**
 * The narrow seam between Natter and FCM. In production `sendEach` goes to
 * `getMessaging().sendEach`; FCM has no emulator, so locally (Functions emulator, tests) every
 * request is recorded in `pushOutbox/{id}` instead, with the answer FCM would plausibly give.
 */
import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import { COLLECTIONS, type PushOutboxEntry } from '@natter/model';
import { adminApp, db } from '../lib/admin.ts';
import { isEmulated } from '../lib/runtime.ts';
import { FCM_BATCH_LIMIT, type PushMessage } from './planPush.ts';

export interface PushResult {
  ok: boolean;
  /** FCM's error code, e.g. `messaging/registration-token-not-registered`. */
  errorCode?: string;
}

export interface PushSender {
  /** One result per message, in order; at most 500 messages per call. */
  sendEach(messages: PushMessage[]): Promise<PushResult[]>;
  /** Drops what this sender keeps about these tokens (user deletion); returns documents deleted. */
  forget(tokens: readonly string[]): Promise<number>;
}

/** Firestore's limit of values in an `in` query. */
const IN_QUERY_LIMIT = 30;

export function fcmSender(): PushSender {
  return {
    async sendEach(messages) {
      const { getMessaging } = await import('firebase-admin/messaging');
      const response = await getMessaging(adminApp()).sendEach(messages);
      return response.responses.map((r) => (r.success ? { ok: true } : { ok: false, errorCode: r.error?.code ?? 'messaging/unknown-error' }));
    },
    // FCM keeps nothing of Natter's per token.
    forget: () => Promise.resolve(0),
  };
}

/**
 * Token prefixes the recorder answers like FCM does for dead or failing tokens, so the clean-up
 * and retry paths run locally too. Any other token is "sent".
 */
export const SIMULATED_FCM_ERRORS: readonly [prefix: string, code: string][] = [
  ['invalid-', 'messaging/registration-token-not-registered'],
  ['malformed-', 'messaging/invalid-registration-token'],
  ['unavailable-', 'messaging/server-unavailable'],
];

export function simulatedResult(token: string): PushResult {
  const match = SIMULATED_FCM_ERRORS.find(([prefix]) => token.startsWith(prefix));
  return match ? { ok: false, errorCode: match[1] } : { ok: true };
}

export function recordingSender(firestore: Firestore = db()): PushSender {
  return {
    async sendEach(messages) {
      if (messages.length > FCM_BATCH_LIMIT) throw new RangeError(`sendEach takes at most ${FCM_BATCH_LIMIT} messages`);
      const results = messages.map((message) => simulatedResult(message.token));
      const batch = firestore.batch();
      messages.forEach((message, i) => {
        const entry: Omit<PushOutboxEntry, 'recordedAt'> = {
          chatId: message.data.chatId ?? '',
          messageId: message.data.messageId ?? '',
          token: message.token,
          request: { ...message },
          result: results[i]?.ok ? 'sent' : (results[i]?.errorCode ?? 'unknown'),
          batchSize: messages.length,
        };
        batch.create(firestore.collection(COLLECTIONS.pushOutbox).doc(), { ...entry, recordedAt: FieldValue.serverTimestamp() });
      });
      if (messages.length > 0) await batch.commit();
      return results;
    },
    async forget(tokens) {
      let deleted = 0;
      for (let i = 0; i < tokens.length; i += IN_QUERY_LIMIT) {
        const recorded = await firestore.collection(COLLECTIONS.pushOutbox).where('token', 'in', tokens.slice(i, i + IN_QUERY_LIMIT)).select().get();
        const batch = firestore.batch();
        for (const doc of recorded.docs) batch.delete(doc.ref);
        if (!recorded.empty) await batch.commit();
        deleted += recorded.size;
      }
      return deleted;
    },
  };
}

export function defaultPushSender(): PushSender {
  return isEmulated() ? recordingSender() : fcmSender();
}
