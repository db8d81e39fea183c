/**
 * Callable functions: one typed wrapper per callable in the contract. Input is validated with the
 * shared model's strict schemas before it leaves the browser, so a bad field is reported in words
 * without a round trip; the server validates again.
 */
import { httpsCallable } from 'firebase/functions';
import { callableSchemas, describeIssues, type CallableInput, type CallableName } from '@natter/model';
import type { Services } from './services.ts';

/** Raised before any network call when input does not match the model. */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
}

export interface CallableResults {
  openDirectChat: { chatId: string };
  createGroup: { chatId: string };
  updateGroup: Record<string, never>;
  addMembers: Record<string, never>;
  removeMember: Record<string, never>;
  leaveChat: Record<string, never>;
  setMemberRole: Record<string, never>;
  createInviteLink: { code: string; url: string };
  revokeInviteLink: Record<string, never>;
  joinByInvite: { chatId: string };
  scheduleMessage: { id: string };
  cancelScheduledMessage: Record<string, never>;
  requestEmailCode: { ok: boolean };
  verifyEmailCode: { token: string };
  sendSignInLink: { ok: boolean };
  sendPasswordReset: { ok: boolean };
  sendVerificationEmail: { ok: boolean };
  setUserRole: Record<string, never>;
  banUser: Record<string, never>;
  unbanUser: Record<string, never>;
}

/** Validates `input` with the callable's schema, then calls it. */
export async function call<N extends CallableName & keyof CallableResults>(
  services: Pick<Services, 'functions'>,
  name: N,
  input: CallableInput<N>,
): Promise<CallableResults[N]> {
  const parsed = callableSchemas[name].safeParse(input);
  if (!parsed.success) throw new InvalidInputError(describeIssues(parsed.error));
  const result = await httpsCallable<unknown, CallableResults[N]>(services.functions, name)(parsed.data);
  return result.data;
}

/** The callables the app uses, bound to one set of services. */
export function functionsApi(services: Pick<Services, 'functions'>) {
  const bound = <N extends CallableName & keyof CallableResults>(name: N) => (input: CallableInput<N>) => call(services, name, input);
  return {
    openDirectChat: bound('openDirectChat'),
    createGroup: bound('createGroup'),
    updateGroup: bound('updateGroup'),
    addMembers: bound('addMembers'),
    removeMember: bound('removeMember'),
    leaveChat: bound('leaveChat'),
    setMemberRole: bound('setMemberRole'),
    createInviteLink: bound('createInviteLink'),
    revokeInviteLink: bound('revokeInviteLink'),
    joinByInvite: bound('joinByInvite'),
    scheduleMessage: bound('scheduleMessage'),
    cancelScheduledMessage: bound('cancelScheduledMessage'),
    requestEmailCode: bound('requestEmailCode'),
    verifyEmailCode: bound('verifyEmailCode'),
    sendSignInLink: bound('sendSignInLink'),
    sendPasswordReset: bound('sendPasswordReset'),
    sendVerificationEmail: bound('sendVerificationEmail'),
  };
}
export type FunctionsApi = ReturnType<typeof functionsApi>;
