/**
 * Every callable, through the Functions emulator as a signed-in staff member (so input
 * validation, not authorisation, answers): reserved ids in every id field and out-of-range dates
 * in every date field (tests/support/hostileCallInputs.ts) are refused as `invalid-argument`
 * naming the field, never `internal`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FunctionsError } from 'firebase/functions';
import { callableSchemas, type CallableName } from '@natter/model';
import { clearAuth, clearFirestore } from '../../tests/support/admin.ts';
import { signedInClient, type ClientSession } from '../../tests/support/clients.ts';
import { mapConcurrent } from '../../tests/support/api.ts';
import { hostileCalls, type CallableBases, type HostileCall } from '../../tests/support/hostileCallInputs.ts';

/** A valid input per callable; each hostile call breaks one field of it. */
const BASES: CallableBases = {
  openDirectChat: { otherUid: 'fuzz-other' },
  createGroup: { name: 'Fuzz', memberIds: ['fuzz-other'] },
  updateGroup: { chatId: 'fuzz-chat', name: 'Fuzz' },
  addMembers: { chatId: 'fuzz-chat', uids: ['fuzz-other'] },
  removeMember: { chatId: 'fuzz-chat', uid: 'fuzz-other' },
  leaveChat: { chatId: 'fuzz-chat' },
  setMemberRole: { chatId: 'fuzz-chat', uid: 'fuzz-other', role: 'admin' },
  createInviteLink: { chatId: 'fuzz-chat' },
  revokeInviteLink: { chatId: 'fuzz-chat' },
  joinByInvite: { code: 'abcdefgh12' },
  scheduleMessage: { chatId: 'fuzz-chat', text: 'hi', sendAt: '2030-01-01T00:00:00Z' },
  cancelScheduledMessage: { id: 'fuzz-scheduled' },
  requestEmailCode: { email: 'fuzz@natter.test' },
  verifyEmailCode: { email: 'fuzz@natter.test', code: '123456' },
  sendSignInLink: { email: 'fuzz@natter.test', continueUrl: 'http://localhost:5173/' },
  sendPasswordReset: { email: 'fuzz@natter.test' },
  sendVerificationEmail: {},
  setUserRole: { uid: 'fuzz-other', role: 'moderator' },
  banUser: { uid: 'fuzz-other', reason: 'fuzzing', until: '2030-01-01T00:00:00Z' },
  unbanUser: { uid: 'fuzz-other' },
};

let caller: ClientSession;

beforeAll(async () => {
  await Promise.all([clearFirestore(), clearAuth()]);
  caller = await signedInClient('fuzz-staff', { role: 'admin' });
});

afterAll(async () => {
  await caller.close();
});

async function codeOf(call: HostileCall): Promise<{ code: string; message: string }> {
  try {
    await caller.call(call.name, call.input);
    return { code: 'ok', message: '' };
  } catch (error) {
    if (error instanceof FunctionsError) return { code: error.code, message: error.message };
    throw error;
  }
}

describe('reserved ids and out-of-range dates in every callable field (Functions emulator)', () => {
  const calls = hostileCalls(BASES);

  it('covers every callable that takes an id or a date', () => {
    const named = new Set(calls.map((c) => c.name));
    const takesStrings = (Object.keys(callableSchemas) as CallableName[]).filter((name) => name !== 'sendVerificationEmail');
    expect([...named].sort()).toEqual(takesStrings.sort());
    expect(calls.some((c) => c.name === 'banUser' && c.field === 'until')).toBe(true);
    expect(calls.some((c) => c.name === 'addMembers' && c.field === 'uids.1')).toBe(true);
  });

  it('answers each with invalid-argument naming the field', { timeout: 600_000 }, async () => {
    const outcomes = await mapConcurrent(calls, 2, async (call) => ({ call, ...(await codeOf(call)) }));
    const counts: Record<string, number> = {};
    for (const o of outcomes) counts[o.code] = (counts[o.code] ?? 0) + 1;
    console.log(`callable fuzz: ${outcomes.length} hostile calls over ${new Set(calls.map((c) => c.name)).size} callables, codes ${JSON.stringify(counts)}`);
    for (const o of outcomes) {
      const label = `${o.call.name} ${JSON.stringify(o.call.input)} -> ${o.code} ${o.message}`;
      expect(o.code, label).toBe('functions/invalid-argument');
      expect(o.message, label).toContain(`Field '${o.call.field}'`);
    }
  });
});
