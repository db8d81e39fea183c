/**
 * The Realtime Database rules table (actor x path x operation) and named attacks, shared by the
 * targaryen unit tests and the RTDB emulator suite so both check the same expectations.
 * `SERVER_TIME` stands for the server timestamp (`{'.sv': 'timestamp'}` / `serverTimestamp()`).
 */
import { rtdbPaths } from '@natter/model';

export const RTDB_ACTORS = ['unauthenticated', 'stranger', 'member', 'groupAdmin', 'formerMember', 'staff'] as const;
export type RtdbActor = (typeof RTDB_ACTORS)[number];
export const RTDB_UID: Record<Exclude<RtdbActor, 'unauthenticated'>, string> = {
  stranger: 'sam',
  member: 'mia',
  groupAdmin: 'ada',
  formerMember: 'fred',
  staff: 'stella',
};
export const RTDB_CLAIMS: Partial<Record<RtdbActor, Record<string, string>>> = { staff: { role: 'admin' } };

export const CHAT = 'group-1';
export const SERVER_TIME: unique symbol = Symbol('server timestamp');
export type RtdbValue = string | number | boolean | null | typeof SERVER_TIME | { [key: string]: RtdbValue };

/** The data every case starts from (fred left the chat: the mirror no longer lists him). */
export function rtdbWorld(now: number) {
  return {
    chatMembers: { [CHAT]: { ada: true, mia: true } },
    typing: { [CHAT]: { ada: now - 1_000 } },
    status: { mia: { state: 'online', lastChanged: now - 60_000 }, ada: { state: 'offline', lastChanged: now - 120_000 } },
    viewing: { mia: { chatId: CHAT, since: now - 30_000 } },
  };
}

export type RtdbOp = { kind: 'read'; path: string } | { kind: 'write'; path: string; value: RtdbValue };
export type Expect = 'allow' | 'deny';

export interface RtdbRow {
  /** `{self}`: the actor's uid (mia's for the unauthenticated caller). */
  op: RtdbOp;
  what: string;
  expect: Record<RtdbActor, Expect>;
}

const A = 'allow' as const;
const D = 'deny' as const;
function row(op: RtdbOp, what: string, ...cells: Expect[]): RtdbRow {
  if (cells.length !== RTDB_ACTORS.length) throw new Error(`rtdb row ${what}: wrong number of cells`);
  return { op, what, expect: Object.fromEntries(RTDB_ACTORS.map((a, i) => [a, cells[i]!])) as Record<RtdbActor, Expect> };
}
const read = (path: string): RtdbOp => ({ kind: 'read', path });
const write = (path: string, value: RtdbValue): RtdbOp => ({ kind: 'write', path, value });
const online: RtdbValue = { state: 'online', lastChanged: SERVER_TIME };
const viewingChat: RtdbValue = { chatId: CHAT, since: SERVER_TIME };

// prettier-ignore
export const RTDB_MATRIX: RtdbRow[] = [
  //                                                                                     unauth stranger member admin former staff
  row(read(rtdbPaths.status('mia')),                       "read mia's presence",          D,    A,       A,    A,    A,     A),
  row(read('status'),                                      'list everyone\'s presence',    D,    D,       D,    D,    D,     D),
  row(write(rtdbPaths.status('{self}'), online),           'go online',                    D,    A,       A,    A,    A,     A),
  row(write(rtdbPaths.status('mia'), online),              'set mia online',               D,    D,       A,    D,    D,     D),
  row(write(rtdbPaths.status('{self}'), null),             'remove own presence',          D,    A,       A,    A,    A,     A),
  row(read(rtdbPaths.viewing('{self}')),                   'read which chat I have open',  D,    A,       A,    A,    A,     A),
  row(read(rtdbPaths.viewing('mia')),                      'read which chat mia has open', D,    D,       A,    D,    D,     D),
  row(read('viewing'),                                     'list who has which chat open', D,    D,       D,    D,    D,     D),
  row(write(rtdbPaths.viewing('{self}'), viewingChat),     'say I have the chat open',     D,    D,       A,    A,    D,     D),
  row(write(rtdbPaths.viewing('mia'), viewingChat),        'say mia has the chat open',    D,    D,       A,    D,    D,     D),
  row(write(rtdbPaths.viewing('{self}'), null),            'close the chat',               D,    A,       A,    A,    A,     A),
  row(read(rtdbPaths.typingInChat(CHAT)),                  "read the chat's typing",       D,    D,       A,    A,    D,     D),
  row(read('typing'),                                      'list typing in every chat',    D,    D,       D,    D,    D,     D),
  row(write(rtdbPaths.typing(CHAT, '{self}'), SERVER_TIME), 'start typing',                D,    D,       A,    A,    D,     D),
  row(write(rtdbPaths.typing(CHAT, 'mia'), SERVER_TIME),   'type as mia',                  D,    D,       A,    D,    D,     D),
  row(write(rtdbPaths.typing(CHAT, '{self}'), null),       'stop typing',                  D,    D,       A,    A,    D,     D),
  row(read(rtdbPaths.chatMembers(CHAT)),                   'read the membership mirror',   D,    D,       D,    D,    D,     D),
  row(write(rtdbPaths.chatMember(CHAT, '{self}'), true),   'add oneself to the mirror',    D,    D,       D,    D,    D,     D),
  row(write(rtdbPaths.chatMember(CHAT, 'mia'), null),      'remove mia from the mirror',   D,    D,       D,    D,    D,     D),
];

