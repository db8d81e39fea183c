/** Callable `banUser` {uid, reason, until?}: staff ban a user, exactly as `POST /v1/users/{uid}/ban` does. */
import { banUser as ban } from './services/bans.ts';
import { staffCallable } from './staffCallable.ts';

export const banUser = staffCallable(
  'banUser',
  { roles: ['admin', 'moderator'], action: 'user.ban', targetType: 'user', details: (input) => ({ reason: input.reason, until: input.until ?? null }) },
  (input, actor, deps) => ban(deps, actor, input),
);
