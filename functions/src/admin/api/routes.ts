/**
 * Every route of the admin API, declared once. Roles: admins may do everything; moderators work
 * reports and bans, and read users to do so. Mutating routes (and data exports) are audited.
 */
import { z } from 'zod';
import {
  auditListSchema,
  auditQuerySchema,
  banBodySchema,
  banResultSchema,
  chatDetailSchema,
  chatParamsSchema,
  chatQuerySchema,
  deleteChatResultSchema,
  deleteUserResultSchema,
  emptySchema,
  exportQuerySchema,
  listReportsQuerySchema,
  listUsersQuerySchema,
  reportListSchema,
  reportParamsSchema,
  reportViewSchema,
  resolveReportBodySchema,
  statsQuerySchema,
  statsSchema,
  unbanResultSchema,
  userDetailSchema,
  userExportSchema,
  userListSchema,
  userParamsSchema,
  type StaffRole,
} from '@natter/model';
import type { Actor } from '../deps.ts';
import { queryAudit } from '../services/audit.ts';
import { banUser, unbanUser } from '../services/bans.ts';
import { deleteChat, getChat } from '../services/chats.ts';
import { exportUser } from '../services/exportUser.ts';
import { getReport, listReports, resolveReport } from '../services/reports.ts';
import { getStats } from '../services/stats.ts';
import { assertUserExists, getUserDetail, listUsers } from '../services/users.ts';
import { ServiceError } from '../errors.ts';
import { renderDocsPage } from './docsPage.ts';
import { buildOpenApi } from './openapi.ts';
import { defineRoute, type Route } from './route.ts';

const ADMIN: readonly StaffRole[] = ['admin'];
const STAFF: readonly StaffRole[] = ['admin', 'moderator'];

function actorOf(actor: Actor | null): Actor {
  if (actor === null) throw new ServiceError('unauthenticated', 'Sign in to do this.');
  return actor;
}