export interface RtdbAttack {
  name: string;
  uid: string;
  deny: RtdbOp;
  /** The same request with the one offending detail put right. */
  control: RtdbOp;
  /** Who performs the control, when not the attacker. */
  controlUid?: string;
}

export const RTDB_ATTACKS: RtdbAttack[] = [
  { name: "writing another user's typing entry", uid: 'ada', deny: write(rtdbPaths.typing(CHAT, 'mia'), SERVER_TIME), control: write(rtdbPaths.typing(CHAT, 'ada'), SERVER_TIME) },
  { name: 'clearing another user\'s typing entry', uid: 'ada', deny: write(rtdbPaths.typing(CHAT, 'mia'), null), control: write(rtdbPaths.typing(CHAT, 'ada'), null) },
  { name: 'writing /chatMembers to join a chat', uid: 'sam', deny: write(rtdbPaths.chatMember(CHAT, 'sam'), true), control: write(rtdbPaths.typing(CHAT, 'mia'), SERVER_TIME), controlUid: 'mia' },
  { name: 'overwriting the whole /chatMembers mirror of a chat', uid: 'mia', deny: write(rtdbPaths.chatMembers(CHAT), { mia: true, sam: true }), control: write(rtdbPaths.typing(CHAT, 'mia'), SERVER_TIME) },
  { name: 'a typing entry with a client clock', uid: 'mia', deny: write(rtdbPaths.typing(CHAT, 'mia'), 1_000), control: write(rtdbPaths.typing(CHAT, 'mia'), SERVER_TIME) },
  { name: 'a typing entry carrying text', uid: 'mia', deny: write(rtdbPaths.typing(CHAT, 'mia'), 'secret draft'), control: write(rtdbPaths.typing(CHAT, 'mia'), SERVER_TIME) },
  { name: "a former member's typing entry", uid: 'fred', deny: write(rtdbPaths.typing(CHAT, 'fred'), SERVER_TIME), control: write(rtdbPaths.typing(CHAT, 'mia'), SERVER_TIME), controlUid: 'mia' },
  { name: 'a stranger reading who is typing', uid: 'sam', deny: read(rtdbPaths.typingInChat(CHAT)), control: read(rtdbPaths.typingInChat(CHAT)), controlUid: 'mia' },
  { name: "writing another user's presence", uid: 'ada', deny: write(rtdbPaths.status('mia'), { state: 'offline', lastChanged: SERVER_TIME }), control: write(rtdbPaths.status('ada'), { state: 'offline', lastChanged: SERVER_TIME }) },
  { name: 'a presence with a client-chosen lastChanged', uid: 'mia', deny: write(rtdbPaths.status('mia'), { state: 'online', lastChanged: 1_000 }), control: write(rtdbPaths.status('mia'), online) },
  { name: 'a presence with an extra field', uid: 'mia', deny: write(rtdbPaths.status('mia'), { state: 'online', lastChanged: SERVER_TIME, chatId: CHAT }), control: write(rtdbPaths.status('mia'), online) },
  { name: 'a presence with an unknown state', uid: 'mia', deny: write(rtdbPaths.status('mia'), { state: 'invisible', lastChanged: SERVER_TIME }), control: write(rtdbPaths.status('mia'), { state: 'offline', lastChanged: SERVER_TIME }) },
  { name: 'a presence without lastChanged', uid: 'mia', deny: write(rtdbPaths.status('mia'), { state: 'online' }), control: write(rtdbPaths.status('mia'), online) },
  { name: 'changing only the lastChanged child to a client clock', uid: 'mia', deny: write(`${rtdbPaths.status('mia')}/lastChanged`, 5), control: write(`${rtdbPaths.status('mia')}/lastChanged`, SERVER_TIME) },
  { name: "listing everyone's presence", uid: 'mia', deny: read('status'), control: read(rtdbPaths.status('ada')) },
  { name: 'a viewing entry with a client clock', uid: 'mia', deny: write(rtdbPaths.viewing('mia'), { chatId: CHAT, since: 1_000 }), control: write(rtdbPaths.viewing('mia'), viewingChat) },
  { name: 'a viewing entry with an extra field', uid: 'mia', deny: write(rtdbPaths.viewing('mia'), { chatId: CHAT, since: SERVER_TIME, draft: 'x' }), control: write(rtdbPaths.viewing('mia'), viewingChat) },
  { name: 'a viewing entry naming a chat one has left', uid: 'fred', deny: write(rtdbPaths.viewing('fred'), viewingChat), control: write(rtdbPaths.viewing('ada'), viewingChat), controlUid: 'ada' },
  { name: 'a viewing entry without a chat id', uid: 'mia', deny: write(rtdbPaths.viewing('mia'), { since: SERVER_TIME }), control: write(rtdbPaths.viewing('mia'), viewingChat) },
  { name: "reading which chat another user has open", uid: 'ada', deny: read(rtdbPaths.viewing('mia')), control: read(rtdbPaths.viewing('ada')) },
  { name: 'writing at the database root', uid: 'mia', deny: write('notes/mia', 'x'), control: write(rtdbPaths.status('mia'), online) },
];

export function resolveRtdbPath(path: string, self: string): string {
  return path.replaceAll('{self}', self);
}
