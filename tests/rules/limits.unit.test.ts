/**
 * Keeps the rules files in step with the shared model: every limit, key list and enum the rules
 * spell by hand must equal the constant in packages/model (rules cannot import it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_CLIENT_FIELDS,
  COLLECTIONS,
  AVATAR_CONTENT_TYPE_PATTERN,
  AVATAR_MAX_BYTES,
  CLIENT_MESSAGE_TYPES,
  DELETED_FOR_EVERYONE,
  DELETE_FOR_EVERYONE_WINDOW_MS,
  DEVICE_FIELDS,
  EDIT_WINDOW_MS,
  LAST_SEEN_OPTIONS,
  MAX_ABOUT_LENGTH,
  MAX_DEVICE_TOKEN_LENGTH,
  MAX_DISPLAY_NAME_LENGTH,
  MAX_EMOJI_LENGTH,
  MAX_FILE_NAME_LENGTH,
  MAX_MEMBERS_PAGE_SIZE,
  MAX_MENTIONS,
  MAX_PAGE_SIZE,
  MAX_PREVIEW_LENGTH,
  MAX_REPORT_REASON_LENGTH,
  MAX_TEXT_LENGTH,
  MEDIA_KINDS,
  MEDIA_LIMITS,
  MEMBER_CLIENT_FIELDS,
  POLL_DELETED_FOR_EVERYONE,
  POLL_FIELDS,
  POLL_MAX_OPTIONS,
  POLL_MIN_OPTIONS,
  POLL_OPTION_MAX_LENGTH,
  POLL_QUESTION_MAX_LENGTH,
  POLL_VOTE_FIELDS,
  MESSAGE_CLIENT_FIELDS,
  MESSAGE_EDIT_FIELDS,
  PLATFORMS,
  PRESENCE_STATES,
  PROFILE_CLIENT_FIELDS,
  REPORT_CLIENT_FIELDS,
  STAFF_ROLES,
  accountSettingsSchema,
  statusSchema,
} from '@natter/model';
import { ROOT } from '../support/env.ts';
import { parseJsonWithComments } from '../support/jsonc.ts';
import { readRulesFile } from '../support/rules.ts';

const firestore = readRulesFile('firestore.rules');
const storage = readRulesFile('storage.rules');
const list = (items: readonly string[]) => `[${items.map((i) => `'${i}'`).join(', ')}]`;

describe('firestore.rules matches the model', () => {
  it.each([
    ['message text', `isString(d.text, 0, ${MAX_TEXT_LENGTH})`],
    ['edited text', `isString(d.text, 0, ${MAX_TEXT_LENGTH})`],
    ['display name', `isString(d.displayName, 1, ${MAX_DISPLAY_NAME_LENGTH})`],
    ['about', `isString(d.about, 0, ${MAX_ABOUT_LENGTH})`],
    ['device token', `isString(request.resource.data.token, 1, ${MAX_DEVICE_TOKEN_LENGTH})`],
    ['report reason', `isString(d.reason, 1, ${MAX_REPORT_REASON_LENGTH})`],
    ['mentions', `m.size() <= ${MAX_MENTIONS}`],
    ['mention entries', `m.join(',').matches('[^/,]{1,128}(,[^/,]{1,128}){0,${MAX_MENTIONS - 1}}')`],
    ['reaction', `isString(after[request.auth.uid], 1, ${MAX_EMOJI_LENGTH})`],
    ['reply preview', `isString(r.preview, 0, ${MAX_PREVIEW_LENGTH})`],
    ['file name', `isString(m.name, 1, ${MAX_FILE_NAME_LENGTH})`],
    ['page size', `pageOf(${MAX_PAGE_SIZE})`],
    ['member page size', `pageOf(${MAX_MEMBERS_PAGE_SIZE})`],
    ['edit window', `duration.value(${EDIT_WINDOW_MS / 60_000}, 'm')`],
    ['delete-for-everyone window', `duration.value(${DELETE_FOR_EVERYONE_WINDOW_MS / 3_600_000}, 'h')`],
    ['profile fields', `changedOnly(${list(PROFILE_CLIENT_FIELDS)})`],
    ['account fields', `changedOnly(${list(ACCOUNT_CLIENT_FIELDS)})`],
    ['account settings', `hasExactly(request.resource.data.settings, ${list(Object.keys(accountSettingsSchema.shape))}, [])`],
    ['last seen options', `lastSeen in ${list(LAST_SEEN_OPTIONS)}`],
    ['device fields', `hasExactly(request.resource.data, ${list(DEVICE_FIELDS)}, [])`],
    ['platforms', `platform in ${list(PLATFORMS)}`],
    ['member fields', `changedOnly(${list(MEMBER_CLIENT_FIELDS)})`],
    ['edit fields', `changedOnly(${list(MESSAGE_EDIT_FIELDS)})`],
    ['delete-for-everyone fields', `changedOnly(${list(Object.keys(POLL_DELETED_FOR_EVERYONE))})`],
    ['media kinds', `d.type in ${list(CLIENT_MESSAGE_TYPES.filter((t) => t !== 'text' && t !== 'poll'))}`],
    ['poll question', `isString(question, 1, ${POLL_QUESTION_MAX_LENGTH})`],
    ['edited poll question', `isString(d.text, 1, ${POLL_QUESTION_MAX_LENGTH})`],
    ['poll fields', `hasExactly(p, ${list(POLL_FIELDS)}, [])`],
    ['poll option count', `p.options.size() >= ${POLL_MIN_OPTIONS} && p.options.size() <= ${POLL_MAX_OPTIONS}`],
    ['poll option length', `matches('[^\\n]{1,${POLL_OPTION_MAX_LENGTH}}(\\n[^\\n]{1,${POLL_OPTION_MAX_LENGTH}}){${POLL_MIN_OPTIONS - 1},${POLL_MAX_OPTIONS - 1}}')`],
    ['vote fields', `hasExactly(d, ${list(POLL_VOTE_FIELDS)}, [])`],
    ['report fields', `hasExactly(d, ${list(REPORT_CLIENT_FIELDS)}, [])`],
    ['staff roles', `in ${list(STAFF_ROLES)}`],
  ])('%s', (_name, snippet) => {
    expect(firestore).toContain(snippet);
  });

  it("clears a poll's options on delete for everyone, on top of what every message clears", () => {
    expect(Object.keys(POLL_DELETED_FOR_EVERYONE)).toEqual([...Object.keys(DELETED_FOR_EVERYONE), 'poll']);
    expect(firestore).toContain(`d.text == '' && d.get('media', null) == null && d.get('poll', null) == null && d.deletedForEveryone == true`);
  });

  it('lets a new message hold exactly the model’s client fields', () => {
    const match = /hasExactly\(d, (\[[^\]]*\]), (\[[^\]]*\])\)\n\s*&& d\.createdAt == request\.time/.exec(firestore);
    expect(match).not.toBeNull();
    const keys = [match![1]!, match![2]!].flatMap((l) => [...l.matchAll(/'([^']+)'/g)].map((m) => m[1]));
    expect(keys.sort()).toEqual([...MESSAGE_CLIENT_FIELDS].sort());
  });

  it.each(MEDIA_KINDS)('applies the %s size and content-type limits to message media', (kind) => {
    const { maxBytes, contentTypePattern } = MEDIA_LIMITS[kind];
    expect(firestore).toContain(`(kind == '${kind}' && m.size <= ${maxBytes} && m.contentType.matches('${contentTypePattern}'))`);
  });
});

describe('storage.rules matches the model', () => {
  it.each(MEDIA_KINDS)('applies the %s limits to uploads', (kind) => {
    const { maxBytes, contentTypePattern } = MEDIA_LIMITS[kind];
    expect(storage).toContain(
      `(kind == '${kind}' && request.resource.size <= ${maxBytes} && request.resource.contentType.matches('${contentTypePattern}'))`,
    );
  });

  it('names every media kind', () => {
    expect(storage).toContain(`in ${list(MEDIA_KINDS)}`);
  });

  it('limits avatars to the model’s size and image types', () => {
    expect(storage).toContain(`request.resource.size <= ${AVATAR_MAX_BYTES}`);
    expect(storage).toContain(`request.resource.contentType.matches('${AVATAR_CONTENT_TYPE_PATTERN}')`);
  });

  it.each([
    ['image', 'image/jpeg', true],
    ['image', 'image/svg+xml', false],
    ['video', 'video/mp4', true],
    ['audio', 'audio/ogg', true],
    ['audio', 'audio/x-anything', false],
    ['file', 'application/pdf', true],
    ['file', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', true],
    ['file', 'not a type', false],
  ] as const)('the %s pattern (as rules match it, whole string) says %s is %s', (kind, contentType, fits) => {
    expect(MEDIA_LIMITS[kind].contentType.test(contentType)).toBe(fits);
    expect(new RegExp(`^(?:${MEDIA_LIMITS[kind].contentTypePattern})$`).test(contentType)).toBe(fits);
  });
});

describe('database.rules.json matches the model', () => {
  const rules = parseJsonWithComments(readRulesFile('database.rules.json')) as {
    rules: { status: { $uid: Record<string, unknown> } };
  };
  const status = rules.rules.status.$uid;

  it('allows exactly the status fields of statusSchema', () => {
    const children = Object.keys(status).filter((k) => !k.startsWith('.') && !k.startsWith('$'));
    expect(children.sort()).toEqual(Object.keys(statusSchema.shape).sort());
    expect(status.$other).toEqual({ '.validate': false });
  });

  it('allows exactly the presence states of the model', () => {
    const state = status.state as Record<string, string>;
    for (const value of PRESENCE_STATES) expect(state['.validate']).toContain(`'${value}'`);
    expect([...(state['.validate'] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]).sort()).toEqual([...PRESENCE_STATES].sort());
  });
});

describe('firestore.indexes.json', () => {
  const indexes = JSON.parse(readFileSync(path.join(ROOT, 'firestore.indexes.json'), 'utf8')) as {
    indexes: { collectionGroup: string; queryScope: string; fields: { fieldPath: string; order?: string; arrayConfig?: string }[] }[];
    fieldOverrides: { collectionGroup: string; fieldPath: string }[];
  };
  const collections = new Set<string>(Object.values(COLLECTIONS));

  it('names only collections of the model, with two or more fields each', () => {
    for (const index of [...indexes.indexes, ...indexes.fieldOverrides]) expect(collections).toContain(index.collectionGroup);
    for (const index of indexes.indexes) {
      expect(index.fields.length).toBeGreaterThanOrEqual(2);
      for (const field of index.fields) expect(Boolean(field.order) !== Boolean(field.arrayConfig)).toBe(true);
    }
  });

  it.each([
    ['the chat list', 'chats', ['memberIds', 'lastMessageAt']],
    ['the moderation queue', 'reports', ['status', 'createdAt']],
    ["a user's scheduled messages", 'scheduledMessages', ['senderId', 'sendAt']],
    ['the scheduled-message dispatcher', 'scheduledMessages', ['status', 'sendAt']],
  ])('serves %s', (_name, collection, fields) => {
    expect(indexes.indexes.some((i) => i.collectionGroup === collection && i.fields.map((f) => f.fieldPath).join() === fields.join())).toBe(true);
  });
});