export const ROUTES: Route[] = [
  defineRoute({
    operationId: 'listUsers',
    method: 'get',
    path: '/users',
    tag: 'Users',
    summary: 'List or search users',
    description: 'Without filters, every user by uid. Search by exact `email` or `uid`, or by display-name prefix with `name` (one at a time). Paginated with `cursor`.',
    access: STAFF,
    params: emptySchema,
    query: listUsersQuerySchema,
    response: userListSchema,
    handle: ({ query }, { deps }) => listUsers(deps, query),
  }),
  defineRoute({
    operationId: 'getUser',
    method: 'get',
    path: '/users/:uid',
    tag: 'Users',
    summary: 'Get one user',
    description: 'Profile, account, Auth record, number of chats and devices, and ban state.',
    access: STAFF,
    params: userParamsSchema,
    query: emptySchema,
    response: userDetailSchema,
    handle: ({ params }, { deps }) => getUserDetail(deps, params.uid),
  }),
  defineRoute({
    operationId: 'banUser',
    method: 'post',
    path: '/users/:uid/ban',
    tag: 'Users',
    summary: 'Ban a user',
    description:
      'Writes `bans/{uid}` (the rules refuse the user\'s very next write), disables the account and revokes its refresh tokens. `until` (ISO 8601, in the future) makes the ban temporary. Only admins may ban staff; nobody may ban themselves.',
    access: STAFF,
    params: userParamsSchema,
    query: emptySchema,
    body: banBodySchema,
    response: banResultSchema,
    audit: { action: 'user.ban', targetType: 'user', targetParam: 'uid', details: (body) => ({ reason: body.reason, until: body.until ?? null }) },
    handle: ({ params, body }, { deps, actor }) => banUser(deps, actorOf(actor), { uid: params.uid, ...body }),
  }),
  defineRoute({
    operationId: 'unbanUser',
    method: 'post',
    path: '/users/:uid/unban',
    tag: 'Users',
    summary: 'Lift a ban',
    description: 'Deletes `bans/{uid}` and enables the account again; the user signs in afresh. Idempotent.',
    access: STAFF,
    params: userParamsSchema,
    query: emptySchema,
    body: emptySchema,
    bodyOptional: true,
    response: unbanResultSchema,
    audit: { action: 'user.unban', targetType: 'user', targetParam: 'uid' },
    handle: ({ params }, { deps, actor }) => unbanUser(deps, actorOf(actor), { uid: params.uid }),
  }),
  defineRoute({
    operationId: 'deleteUser',
    method: 'delete',
    path: '/users/:uid',
    tag: 'Users',
    summary: 'Delete a user completely',
    description: 'The same complete deletion as the account lifecycle: account, profile, private data, devices, blocks, memberships and the content of sent messages.',
    access: ADMIN,
    params: userParamsSchema,
    query: emptySchema,
    response: deleteUserResultSchema,
    audit: { action: 'user.delete', targetType: 'user', targetParam: 'uid' },
    async handle({ params }, { deps, actor }) {
      if (actorOf(actor).uid === params.uid) throw new ServiceError('forbidden', 'Staff cannot delete themselves.');
      await assertUserExists(deps, params.uid);
      await deps.deleteUserCompletely(params.uid);
      return { uid: params.uid, deleted: true as const };
    },
  }),
  defineRoute({
    operationId: 'exportUser',
    method: 'get',
    path: '/users/:uid/export',
    tag: 'Users',
    summary: 'Export everything Natter holds about a user',
    description:
      'For data-subject requests. The first page carries profile, account, Auth record, ban, devices, blocks, read states, memberships, reports filed and scheduled messages; messages the user sent are paged with `cursor`.',
    access: ADMIN,
    params: userParamsSchema,
    query: exportQuerySchema,
    response: userExportSchema,
    audit: { action: 'user.export', targetType: 'user', targetParam: 'uid' },
    handle: ({ params, query }, { deps }) => exportUser(deps, params.uid, query),
  }),
  defineRoute({
    operationId: 'getChat',
    method: 'get',
    path: '/chats/:chatId',
    tag: 'Chats',
    summary: 'Get a chat',
    description: 'Metadata, the first page of members and counts. Message content (paged with `cursor`) only for chats that a report names.',
    access: ADMIN,
    params: chatParamsSchema,
    query: chatQuerySchema,
    response: chatDetailSchema,
    handle: ({ params, query }, { deps }) => getChat(deps, params.chatId, query),
  }),
  defineRoute({
    operationId: 'deleteChat',
    method: 'delete',
    path: '/chats/:chatId',
    tag: 'Chats',
    summary: 'Delete a chat',
    description: 'Deletes its messages, media and members in bounded batches, then the chat. Safe to repeat after a failure.',
    access: ADMIN,
    params: chatParamsSchema,
    query: emptySchema,
    response: deleteChatResultSchema,
    audit: { action: 'chat.delete', targetType: 'chat', targetParam: 'chatId' },
    handle: ({ params }, { deps }) => deleteChat(deps, params.chatId),
  }),
  defineRoute({
    operationId: 'listReports',
    method: 'get',
    path: '/reports',
    tag: 'Reports',
    summary: 'List reports by status',
    description: 'Newest first; `status` defaults to `open`.',
    access: STAFF,
    params: emptySchema,
    query: listReportsQuerySchema,
    response: reportListSchema,
    handle: ({ query }, { deps }) => listReports(deps, query),
  }),
  defineRoute({
    operationId: 'getReport',
    method: 'get',
    path: '/reports/:reportId',
    tag: 'Reports',
    summary: 'Get a report',
    description: 'The report with its evidence snapshot: the message and its context as they were when reported, and the reported user\'s profile.',
    access: STAFF,
    params: reportParamsSchema,
    query: emptySchema,
    response: reportViewSchema,
    handle: ({ params }, { deps }) => getReport(deps, params.reportId),
  }),
  defineRoute({
    operationId: 'resolveReport',
    method: 'post',
    path: '/reports/:reportId/resolve',
    tag: 'Reports',
    summary: 'Resolve a report',
    description: '`dismiss`, `deleteMessage` (clears the reported message and its media) or `banUser` (bans the reported user). An open report can be resolved once; 409 afterwards.',
    access: STAFF,
    params: reportParamsSchema,
    query: emptySchema,
    body: resolveReportBodySchema,
    response: reportViewSchema,
    audit: {
      action: 'report.resolve',
      targetType: 'report',
      targetParam: 'reportId',
      details: (body) => ({ action: body.action, note: body.note ?? null }),
    },
    handle: ({ params, body }, { deps, actor }) => resolveReport(deps, actorOf(actor), params.reportId, body),
  }),
  defineRoute({
    operationId: 'getStats',
    method: 'get',
    path: '/stats',
    tag: 'Operations',
    summary: 'Daily statistics',
    description: 'The daily rollups (`stats/{YYYY-MM-DD}`) between `from` and `to` inclusive, at most 92 days; days without a rollup are left out.',
    access: ADMIN,
    params: emptySchema,
    query: statsQuerySchema,
    response: statsSchema,
    handle: ({ query }, { deps }) => getStats(deps, query),
  }),
  defineRoute({
    operationId: 'listAuditEntries',
    method: 'get',
    path: '/audit',
    tag: 'Operations',
    summary: 'Read the audit log',
    description: 'Newest first, filterable by `actor`, `action`, `target`, `outcome` and a `from`/`to` time range.',
    access: ADMIN,
    params: emptySchema,
    query: auditQuerySchema,
    response: auditListSchema,
    handle: ({ query }, { deps }) => queryAudit(deps, query),
  }),
  defineRoute({
    operationId: 'getOpenApi',
    method: 'get',
    path: '/openapi.json',
    tag: 'Documentation',
    summary: 'This API as OpenAPI 3.1',
    description: 'Generated from the same zod schemas the API validates with.',
    access: 'public',
    params: emptySchema,
    query: emptySchema,
    response: z.record(z.string(), z.unknown()),
    handle: () => Promise.resolve(openApiDocument()),
  }),
  defineRoute({
    operationId: 'getDocs',
    method: 'get',
    path: '/docs',
    tag: 'Documentation',
    summary: 'This API as a readable page',
    description: 'The OpenAPI document rendered as plain HTML, served by the function itself.',
    access: 'public',
    params: emptySchema,
    query: emptySchema,
    response: z.string(),
    produces: 'text/html',
    handle: () => Promise.resolve(docsPage()),
  }),
];

let cachedDocument: Record<string, unknown> | undefined;
let cachedPage: string | undefined;

export function openApiDocument(): Record<string, unknown> {
  cachedDocument ??= buildOpenApi(ROUTES);
  return cachedDocument;
}

function docsPage(): string {
  cachedPage ??= renderDocsPage(openApiDocument());
  return cachedPage;
}
