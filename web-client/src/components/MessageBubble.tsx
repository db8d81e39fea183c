/** One message: sender (groups), quoted reply, text, media or a poll, forwarded/edited marks, reactions, time and ticks. */
import { useEffect, useState } from 'react';
import type { Chat, Member, Message } from '@natter/model';
import { api } from '../lib/api.ts';
import { timeOfDay } from '../lib/format.ts';
import type { MessageView } from '../lib/firebase/messages.ts';
import { STORAGE_UNAVAILABLE } from '../lib/firebase/storage.ts';
import { receiptFor, type ReceiptState } from '../lib/receipts.ts';
import { useDisplayName, useSession } from '../state/session.tsx';
import { Ticks } from './common.tsx';
import { PollView } from './PollView.tsx';

export interface BubbleActions {
  openMenu: (view: MessageView) => void;
  jumpTo: (messageId: string) => void;
  dismissFailure: (id: string) => void;
}

export function receiptState(view: MessageView, members: Member[] | null, failure: string | null): ReceiptState | 'failed' {
  if (failure) return 'failed';
  if (view.pending || !view.message) return 'pending';
  if (!members) return 'sent';
  return receiptFor(view.seq, view.message.senderId, members).state;
}

export function MessageBubble({
  chatId,
  view,
  chat,
  members,
  failure,
  quoted,
  senderName,
  firstOfRun,
  actions,
}: {
  chatId: string;
  view: MessageView;
  chat: Chat;
  members: Member[] | null;
  failure: string | null;
  quoted: MessageView | null;
  senderName: string;
  firstOfRun: boolean;
  actions: BubbleActions;
}) {
  const { uid } = useSession();
  const message = view.message;
  if (!message) {
    return (
      <div className="bubble-row in" id={`message-${view.id}`}>
        <div className="bubble problem">This message could not be displayed ({view.problem}).</div>
      </div>
    );
  }
  if (message.type === 'system') {
    return (
      <div className="system-message" id={`message-${view.id}`} data-message-id={view.id}>
        <span>{message.text || 'Chat updated'}</span>
      </div>
    );
  }
  const mine = message.senderId === uid;
  const state = mine ? receiptState(view, members, failure) : null;
  return (
    <div
      className={`bubble-row ${mine ? 'out' : 'in'}${firstOfRun ? ' first' : ''}`}
      id={`message-${view.id}`}
      data-message-id={view.id}
      data-receipt={state ?? undefined}
    >
      <div className={`bubble${message.deletedForEveryone ? ' deleted' : ''}`}>
        {chat.type === 'group' && !mine && firstOfRun && <div className="sender">{senderName}</div>}
        {message.forwarded && !message.deletedForEveryone && <div className="forwarded">↪ Forwarded</div>}
        {message.replyTo && !message.deletedForEveryone && (
          <QuotedMessage replyTo={message.replyTo} quoted={quoted} onJump={() => actions.jumpTo(message.replyTo?.messageId ?? '')} />
        )}
        {message.deletedForEveryone ? (
          <p className="text deleted-text">
            🚫 {mine ? 'You deleted this message' : 'This message was deleted'}
            <span className={`meta-spacer${mine ? ' own' : ''}`} aria-hidden="true" />
          </p>
        ) : (
          <>
            {message.media && <MediaView media={message.media} type={message.type} />}
            {message.type === 'poll' && message.poll ? (
              <PollView chatId={chatId} pollId={view.id} question={message.text} poll={message.poll} sent={!view.pending} />
            ) : message.text && (
              <p className="text">
                {message.text}
                <span className={`meta-spacer${mine ? ' own' : ''}${message.editedAt ? ' with-edited' : ''}`} aria-hidden="true" />
              </p>
            )}
          </>
        )}
        <div className="meta">
          {message.editedAt && !message.deletedForEveryone && <span className="edited">edited</span>}
          <time dateTime={new Date(view.createdAtMs).toISOString()}>{timeOfDay(view.createdAtMs)}</time>
          {state && <Ticks state={state} />}
        </div>
        <button type="button" className="message-options" aria-label="Message options" onClick={() => actions.openMenu(view)}>
          ⌄
        </button>
      </div>
      {failure && (
        <div className="send-failure" role="alert">
          Not sent: {failure}{' '}
          <button type="button" className="link" onClick={() => actions.dismissFailure(view.id)}>
            Dismiss
          </button>
        </div>
      )}
      <Reactions chatId={chatId} view={view} message={message} />
    </div>
  );
}

function QuotedMessage({ replyTo, quoted, onJump }: { replyTo: NonNullable<Message['replyTo']>; quoted: MessageView | null; onJump: () => void }) {
  const name = useDisplayName(replyTo.senderId);
  return (
    <button type="button" className="quote" onClick={onJump} aria-label={`Reply to ${name}: ${replyTo.preview}`}>
      <span className="quote-sender">{name}</span>
      <span className="quote-text">{quoted?.message?.deletedForEveryone ? 'This message was deleted' : replyTo.preview}</span>
    </button>
  );
}

function MediaView({ media, type }: { media: NonNullable<Message['media']>; type: Message['type'] }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!api.storage.available) return;
    api.storage.mediaUrl(media.path).then(setUrl, (caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)));
  }, [media.path]);
  const size = media.size > 1_048_576 ? `${(media.size / 1_048_576).toFixed(1)} MB` : `${Math.ceil(media.size / 1024)} KB`;
  if (url && type === 'image') return <img className="media-image" src={url} alt={media.name} />;
  return (
    <div className="media-file">
      <span aria-hidden="true">{type === 'image' ? '📷' : type === 'video' ? '🎥' : type === 'audio' ? '🎤' : '📄'}</span>
      {url ? (
        <a href={url} target="_blank" rel="noreferrer">
          {media.name}
        </a>
      ) : (
        <span>{media.name}</span>
      )}
      <span className="media-size">{size}</span>
      {!api.storage.available && <span className="media-note">{STORAGE_UNAVAILABLE}</span>}
      {error && <span className="media-note">Could not load: {error}</span>}
    </div>
  );
}

function Reactions({ chatId, view, message }: { chatId: string; view: MessageView; message: Message }) {
  const { uid, report } = useSession();
  const counts = new Map<string, number>();
  for (const emoji of Object.values(message.reactions ?? {})) counts.set(emoji, (counts.get(emoji) ?? 0) + 1);
  if (counts.size === 0 || message.deletedForEveryone) return null;
  const mine = message.reactions?.[uid] ?? null;
  return (
    <div className="reactions" aria-label="Reactions">
      {[...counts].map(([emoji, count]) => (
        <button
          key={emoji}
          type="button"
          className={`reaction${mine === emoji ? ' mine' : ''}`}
          aria-pressed={mine === emoji}
          aria-label={`${emoji} ${count}${mine === emoji ? ', yours: remove' : ''}`}
          onClick={() => void api.messages.react(chatId, view.id, mine === emoji ? null : emoji).catch(report)}
        >
          {count > 1 ? `${emoji} ${count}` : emoji}
        </button>
      ))}
    </div>
  );
}
