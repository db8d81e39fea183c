/**
 * The `/chatMembers/{chatId}/{uid}` mirror of Firestore membership that RTDB rules (typing,
 * viewing) check. Callables go through the `MembershipMirror` interface only. Production, and any
 * process where the Database emulator runs, get the Realtime Database implementation; anywhere
 * else (unit tests, an emulator run without the Database emulator) get a recorder that keeps the
 * calls in memory and logs `membership_mirror_skipped`, so nothing pretends to have written RTDB.
 */
import { rtdbPaths } from '@natter/model';
import { logs } from './logs.ts';
import { realtimeDatabase, rtdbAvailable } from './realtimeDatabase.ts';

export interface MembershipChange {
  add: readonly string[];
  remove: readonly string[];
}

export interface MembershipMirror {
  readonly kind: 'rtdb' | 'recording';
  /** Sets `/chatMembers/{chatId}/{uid}` for `add` and clears it for `remove`, in one multi-path update. */
  apply(chatId: string, change: MembershipChange): Promise<void>;
}

/** The multi-path update for a change: `true` marks a member, `null` deletes the entry. */
export function mirrorUpdate(chatId: string, change: MembershipChange): Record<string, true | null> {
  const update: Record<string, true | null> = {};
  for (const uid of change.remove) update[rtdbPaths.chatMember(chatId, uid)] = null;
  for (const uid of change.add) update[rtdbPaths.chatMember(chatId, uid)] = true;
  return update;
}

export class RecordingMembershipMirror implements MembershipMirror {
  readonly kind = 'recording' as const;
  readonly calls: { chatId: string; add: string[]; remove: string[] }[] = [];

  apply(chatId: string, change: MembershipChange): Promise<void> {
    this.calls.push({ chatId, add: [...change.add], remove: [...change.remove] });
    logs.membershipMirrorSkipped({ chatId, added: change.add.length, removed: change.remove.length });
    return Promise.resolve();
  }

  /** The mirror this recorder would have produced, for assertions: chatId -> sorted member uids. */
  state(): Record<string, string[]> {
    const members: Record<string, Set<string>> = {};
    for (const call of this.calls) {
      const set = (members[call.chatId] ??= new Set());
      for (const uid of call.remove) set.delete(uid);
      for (const uid of call.add) set.add(uid);
    }
    return Object.fromEntries(Object.entries(members).map(([chatId, set]) => [chatId, [...set].sort()]));
  }
}

class RtdbMembershipMirror implements MembershipMirror {
  readonly kind = 'rtdb' as const;

  async apply(chatId: string, change: MembershipChange): Promise<void> {
    if (change.add.length === 0 && change.remove.length === 0) return;
    const database = await realtimeDatabase();
    if (!database) throw new Error('the Realtime Database is not available here');
    try {
      await database.ref().update(mirrorUpdate(chatId, change));
    } catch (error) {
      logs.membershipMirrorFailed({
        chatId,
        added: change.add.length,
        removed: change.remove.length,
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  }
}

let defaultMirror: MembershipMirror | undefined;

/** The mirror for this instance, chosen once. */
export function membershipMirror(): MembershipMirror {
  defaultMirror ??= rtdbAvailable() ? new RtdbMembershipMirror() : new RecordingMembershipMirror();
  return defaultMirror;
}

export function createRtdbMembershipMirror(): MembershipMirror {
  return new RtdbMembershipMirror();
}
