/** Trigger: a message changed (edit, delete for everyone, reaction...); keep the chat summary in step. */
import { onDocumentUpdated } from 'firebase-functions/v2/firestore';
import { lazyHandler } from '../lib/lazy.ts';

const handleMessageUpdated = lazyHandler(async () => (await import('./handleMessageUpdated.ts')).handleMessageUpdated);

export const onMessageUpdated = onDocumentUpdated(
  { document: 'chats/{chatId}/messages/{messageId}', retry: true },
  async (event) => {
    await handleMessageUpdated({
      chatId: event.params.chatId,
      messageId: event.params.messageId,
      eventId: event.id,
      before: event.data?.before.data(),
      after: event.data?.after.data(),
    });
  },
);
