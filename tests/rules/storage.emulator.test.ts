/**
 * storage.rules on the real Storage emulator (with Firestore for the cross-service membership
 * check): a table of actor x object x operation and named attacks on sizes and content types.
 * Runs wherever the Storage emulator is available; elsewhere it prints `skipped: <reason>`.
 */
import type { RulesTestEnvironment } from '@firebase/rules-unit-testing';
import { doc, setDoc } from 'firebase/firestore';
import { deleteObject, getMetadata, ref, updateMetadata, uploadBytes, type FirebaseStorage, type UploadMetadata } from 'firebase/storage';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { AVATAR_MAX_BYTES, MEDIA_LIMITS, paths, storagePaths, type MediaKind } from '@natter/model';
import { expectAllowed, expectDenied, modularFirestore, modularStorage, storageRulesEnvironment } from '../support/rules.ts';
import { describeWhen, missingEmulator } from '../support/skip.ts';

/** The Storage client reports rule denials with this code. */
const DENIED = 'storage/unauthorized';
const CHAT = 'group-1';

const ACTORS = ['unauthenticated', 'stranger', 'member', 'groupAdmin', 'formerMember', 'bannedUser', 'staff'] as const;
type Actor = (typeof ACTORS)[number];
const UID: Record<Exclude<Actor, 'unauthenticated'>, string> = {
  stranger: 'sam',
  member: 'mia',
  groupAdmin: 'ada',
  formerMember: 'fred',
  bannedUser: 'bart',
  staff: 'stella',
};
const MEMBERS = ['ada', 'mia', 'bart'];
const SEEDED_MEDIA = storagePaths.chatMedia(CHAT, 'm1', 'photo.jpg');

const bytes = (size: number) => new Uint8Array(size);
const media = (kind: MediaKind, contentType: string): UploadMetadata => ({ contentType, customMetadata: { kind } });

type Op =
  | { kind: 'read'; path: string }
  | { kind: 'upload'; path: string; size: number; metadata: UploadMetadata }
  | { kind: 'delete'; path: string };

interface Row {
  op: Op;
  what: string;
  allowed: Actor[];
}

// `{self}` is the actor's uid (mia's for the unauthenticated caller); `{new}` a fresh message id.
const MATRIX: Row[] = [
  { op: { kind: 'read', path: SEEDED_MEDIA }, what: 'read chat media', allowed: ['member', 'groupAdmin', 'bannedUser'] },
  { op: { kind: 'upload', path: storagePaths.chatMedia(CHAT, '{new}', 'photo.jpg'), size: 1024, metadata: media('image', 'image/jpeg') }, what: 'upload a photo to the chat', allowed: ['member', 'groupAdmin'] },
  { op: { kind: 'upload', path: SEEDED_MEDIA, size: 1024, metadata: media('image', 'image/jpeg') }, what: 'overwrite existing chat media', allowed: [] },
  { op: { kind: 'delete', path: SEEDED_MEDIA }, what: 'delete chat media', allowed: [] },
  { op: { kind: 'read', path: storagePaths.avatar('mia', 'me.png') }, what: "read mia's avatar", allowed: ['stranger', 'member', 'groupAdmin', 'formerMember', 'bannedUser', 'staff'] },
  { op: { kind: 'upload', path: storagePaths.avatar('{self}', 'new.png'), size: 2048, metadata: { contentType: 'image/png' } }, what: 'upload own avatar', allowed: ['stranger', 'member', 'groupAdmin', 'formerMember', 'staff'] },
  { op: { kind: 'upload', path: storagePaths.avatar('mia', 'new.png'), size: 2048, metadata: { contentType: 'image/png' } }, what: "upload mia's avatar", allowed: ['member'] },
  { op: { kind: 'delete', path: storagePaths.avatar('{self}', 'me.png') }, what: 'delete own avatar', allowed: ['stranger', 'member', 'groupAdmin', 'formerMember', 'staff'] },
  { op: { kind: 'delete', path: storagePaths.avatar('mia', 'me.png') }, what: "delete mia's avatar", allowed: ['member'] },
];

