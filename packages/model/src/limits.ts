/** Natter's product limits, named once; rules, functions and the web client all use these values. */

export const MAX_TEXT_LENGTH = 4096;
export const MAX_GROUP_MEMBERS = 1024;
export const MAX_DISPLAY_NAME_LENGTH = 64;
export const MAX_ABOUT_LENGTH = 140;
export const MAX_GROUP_NAME_LENGTH = 100;
export const MAX_GROUP_DESCRIPTION_LENGTH = 512;
export const MAX_URL_LENGTH = 2048;
export const MAX_PREVIEW_LENGTH = 120;
export const MAX_MENTIONS = 50;
/** Polls: the question is the message text; 2-12 one-line options, each at most this long. */
export const POLL_QUESTION_MAX_LENGTH = 256;
export const POLL_MIN_OPTIONS = 2;
export const POLL_MAX_OPTIONS = 12;
export const POLL_OPTION_MAX_LENGTH = 100;
export const MAX_REPORT_REASON_LENGTH = 500;
export const MAX_DEVICE_TOKEN_LENGTH = 4096;
export const MAX_EMOJI_LENGTH = 16;
export const MAX_FILE_NAME_LENGTH = 255;

/** The sender may edit a message's text for this long after sending. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;
/** The sender may delete a message for everyone for this long after sending. */
export const DELETE_FOR_EVERYONE_WINDOW_MS = 60 * 60 * 60 * 1000;

/** Disappearing-message options in seconds: off, 24 hours, 7 days, 90 days. */
export const DISAPPEAR_OPTIONS = [0, 86_400, 604_800, 7_776_000] as const;
export type DisappearAfterSeconds = (typeof DISAPPEAR_OPTIONS)[number];

const MiB = 1024 * 1024;

/**
 * Builds a media limit from an RE2-compatible pattern (no anchors: rules' `matches()` is a full
 * match). `storage.rules` and `firestore.rules` spell the same patterns and byte counts; a unit
 * test reads both files and fails when they drift from these values.
 */
function mediaLimit(maxBytes: number, contentTypePattern: string) {
  return { maxBytes, contentTypePattern, contentType: new RegExp(`^(?:${contentTypePattern})$`) } as const;
}

/** Upload limits per media kind: Storage rules enforce the same numbers. */
export const MEDIA_LIMITS = {
  image: mediaLimit(16 * MiB, 'image/(jpeg|png|gif|webp|heic)'),
  video: mediaLimit(64 * MiB, 'video/(mp4|webm|quicktime)'),
  audio: mediaLimit(16 * MiB, 'audio/(mpeg|ogg|webm|mp4|aac|wav)'),
  file: mediaLimit(100 * MiB, '[A-Za-z0-9_.+-]+/[A-Za-z0-9_.+-]+'),
} as const;
export type MediaKind = keyof typeof MEDIA_LIMITS;
export const MEDIA_KINDS = ['image', 'video', 'audio', 'file'] as const satisfies readonly MediaKind[];
export const AVATAR_MAX_BYTES = 5 * MiB;
/** Avatars must be images of the same types chat images allow. */
export const AVATAR_CONTENT_TYPE_PATTERN = MEDIA_LIMITS.image.contentTypePattern;

/**
 * A push token not refreshed for this long is pruned by a cron: clients rewrite theirs whenever
 * FCM rotates it and, unchanged, once a week on start, so a token this old belongs to an app that
 * is gone.
 */
export const DEVICE_STALE_AFTER_MS = 60 * 24 * 60 * 60 * 1000;
/** A client rewrites its unchanged token at most this often (on start), far inside the 60 days. */
export const DEVICE_REFRESH_AFTER_MS = 7 * 24 * 60 * 60 * 1000;
/** Scheduled messages may be at most this far in the future. */
export const MAX_SCHEDULE_AHEAD_MS = 30 * 24 * 60 * 60 * 1000;
/** Client list queries must carry a limit no larger than this (rules enforce it). */
export const MAX_PAGE_SIZE = 100;
/** A chat's member list may be read in one query of at most this many documents. */
export const MAX_MEMBERS_PAGE_SIZE = MAX_GROUP_MEMBERS;

/**
 * Reports each user may file: every report runs an evidence transaction (up to ~9 reads), so the
 * report trigger counts them per reporter and dismisses the ones over either window unread.
 */
export const REPORT_RATE_LIMITS = [
  { max: 10, windowMs: 60 * 1000 },
  { max: 100, windowMs: 24 * 60 * 60 * 1000 },
] as const;

/** Email sign-in codes: digits, lifetime and wrong guesses allowed per code. */
export const EMAIL_CODE_DIGITS = 6;
export const EMAIL_CODE_TTL_MS = 10 * 60 * 1000;
export const EMAIL_CODE_MAX_ATTEMPTS = 5;

/**
 * A busy chat's summary (`lastMessage`, `lastMessageAt`, `seq`) is rewritten at most about this
 * often: one document sustains about one write a second in production. The first message after a
 * quiet spell of this length is summarised at once.
 */
export const SUMMARY_INTERVAL_MS = 1000;
/**
 * Push notifications of one chat are folded per window of this length: the messages created in a
 * window go out as one push per device ("3 new messages"), sent just after the window closes.
 */
export const PUSH_WINDOW_MS = 2000;
/** A client moves its read/delivery markers in one chat at most this often, whatever the message rate. */
export const MARKER_DEBOUNCE_MS = 2000;
