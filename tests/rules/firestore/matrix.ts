/**
 * The expected-result table for Firestore rules: actor x path x operation. Every cell becomes one
 * generated test (tests/rules/firestore.emulator.test.ts). A deny cell expects `permission-denied`;
 * its positive control is an allowed cell in the same row (the same request by another actor), or
 * for rows nobody may write (server-only) the same request with rules disabled.
 *
 * Paths: `{self}` is the acting user's uid (for the unauthenticated caller: mia's, the member's);
 * `{new}` is a fresh document id. The world they act on is tests/rules/firestore/world.ts:
 * GROUP = group-1 (ada admin, mia, blake, bart banned; fred left), ANNOUNCE = admins-only group of
 * ada and mia, DIRECT = blake_mia (mia blocked blake).
 */
import { ACTORS, type Actor } from './world.ts';

export type Op = 'get' | 'list' | 'create' | 'update' | 'delete';
export type Expectation = 'allow' | 'deny';

/** Named payloads (create/update) and queries (list); operations.ts builds each. */
export type RequestName =
  // users
  | 'profile' | 'rename' | 'account' | 'settings' | 'device' | 'deviceRefresh' | 'block' | 'blockEdit'
  | 'readState' | 'readStateAdvance'
  | 'usersByName' | 'ownPrivate' | 'miaPrivate' | 'ownDevices' | 'miaDevices' | 'ownBlocked' | 'miaBlocked' | 'ownReadStates'
  // chats
  | 'chat' | 'chatRename' | 'memberDoc' | 'markers' | 'textMessage' | 'mentionMessage' | 'pollMessage' | 'edit' | 'deleteForEveryone' | 'react'
  | 'vote' | 'pollVotes' | 'myChats' | 'groupMembers' | 'groupMessages' | 'directMessages'
  // moderation and scheduling
  | 'reportUser' | 'reportMessage' | 'reportReservedId' | 'reportStatus' | 'scheduled' | 'scheduledCancel' | 'openReports' | 'mySchedule'
  // server-only collections
  | 'serverDoc' | 'serverEdit' | 'serverPage';

export interface MatrixRow {
  path: string;
  op: Op;
  request: RequestName | null;
  what: string;
  expect: Record<Actor, Expectation>;
  /** Remove the target before a create (the world holds it for the matching get/update rows). */
  fresh: boolean;
}

const A = 'allow' as const;
const D = 'deny' as const;

function row(path: string, op: Op, request: RequestName | null, what: string, ...cells: Expectation[]): MatrixRow {
  if (cells.length !== ACTORS.length) throw new Error(`matrix row ${op} ${path}: ${cells.length} cells, expected ${ACTORS.length}`);
  const expect = Object.fromEntries(ACTORS.map((actor, i) => [actor, cells[i]!])) as Record<Actor, Expectation>;
  return { path, op, request, what, expect, fresh: false };
}
function fresh(r: MatrixRow): MatrixRow {
  return { ...r, fresh: true };
}

/** Server-only collections: nobody, whatever their claims, may touch them from a client. */
function serverOnly(collection: string, id: string): MatrixRow[] {
  return [
    row(`${collection}/${id}`, 'get', null, `read ${collection}`, D, D, D, D, D, D, D, D),
    row(collection, 'list', 'serverPage', `list ${collection}`, D, D, D, D, D, D, D, D),
    row(`${collection}/{new}`, 'create', 'serverDoc', `create in ${collection}`, D, D, D, D, D, D, D, D),
    row(`${collection}/${id}`, 'update', 'serverEdit', `change ${collection}`, D, D, D, D, D, D, D, D),
    row(`${collection}/${id}`, 'delete', null, `delete from ${collection}`, D, D, D, D, D, D, D, D),
  ];
}

