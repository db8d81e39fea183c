/** The text of system messages ("Ana added Ben"), from an event and the names involved. Pure. */
import { MAX_TEXT_LENGTH, type SystemEvent } from '@natter/model';

export interface SystemNote {
  event: SystemEvent;
  actorId: string;
  targetIds: string[];
  /** Event-specific words: the new group name, or the settings sentence. */
  detail?: string;
}

/** How many names a list spells out before "and N others". */
export const LISTED_NAMES = 3;

/** "Ben", "Ben and Cai", "Ben, Cai and Dev", "Ben, Cai, Dev and 2 others". */
export function listNames(names: readonly string[], total = names.length): string {
  const shown = names.slice(0, LISTED_NAMES);
  const others = total - shown.length;
  if (others > 0) return `${shown.join(', ')} and ${others} ${others === 1 ? 'other' : 'others'}`;
  if (shown.length <= 1) return shown[0] ?? '';
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** The uids whose names a note's text needs (the actor and the first few targets). */
export function namesNeeded(note: SystemNote): string[] {
  return [note.actorId, ...note.targetIds.slice(0, LISTED_NAMES)];
}

export function systemText(note: SystemNote, nameOf: (uid: string) => string): string {
  const actor = nameOf(note.actorId);
  const targets = listNames(note.targetIds.slice(0, LISTED_NAMES).map(nameOf), note.targetIds.length);
  const text = ((): string => {
    switch (note.event) {
      case 'created':
        return `${actor} created group "${note.detail ?? ''}"`;
      case 'added':
        return `${actor} added ${targets}`;
      case 'removed':
        return `${actor} removed ${targets}`;
      case 'left':
        return `${actor} left`;
      case 'joined':
        return `${actor} joined using this group's invite link`;
      case 'promoted':
        return `${actor} made ${targets} an admin`;
      case 'demoted':
        return `${actor} dismissed ${targets} as admin`;
      case 'auto_promoted':
        return `${targets} is now an admin`;
      case 'renamed':
        return `${actor} changed the group name to "${note.detail ?? ''}"`;
      case 'description_changed':
        return `${actor} changed the group description`;
      case 'photo_changed':
        return note.detail === 'removed' ? `${actor} removed the group photo` : `${actor} changed the group photo`;
      case 'settings_changed':
        return `${actor} ${note.detail ?? 'changed the group settings'}`;
      case 'account_deleted':
        return `${actor} left`;
    }
  })();
  return text.length > MAX_TEXT_LENGTH ? `${text.slice(0, MAX_TEXT_LENGTH - 1)}…` : text;
}
