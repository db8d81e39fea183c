/**
 * Whether a profile's search key (`displayNameLower`) has fallen behind its display name, which
 * happens when a client changes only `displayName` (rules allow it). Pure, so it is unit-tested alone.
 */
import { searchKeyFor } from '@natter/model';

/** The key to write, or null when the profile needs nothing (already right, or no usable name). */
export function staleSearchKey(profile: unknown): string | null {
  if (typeof profile !== 'object' || profile === null) return null;
  const { displayName, displayNameLower } = profile as Record<string, unknown>;
  if (typeof displayName !== 'string') return null;
  const key = searchKeyFor(displayName);
  return key === displayNameLower ? null : key;
}
