/** Callable `setUserRole` {uid, role}: admins grant `admin`/`moderator` or clear it with `user`. */
import { setUserRole as changeRole } from './services/roles.ts';
import { staffCallable } from './staffCallable.ts';

export const setUserRole = staffCallable(
  'setUserRole',
  { roles: ['admin'], action: 'user.setRole', targetType: 'user', details: (input) => ({ role: input.role }) },
  (input, actor, deps) => changeRole(deps, actor, input),
);
