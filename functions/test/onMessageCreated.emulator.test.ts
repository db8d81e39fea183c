import { beforeEach, describe, expect, it } from 'vitest';
import { Timestamp } from 'firebase-admin/firestore';
import { DEFAULT_CHAT_SETTINGS, chatSchema, paths, type Chat } from '@natter/model';
import { adminDb, clearFirestore, eventually } from '../../tests/support/admin.ts';

const chatId = 'trigger-test-chat';

function chatDoc(): Chat {
  return {
    type: 'direct',
    memberIds: ['u1', 'u2'],
    adminIds: [],
    name: null,
    description: '',
    photoURL: null,
    createdBy: 'u1',
    createdAt: Timestamp.now(),
    lastMessage: null,
    lastMessageAt: null,
    seq: 0,
    settings: DEFAULT_CHAT_SETTINGS,
  };
}

beforeEach(async () => {
  await clearFirestore();
  await adminDb.doc(paths.chat(chatId)).set(chatDoc());
});

describe('onMessageCreated on the Functions emulator', () => {
  it('fires on a new message and writes the chat summary, leaving a plain text message untouched', async () => {
    const written = await adminDb.doc(paths.message(chatId, 'm1')).set({ senderId: 'u1', type: 'text', text: 'hello there', createdAt: Timestamp.now() });

    const chat = await eventually(async () => {
      const data = chatSchema.parse((await adminDb.doc(paths.chat(chatId)).get()).data());
      return data.seq === 1 ? data : undefined;
    });
    expect(chat.lastMessage).toMatchObject({ id: 'm1', senderId: 'u1', type: 'text', preview: 'hello there', seq: 1 });
    // Recipients read the message once: the trigger never rewrites it (no `seq` on the message).
    const message = await adminDb.doc(paths.message(chatId, 'm1')).get();
    expect(message.get('seq')).toBeUndefined();
    expect(message.updateTime?.isEqual(written.writeTime)).toBe(true);
    // Nor does sending write a member document: the sender's own client moves its markers.
    expect((await adminDb.doc(paths.member(chatId, 'u1')).get()).exists).toBe(false);
  });

  it('neutralises a message whose sender is not a member instead of summarising it', async () => {
    await adminDb.doc(paths.message(chatId, 'intruder')).set({ senderId: 'mallory', type: 'text', text: 'spam', createdAt: Timestamp.now() });

    const message = await eventually(async () => {
      const data = (await adminDb.doc(paths.message(chatId, 'intruder')).get()).data();
      return data?.rejected === true ? data : undefined;
    });
    expect(message.text).toBe('');
    const chat = chatSchema.parse((await adminDb.doc(paths.chat(chatId)).get()).data());
    expect(chat.seq).toBe(0);
    expect(chat.lastMessage).toBeNull();
  });
});
