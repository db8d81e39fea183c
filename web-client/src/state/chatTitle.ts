/** How a chat is named in the UI: the group's name, or the other person's display name. */
import type { Chat, UserProfile } from '@natter/model';

export function otherMember(chat: Pick<Chat, 'type' | 'memberIds'>, me: string): string | null {
  if (chat.type !== 'direct') return null;
  return chat.memberIds.find((id) => id !== me) ?? me;
}

export function chatTitle(chat: Pick<Chat, 'type' | 'memberIds' | 'name'>, me: string, profiles: Map<string, UserProfile | null | undefined>): string {
  if (chat.type === 'group') return chat.name ?? 'Group';
  const other = otherMember(chat, me);
  if (other === me) return 'You (notes)';
  const profile = other ? profiles.get(other) : null;
  if (profile === undefined) return '…';
  return profile?.displayName ?? 'Deleted account';
}
