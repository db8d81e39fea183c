/** Trigger: a client created a message; sequence it, summarise the chat, mark the sender, queue the push. */
import { onDocumentCreated } from 'firebase-functions/v2/firestore';
import { reportErrors } from '../lib/errors.ts';
import { lazyHandler } from '../lib/lazy.ts';

const handleMessageCreated = lazyHandler(async () => (await import('./handleMessageCreated.ts')).handleMessageCreated);

export const onMessageCreated = onDocumentCreated(
  { document: 'chats/{chatId}/messages/{messageId}', retry: true },
  async (event) => {
    const { chatId, messageId } = event.params;
    await reportErrors({ function: 'onMessageCreated', eventId: event.id, data: { chatId, messageId }, rethrow: 'error' }, () =>
      handleMessageCreated({ chatId, messageId, eventId: event.id }),
    );
  },
);