// prettier-ignore
export const MATRIX: MatrixRow[] = [
  //   path                                         op        request            what                                        unauth stranger member admin former blocked banned staff
  // ---- users/{uid}: signed-in users read; the owner edits four fields; functions create/delete
  row('users/mia',                                  'get',    null,              'read a profile',                             D,     A,     A,    A,    A,     A,     A,    A),
  row('users',                                      'list',   'usersByName',     'search profiles by name prefix',             D,     A,     A,    A,    A,     A,     A,    A),
  fresh(row('users/{self}',                         'create', 'profile',         'create own profile (server-only)',           D,     D,     D,    D,    D,     D,     D,    D)),
  row('users/{self}',                               'update', 'rename',          'rename oneself',                             D,     A,     A,    A,    A,     A,     D,    A),
  row('users/mia',                                  'update', 'rename',          "rename mia",                                 D,     D,     A,    D,    D,     D,     D,    D),
  row('users/{self}',                               'delete', null,              'delete own profile (server-only)',           D,     D,     D,    D,    D,     D,     D,    D),
  // ---- users/{uid}/private/account: owner reads; owner changes settings only
  row('users/{self}/private/account',               'get',    null,              'read own account',                           D,     A,     A,    A,    A,     A,     A,    A),
  row('users/mia/private/account',                  'get',    null,              "read mia's account",                         D,     D,     A,    D,    D,     D,     D,    D),
  row('users/{self}/private',                       'list',   'ownPrivate',      'list own private docs',                      D,     A,     A,    A,    A,     A,     A,    A),
  row('users/mia/private',                          'list',   'miaPrivate',      "list mia's private docs",                    D,     D,     A,    D,    D,     D,     D,    D),
  fresh(row('users/{self}/private/account',         'create', 'account',         'create own account (server-only)',           D,     D,     D,    D,    D,     D,     D,    D)),
  row('users/{self}/private/account',               'update', 'settings',        'change own settings',                        D,     A,     A,    A,    A,     A,     D,    A),
  row('users/mia/private/account',                  'update', 'settings',        "change mia's settings",                      D,     D,     A,    D,    D,     D,     D,    D),
  row('users/{self}/private/account',               'delete', null,              'delete own account doc',                     D,     D,     D,    D,    D,     D,     D,    D),
  // ---- users/{uid}/devices: owner-only
  row('users/{self}/devices/phone',                 'get',    null,              'read own device',                            D,     A,     A,    A,    A,     A,     A,    A),
  row('users/mia/devices/phone',                    'get',    null,              "read mia's device token",                    D,     D,     A,    D,    D,     D,     D,    D),
  row('users/{self}/devices',                       'list',   'ownDevices',      'list own devices',                           D,     A,     A,    A,    A,     A,     A,    A),
  row('users/mia/devices',                          'list',   'miaDevices',      "list mia's devices",                         D,     D,     A,    D,    D,     D,     D,    D),
  row('users/{self}/devices/{new}',                 'create', 'device',          'register a device',                          D,     A,     A,    A,    A,     A,     D,    A),
  row('users/mia/devices/{new}',                    'create', 'device',          'register a device for mia',                  D,     D,     A,    D,    D,     D,     D,    D),
  row('users/{self}/devices/phone',                 'update', 'deviceRefresh',   'refresh own device token',                   D,     A,     A,    A,    A,     A,     D,    A),
  row('users/mia/devices/phone',                    'update', 'deviceRefresh',   "overwrite mia's device token",               D,     D,     A,    D,    D,     D,     D,    D),
  row('users/{self}/devices/phone',                 'delete', null,              'remove own device',                          D,     A,     A,    A,    A,     A,     D,    A),
  row('users/mia/devices/phone',                    'delete', null,              "remove mia's device",                        D,     D,     A,    D,    D,     D,     D,    D),
  // ---- users/{uid}/blocked: owner-only; mia blocked blake
  row('users/{self}/blocked/troll',                 'get',    null,              'read own block',                             D,     A,     A,    A,    A,     A,     A,    A),
  row('users/mia/blocked/blake',                    'get',    null,              "read mia's block of blake",                  D,     D,     A,    D,    D,     D,     D,    D),
  row('users/{self}/blocked',                       'list',   'ownBlocked',      'list own blocks',                            D,     A,     A,    A,    A,     A,     A,    A),
  row('users/mia/blocked',                          'list',   'miaBlocked',      "list mia's blocks",                          D,     D,     A,    D,    D,     D,     D,    D),
  row('users/{self}/blocked/{new}',                 'create', 'block',           'block someone',                              D,     A,     A,    A,    A,     A,     D,    A),
  row('users/mia/blocked/{new}',                    'create', 'block',           'block someone on mia\'s list',               D,     D,     A,    D,    D,     D,     D,    D),
  row('users/{self}/blocked/troll',                 'update', 'blockEdit',       'edit a block (never allowed)',               D,     D,     D,    D,    D,     D,     D,    D),
  row('users/{self}/blocked/troll',                 'delete', null,              'unblock someone',                            D,     A,     A,    A,    A,     A,     D,    A),
  row('users/mia/blocked/blake',                    'delete', null,              "unblock oneself from mia's list",            D,     D,     A,    D,    D,     D,     D,    D),
  // ---- users/{uid}/readStates: owner-only, member of the chat, monotonic, <= chat.seq
  row('users/{self}/readStates/group-1',            'get',    null,              'read own read state',                        D,     A,     A,    A,    A,     A,     A,    A),
  row('users/mia/readStates/group-1',               'get',    null,              "read mia's read state",                      D,     D,     A,    D,    D,     D,     D,    D),
  row('users/{self}/readStates',                    'list',   'ownReadStates',   'list own read states',                       D,     A,     A,    A,    A,     A,     A,    A),
  fresh(row('users/{self}/readStates/group-1',      'create', 'readState',       'start a private read marker',                D,     D,     A,    A,    D,     A,     D,    D)),
  row('users/{self}/readStates/group-1',            'update', 'readStateAdvance','advance own private read marker',            D,     D,     A,    A,    D,     A,     D,    D),
  row('users/mia/readStates/group-1',               'update', 'readStateAdvance',"advance mia's private read marker",          D,     D,     A,    D,    D,     D,     D,    D),
  row('users/{self}/readStates/group-1',            'delete', null,              'drop own read marker',                       D,     A,     A,    A,    A,     A,     D,    A),
  // ---- chats/{chatId}: members read; clients never write
  row('chats/group-1',                              'get',    null,              'read the group',                             D,     D,     A,    A,    D,     A,     A,    D),
  row('chats/blake_mia',                            'get',    null,              'read the direct chat',                       D,     D,     A,    D,    D,     A,     D,    D),
  row('chats/group-announce',                       'get',    null,              'read the admins-only group',                 D,     D,     A,    A,    D,     D,     D,    D),
  row('chats',                                      'list',   'myChats',         'list own chats (array-contains self)',       D,     A,     A,    A,    A,     A,     A,    A),
  row('chats/{new}',                                'create', 'chat',            'create a chat directly',                     D,     D,     D,    D,    D,     D,     D,    D),
  row('chats/group-1',                              'update', 'chatRename',      'rename the group directly',                  D,     D,     D,    D,    D,     D,     D,    D),
  row('chats/group-1',                              'delete', null,              'delete the group',                           D,     D,     D,    D,    D,     D,     D,    D),
  // ---- chats/{chatId}/members: members read; a member moves only their own markers
  row('chats/group-1/members/mia',                  'get',    null,              "read mia's membership",                      D,     D,     A,    A,    D,     A,     A,    D),
  row('chats/group-1/members',                      'list',   'groupMembers',    'list the members',                           D,     D,     A,    A,    D,     A,     A,    D),
  fresh(row('chats/group-1/members/{self}',         'create', 'memberDoc',       'add oneself as a member',                    D,     D,     D,    D,    D,     D,     D,    D)),
  row('chats/group-1/members/{self}',               'update', 'markers',         'mark the group read and delivered',          D,     D,     A,    A,    D,     A,     D,    D),
  row('chats/group-1/members/mia',                  'update', 'markers',         "move mia's markers",                         D,     D,     A,    D,    D,     D,     D,    D),
  row('chats/group-1/members/{self}',               'delete', null,              'leave by deleting one\'s member doc',         D,     D,     D,    D,    D,     D,     D,    D),
  // ---- chats/{chatId}/messages
  row('chats/group-1/messages/msg-ada-recent',      'get',    null,              'read a group message',                       D,     D,     A,    A,    D,     A,     A,    D),
  row('chats/group-1/messages',                     'list',   'groupMessages',   'page through group messages',                D,     D,     A,    A,    D,     A,     A,    D),
  row('chats/blake_mia/messages',                   'list',   'directMessages',  'page through the direct chat',               D,     D,     A,    D,    D,     A,     D,    D),
  row('chats/group-1/messages/{new}',               'create', 'textMessage',     'send to the group',                          D,     D,     A,    A,    D,     A,     D,    D),
  row('chats/group-1/messages/{new}',               'create', 'mentionMessage',  'send mentioning members (uid-shaped)',       D,     D,     A,    A,    D,     A,     D,    D),
  row('chats/group-1/messages/{new}',               'create', 'pollMessage',     'start a poll in the group',                  D,     D,     A,    A,    D,     A,     D,    D),
  row('chats/group-announce/messages/{new}',        'create', 'textMessage',     'send to the admins-only group',              D,     D,     D,    A,    D,     D,     D,    D),
  row('chats/blake_mia/messages/{new}',             'create', 'textMessage',     'send in the direct chat (mia blocked blake)', D,    D,     A,    D,    D,     D,     D,    D),
  row('chats/group-1/messages/msg-{self}-recent',   'update', 'edit',            'edit own recent message',                    D,     D,     A,    A,    D,     A,     D,    D),
  row('chats/group-1/messages/msg-mia-recent',      'update', 'edit',            "edit mia's recent message",                  D,     D,     A,    D,    D,     D,     D,    D),
  row('chats/group-1/messages/msg-{self}-old',      'update', 'deleteForEveryone', 'delete own 2h-old message for everyone',   D,     D,     A,    A,    D,     A,     D,    D),
  row('chats/group-1/messages/msg-mia-old',         'update', 'deleteForEveryone', "delete mia's message for everyone",        D,     D,     A,    D,    D,     D,     D,    D),
  row('chats/group-1/messages/msg-ada-recent',      'update', 'react',           'react to a group message',                   D,     D,     A,    A,    D,     A,     D,    D),
  row('chats/blake_mia/messages/msg-mia-recent',    'update', 'react',           'react in the direct chat',                   D,     D,     A,    D,    D,     D,     D,    D),
  row('chats/group-1/messages/msg-{self}-recent',   'delete', null,              'hard-delete own message',                    D,     D,     D,    D,    D,     D,     D,    D),
  // ---- chats/{chatId}/messages/{pollId}/votes: members read; each member writes only their own vote
  row('chats/group-1/messages/poll-lunch/votes/ada', 'get',    null,              "read ada's vote",                            D,     D,     A,    A,    D,     A,     A,    D),
  row('chats/group-1/messages/poll-lunch/votes',    'list',   'pollVotes',       "list a poll's votes",                        D,     D,     A,    A,    D,     A,     A,    D),
  fresh(row('chats/group-1/messages/poll-lunch/votes/{self}', 'create', 'vote', 'vote in a poll',                            D,     D,     A,    A,    D,     A,     D,    D)),
  row('chats/group-1/messages/poll-lunch/votes/{self}', 'update', 'vote',        'change own vote',                            D,     D,     A,    A,    D,     A,     D,    D),
  row('chats/group-1/messages/poll-lunch/votes/ada', 'update', 'vote',           "change ada's vote",                          D,     D,     D,    A,    D,     D,     D,    D),
  row('chats/group-1/messages/poll-lunch/votes/{self}', 'delete', null,          'retract own vote',                           D,     D,     A,    A,    D,     A,     D,    D),
  row('chats/group-1/messages/poll-lunch/votes/ada', 'delete', null,             "retract ada's vote",                         D,     D,     D,    A,    D,     D,     D,    D),
  // ---- reports: create-only by the reporter; staff read
  row('reports/report-1',                           'get',    null,              'read a report',                              D,     D,     D,    D,    D,     D,     D,    A),
  row('reports',                                    'list',   'openReports',     'list open reports',                          D,     D,     D,    D,    D,     D,     D,    A),
  row('reports/{new}',                              'create', 'reportUser',      'report a user',                              D,     A,     A,    A,    A,     A,     D,    A),
  row('reports/{new}',                              'create', 'reportMessage',   'report a group message',                     D,     D,     A,    A,    D,     A,     D,    D),
  row('reports/{new}',                              'create', 'reportReservedId', 'report a message id Firestore reserves',     D,     D,     D,    D,    D,     D,     D,    D),
  row('reports/report-1',                           'update', 'reportStatus',    'change a report',                            D,     D,     D,    D,    D,     D,     D,    D),
  row('reports/report-1',                           'delete', null,              'delete a report',                            D,     D,     D,    D,    D,     D,     D,    D),
  // ---- scheduledMessages: owner reads; callables write
  row('scheduledMessages/sched-{self}',             'get',    null,              'read own scheduled message',                 D,     A,     A,    A,    A,     A,     A,    A),
  row('scheduledMessages/sched-mia',                'get',    null,              "read mia's scheduled message",               D,     D,     A,    D,    D,     D,     D,    D),
  row('scheduledMessages',                          'list',   'mySchedule',      'list own scheduled messages',                D,     A,     A,    A,    A,     A,     A,    A),
  row('scheduledMessages/{new}',                    'create', 'scheduled',       'schedule directly (callable-only)',          D,     D,     D,    D,    D,     D,     D,    D),
  row('scheduledMessages/sched-{self}',             'update', 'scheduledCancel', 'cancel directly (callable-only)',            D,     D,     D,    D,    D,     D,     D,    D),
  row('scheduledMessages/sched-{self}',             'delete', null,              'delete own scheduled message',               D,     D,     D,    D,    D,     D,     D,    D),
  // ---- server-only collections
  ...serverOnly('bans', 'bart'),
  ...serverOnly('authCodes', 'code-1'),
  ...serverOnly('rateLimits', 'rate-1'),
  ...serverOnly('inviteLinks', 'invite-1'),
  ...serverOnly('auditLog', 'audit-1'),
  ...serverOnly('jobs', 'job-1'),
  ...serverOnly('deadLetters', 'dead-1'),
  ...serverOnly('stats', '2026-01-01'),
];

/** Rows nobody may perform: their positive control is the same request with rules disabled. */
export function needsServerControl(r: MatrixRow): boolean {
  return ACTORS.every((actor) => r.expect[actor] === 'deny');
}

export function matrixCounts(rows: MatrixRow[] = MATRIX): { cases: number; allow: number; deny: number } {
  let allow = 0;
  let deny = 0;
  for (const r of rows) {
    for (const actor of ACTORS) {
      if (r.expect[actor] === 'allow') allow++;
      else deny++;
    }
  }
  return { cases: allow + deny, allow, deny };
}
