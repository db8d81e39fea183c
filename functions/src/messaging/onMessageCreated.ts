/** Trigger: a client created a message; sequence it, summarise the chat, mark the sender, queue the push. */
import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import { handleMessageCreated } from './handleMessageCreated.ts';

export const onMessageCreated = onDocumentCreated(
  { document: 'chats/{chatId}/messages/{messageId}', retry: true },
  async (event) => {
    await handleMessageCreated({ chatId: event.params.chatId, messageId: event.params.messageId, eventId: event.id });
  },
);
