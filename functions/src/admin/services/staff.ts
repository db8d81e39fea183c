/** Reading staff roles from custom claims, the one place that knows the claim's name. */
import { staffRoleSchema, type StaffRole } from '@natter/model';

export const ROLE_CLAIM = 'role';

export function staffRoleOf(claims: Record<string, unknown> | undefined | null): StaffRole | null {
  const parsed = staffRoleSchema.safeParse(claims?.[ROLE_CLAIM]);
  return parsed.success ? parsed.data : null;
}
