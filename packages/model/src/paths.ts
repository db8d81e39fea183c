/** Collection names and path builders: no other module spells a Firestore or RTDB path by hand. */

export const COLLECTIONS = {
  users: 'users',
  private: 'private',
  devices: 'devices',
  blocked: 'blocked',
  readStates: 'readStates',
  chats: 'chats',
  members: 'members',
  messages: 'messages',
  removals: 'removals',
  reports: 'reports',
  scheduledMessages: 'scheduledMessages',
  authCodes: 'authCodes',
  rateLimits: 'rateLimits',
  inviteLinks: 'inviteLinks',
  auditLog: 'auditLog',
  bans: 'bans',
  jobs: 'jobs',
  deadLetters: 'deadLetters',
  stats: 'stats',
  votes: 'votes',
  // Background work: per-device push markers (previous release), the dev push recorder, stats markers.
  deliveries: 'deliveries',
  pushOutbox: 'pushOutbox',
  activeUsers: 'activeUsers',
} as const;

/** The single document id under `users/{uid}/private`. */
export const ACCOUNT_DOC_ID = 'account';
/** Server-only presence watermark under `users/{uid}/private` (drops out-of-order status events). */
export const PRESENCE_DOC_ID = 'presence';

export const paths = {
  user: (uid: string) => `${COLLECTIONS.users}/${uid}`,
  account: (uid: string) => `${COLLECTIONS.users}/${uid}/${COLLECTIONS.private}/${ACCOUNT_DOC_ID}`,
  presence: (uid: string) => `${COLLECTIONS.users}/${uid}/${COLLECTIONS.private}/${PRESENCE_DOC_ID}`,
  devices: (uid: string) => `${COLLECTIONS.users}/${uid}/${COLLECTIONS.devices}`,
  device: (uid: string, deviceId: string) => `${paths.devices(uid)}/${deviceId}`,
  blocked: (uid: string) => `${COLLECTIONS.users}/${uid}/${COLLECTIONS.blocked}`,
  block: (uid: string, otherUid: string) => `${paths.blocked(uid)}/${otherUid}`,
  readState: (uid: string, chatId: string) => `${COLLECTIONS.users}/${uid}/${COLLECTIONS.readStates}/${chatId}`,
  chat: (chatId: string) => `${COLLECTIONS.chats}/${chatId}`,
  members: (chatId: string) => `${paths.chat(chatId)}/${COLLECTIONS.members}`,
  member: (chatId: string, uid: string) => `${paths.members(chatId)}/${uid}`,
  messages: (chatId: string) => `${paths.chat(chatId)}/${COLLECTIONS.messages}`,
  removal: (chatId: string, uid: string) => `${paths.chat(chatId)}/${COLLECTIONS.removals}/${uid}`,
  message: (chatId: string, messageId: string) => `${paths.messages(chatId)}/${messageId}`,
  pollVotes: (chatId: string, pollId: string) => `${paths.message(chatId, pollId)}/${COLLECTIONS.votes}`,
  pollVote: (chatId: string, pollId: string, uid: string) => `${paths.pollVotes(chatId, pollId)}/${uid}`,
  report: (reportId: string) => `${COLLECTIONS.reports}/${reportId}`,
  scheduledMessage: (id: string) => `${COLLECTIONS.scheduledMessages}/${id}`,
  ban: (uid: string) => `${COLLECTIONS.bans}/${uid}`,
  inviteLink: (code: string) => `${COLLECTIONS.inviteLinks}/${code}`,
  authCode: (emailHash: string) => `${COLLECTIONS.authCodes}/${emailHash}`,
  rateLimit: (key: string) => `${COLLECTIONS.rateLimits}/${key}`,
  job: (jobId: string) => `${COLLECTIONS.jobs}/${jobId}`,
  deadLetter: (id: string) => `${COLLECTIONS.deadLetters}/${id}`,
  dailyStats: (day: string) => `${COLLECTIONS.stats}/${day}`,
  jobDeliveries: (jobId: string) => `${paths.job(jobId)}/${COLLECTIONS.deliveries}`,
  jobDelivery: (jobId: string, key: string) => `${paths.jobDeliveries(jobId)}/${key}`,
  jobActiveUsers: (jobId: string) => `${paths.job(jobId)}/${COLLECTIONS.activeUsers}`,
  jobActiveUser: (jobId: string, uid: string) => `${paths.jobActiveUsers(jobId)}/${uid}`,
  pushOutboxEntry: (id: string) => `${COLLECTIONS.pushOutbox}/${id}`,
} as const;

/** Realtime Database paths. */
export const rtdbPaths = {
  status: (uid: string) => `status/${uid}`,
  viewing: (uid: string) => `viewing/${uid}`,
  typing: (chatId: string, uid: string) => `typing/${chatId}/${uid}`,
  typingInChat: (chatId: string) => `typing/${chatId}`,
  chatMember: (chatId: string, uid: string) => `chatMembers/${chatId}/${uid}`,
  chatMembers: (chatId: string) => `chatMembers/${chatId}`,
} as const;

/**
 * The URL of a project's default Realtime Database instance, `<project>-default-rtdb`: the web SDK
 * connects to it by default and the emulator loads database.rules.json into it, so functions, web
 * client and tests name this one database everywhere (the Functions emulator's own config names
 * another namespace, `<project>`, for demo projects).
 */
export function defaultDatabaseUrl(projectId: string): string {
  return `https://${projectId}-default-rtdb.firebaseio.com`;
}

/** Storage object paths. */
export const storagePaths = {
  chatMedia: (chatId: string, messageId: string, fileName: string) => `chats/${chatId}/${messageId}/${fileName}`,
  chatMediaPrefix: (chatId: string) => `chats/${chatId}/`,
  /** Every chat's media lives under this prefix (orphaned-media clean-up lists it). */
  chatMediaRoot: 'chats/',
  avatar: (uid: string, fileName: string) => `users/${uid}/avatar/${fileName}`,
} as const;

/** Direct chat ids are deterministic: the two uids sorted and joined with `_`. */
export function directChatId(a: string, b: string): string {
  return [a, b].sort().join('_');
}
