/** Callable `unbanUser` {uid}: staff lift a ban, exactly as `POST /v1/users/{uid}/unban` does. */
import { unbanUser as unban } from './services/bans.ts';
import { staffCallable } from './staffCallable.ts';

export const unbanUser = staffCallable(
  'unbanUser',
  { roles: ['admin', 'moderator'], action: 'user.unban', targetType: 'user' },
  (input, actor, deps) => unban(deps, actor, input),
);