describeWhen(missingEmulator('storage'), 'storage.rules on the Storage emulator', () => {
  let env: RulesTestEnvironment;
  let counter = 0;

  function storageOf(uid: string | null): FirebaseStorage {
    return modularStorage(uid === null ? env.unauthenticatedContext() : env.authenticatedContext(uid));
  }

  function perform(storage: FirebaseStorage, op: Op, self: string): Promise<unknown> {
    const path = op.path.replaceAll('{self}', self).replaceAll('{new}', `msg-${++counter}`);
    const object = ref(storage, path);
    if (op.kind === 'read') return getMetadata(object);
    if (op.kind === 'delete') return deleteObject(object);
    return uploadBytes(object, bytes(op.size), op.metadata);
  }

  async function seedFirestore(banned: boolean): Promise<void> {
    await env.withSecurityRulesDisabled(async (context) => {
      const db = modularFirestore(context);
      await setDoc(doc(db, paths.chat(CHAT)), { type: 'group', memberIds: MEMBERS, adminIds: ['ada'] });
      if (banned) await setDoc(doc(db, paths.ban('bart')), { reason: 'abuse', bannedBy: 'stella', until: null });
    });
  }

  beforeAll(async () => {
    env = await storageRulesEnvironment();
  });
  beforeEach(async () => {
    await env.clearFirestore();
    await env.clearStorage();
    await seedFirestore(true);
    await env.withSecurityRulesDisabled(async (context) => {
      const storage = modularStorage(context);
      await uploadBytes(ref(storage, SEEDED_MEDIA), bytes(1024), media('image', 'image/jpeg'));
      for (const uid of Object.values(UID)) {
        await uploadBytes(ref(storage, storagePaths.avatar(uid, 'me.png')), bytes(1024), { contentType: 'image/png' });
      }
    });
  });
  afterAll(async () => {
    await env.cleanup();
  });

  for (const row of MATRIX) {
    describe(`${row.op.kind} ${row.op.path}: ${row.what}`, () => {
      for (const actor of ACTORS) {
        const allowed = row.allowed.includes(actor);
        it(`${actor}: ${allowed ? 'allow' : 'deny'}`, async () => {
          const uid = actor === 'unauthenticated' ? null : UID[actor];
          const request = perform(storageOf(uid), row.op, uid ?? 'mia');
          await (allowed ? expectAllowed(request) : expectDenied(request, DENIED));
        });
      }
      if (row.allowed.length === 0) {
        it('control: the same request succeeds with rules disabled', async () => {
          await env.withSecurityRulesDisabled(async (context) => {
            await expectAllowed(perform(modularStorage(context), row.op, 'mia'));
          });
        });
      }
    });
  }

  describe('named attacks', () => {
    const mia = () => storageOf('mia');
    const chatObject = (name: string) => ref(mia(), storagePaths.chatMedia(CHAT, `msg-${++counter}`, name));

    it('an upload over the image limit', async () => {
      await expectDenied(uploadBytes(chatObject('big.jpg'), bytes(MEDIA_LIMITS.image.maxBytes + 1), media('image', 'image/jpeg')), DENIED);
      await expectAllowed(uploadBytes(chatObject('big.jpg'), bytes(MEDIA_LIMITS.image.maxBytes), media('image', 'image/jpeg')));
    });
    it('an "image" whose content type is not an image', async () => {
      await expectDenied(uploadBytes(chatObject('x.exe'), bytes(1024), media('image', 'application/x-msdownload')), DENIED);
      await expectAllowed(uploadBytes(chatObject('x.exe'), bytes(1024), media('file', 'application/x-msdownload')));
    });
    it('a video passed off as an image to dodge the kind limit', async () => {
      const size = MEDIA_LIMITS.image.maxBytes + 1024;
      await expectDenied(uploadBytes(chatObject('clip.mp4'), bytes(size), media('image', 'video/mp4')), DENIED);
      await expectAllowed(uploadBytes(chatObject('clip.mp4'), bytes(size), media('video', 'video/mp4')));
    });
    it('an upload without the kind metadata', async () => {
      await expectDenied(uploadBytes(chatObject('a.jpg'), bytes(1024), { contentType: 'image/jpeg' }), DENIED);
      await expectAllowed(uploadBytes(chatObject('a.jpg'), bytes(1024), media('image', 'image/jpeg')));
    });
    it('an audio note with a made-up content type', async () => {
      await expectDenied(uploadBytes(chatObject('note.ogg'), bytes(1024), media('audio', 'audio/x-anything')), DENIED);
      await expectAllowed(uploadBytes(chatObject('note.ogg'), bytes(1024), media('audio', 'audio/ogg')));
    });
    it('an empty upload', async () => {
      await expectDenied(uploadBytes(chatObject('empty.jpg'), bytes(0), media('image', 'image/jpeg')), DENIED);
      await expectAllowed(uploadBytes(chatObject('empty.jpg'), bytes(1), media('image', 'image/jpeg')));
    });
    it('an avatar over 5 MiB', async () => {
      await expectDenied(uploadBytes(ref(mia(), storagePaths.avatar('mia', 'big.png')), bytes(AVATAR_MAX_BYTES + 1), { contentType: 'image/png' }), DENIED);
      await expectAllowed(uploadBytes(ref(mia(), storagePaths.avatar('mia', 'big.png')), bytes(AVATAR_MAX_BYTES), { contentType: 'image/png' }));
    });
    it('an SVG avatar (scriptable)', async () => {
      await expectDenied(uploadBytes(ref(mia(), storagePaths.avatar('mia', 'a.svg')), bytes(100), { contentType: 'image/svg+xml' }), DENIED);
      await expectAllowed(uploadBytes(ref(mia(), storagePaths.avatar('mia', 'a.svg')), bytes(100), { contentType: 'image/webp' }));
    });
    it("a former member's read of chat media", async () => {
      await expectDenied(getMetadata(ref(storageOf('fred'), SEEDED_MEDIA)), DENIED);
      await expectAllowed(getMetadata(ref(mia(), SEEDED_MEDIA)));
    });
    it("a stranger's upload into a chat", async () => {
      await expectDenied(uploadBytes(ref(storageOf('sam'), storagePaths.chatMedia(CHAT, 'msg-x', 'a.jpg')), bytes(10), media('image', 'image/jpeg')), DENIED);
      await expectAllowed(uploadBytes(ref(mia(), storagePaths.chatMedia(CHAT, 'msg-x', 'a.jpg')), bytes(10), media('image', 'image/jpeg')));
    });
    // An upload over an existing object is evaluated as `create`, with `resource` the object it
    // would replace (production and emulator alike); `update` governs metadata changes only.
    it('an upload over chat media someone already sent (a create with `resource` set)', async () => {
      await expectDenied(uploadBytes(ref(mia(), SEEDED_MEDIA), bytes(10), media('image', 'image/jpeg')), DENIED);
      await expectAllowed(uploadBytes(ref(mia(), storagePaths.chatMedia(CHAT, 'm2', 'photo.jpg')), bytes(10), media('image', 'image/jpeg')));
    });
    it("an upload over one's own chat media", async () => {
      const own = storagePaths.chatMedia(CHAT, 'msg-own', 'photo.jpg');
      await expectAllowed(uploadBytes(ref(mia(), own), bytes(10), media('image', 'image/jpeg')));
      await expectDenied(uploadBytes(ref(mia(), own), bytes(20), media('image', 'image/jpeg')), DENIED);
    });
    it("a change to chat media's metadata (an update)", async () => {
      const change = { customMetadata: { kind: 'file' } };
      await expectDenied(updateMetadata(ref(mia(), SEEDED_MEDIA), change), DENIED);
      await env.withSecurityRulesDisabled(async (context) => {
        await expectAllowed(updateMetadata(ref(modularStorage(context), SEEDED_MEDIA), change));
      });
    });
    it("replacing mia's avatar: mia may, a stranger may not", async () => {
      const avatar = storagePaths.avatar('mia', 'me.png');
      await expectDenied(uploadBytes(ref(storageOf('sam'), avatar), bytes(10), { contentType: 'image/png' }), DENIED);
      await expectAllowed(uploadBytes(ref(mia(), avatar), bytes(10), { contentType: 'image/png' }));
    });
    it("a banned member's upload, allowed once the ban is lifted", async () => {
      const bart = storageOf('bart');
      await expectDenied(uploadBytes(ref(bart, storagePaths.chatMedia(CHAT, 'msg-b', 'a.jpg')), bytes(10), media('image', 'image/jpeg')), DENIED);
      await env.clearFirestore();
      await seedFirestore(false);
      await expectAllowed(uploadBytes(ref(bart, storagePaths.chatMedia(CHAT, 'msg-b', 'a.jpg')), bytes(10), media('image', 'image/jpeg')));
    });
  });
});
