/**
 * The message composer: text (Enter sends, Shift+Enter breaks the line, Escape cancels), replies
 * with a quoted preview, editing, attachments with upload progress where Storage exists, and the
 * reasons sending is not possible (admins-only group, blocked contact, no longer a member).
 */
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Chat, Member, Message } from '@natter/model';
import { messagePreview } from '@natter/model';
import { api } from '../lib/api.ts';
import type { SentMessage } from '../lib/firebase/messages.ts';
import { STORAGE_UNAVAILABLE } from '../lib/firebase/storage.ts';
import { useDisplayName, useSession } from '../state/session.tsx';
import { otherMember } from '../state/chatTitle.ts';
import { Notice } from './common.tsx';
import { PollDialog } from './PollDialog.tsx';
import { ScheduleDialog } from './ScheduleDialog.tsx';

export type ComposerMode = { kind: 'new' } | { kind: 'reply'; id: string; message: Message } | { kind: 'edit'; id: string; message: Message };

export interface ComposerProps {
  chatId: string;
  chat: Chat;
  me: Member | null;
  removed: boolean;
  mode: ComposerMode;
  setMode: (mode: ComposerMode) => void;
  track: (sent: SentMessage) => void;
}

export function Composer({ chatId, chat, me, removed, mode, setMode, track }: ComposerProps) {
  const { uid, blocked, report } = useSession();
  const [text, setText] = useState('');
  const [upload, setUpload] = useState<{ name: string; fraction: number } | null>(null);
  const [storageNotice, setStorageNotice] = useState(false);
  const [scheduling, setScheduling] = useState(false);
  const [polling, setPolling] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const file = useRef<HTMLInputElement>(null);
  const quotedName = useDisplayName(mode.kind === 'reply' ? mode.message.senderId : null);

  useEffect(() => {
    if (mode.kind === 'edit') setText(mode.message.text);
    if (mode.kind !== 'new') input.current?.focus();
  }, [mode]);
  useEffect(() => setText(''), [chatId]);
  // Grow with the text up to the CSS max-height, like a chat app's composer.
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
  }, [text]);

  const other = otherMember(chat, uid);
  if (removed) return <div className="composer-blocked">You are no longer a member of this group.</div>;
  if (chat.settings.onlyAdminsCanSend && me?.role !== 'admin') {
    return <div className="composer-blocked">Only admins can send messages to this group.</div>;
  }
  if (other && blocked.has(other)) {
    return (
      <div className="composer-blocked">
        You blocked this contact.{' '}
        <button type="button" className="link" onClick={() => void api.users.unblock(other).catch(report)}>
          Unblock
        </button>
      </div>
    );
  }

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const value = text.trim();
    if (!value) return;
    try {
      if (mode.kind === 'edit') {
        api.messages.edit(chatId, mode.id, mode.message, text).catch(report);
      } else {
        track(api.messages.sendText(chatId, text, mode.kind === 'reply' ? { id: mode.id, message: mode.message } : undefined));
      }
      setText('');
      setMode({ kind: 'new' });
    } catch (error) {
      report(error);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && mode.kind !== 'new') {
      setMode({ kind: 'new' });
      setText('');
    }
  }

  async function attach(selected: File) {
    const messageId = api.messages.newMessageId(chatId);
    setUpload({ name: selected.name, fraction: 0 });
    try {
      const { kind, media } = await api.storage.uploadChatMedia(chatId, messageId, selected, (fraction) => setUpload({ name: selected.name, fraction }));
      track(api.messages.send(chatId, { type: kind, text: text.trim(), media }, messageId));
      setText('');
    } catch (error) {
      report(error);
    } finally {
      setUpload(null);
    }
  }

  return (
    <>
    <form className="composer" onSubmit={submit} aria-label="Send a message">
      {mode.kind !== 'new' && (
        <div className={`composer-context ${mode.kind}`}>
          <div>
            <strong>{mode.kind === 'reply' ? `Replying to ${quotedName}` : 'Editing message'}</strong>
            <span className="quote-text">{messagePreview(mode.message)}</span>
          </div>
          <button type="button" className="icon-button" aria-label={mode.kind === 'reply' ? 'Cancel reply' : 'Cancel editing'} onClick={() => { setMode({ kind: 'new' }); setText(''); }}>
            ✕
          </button>
        </div>
      )}
      {upload && (
        <div className="upload" role="status">
          Uploading {upload.name}… {Math.round(upload.fraction * 100)}%
          <progress max={1} value={upload.fraction} />
        </div>
      )}
      {storageNotice && (
        <Notice kind="warning">
          {STORAGE_UNAVAILABLE}{' '}
          <button type="button" className="link" onClick={() => setStorageNotice(false)}>
            OK
          </button>
        </Notice>
      )}
      <div className="composer-row">
        <button
          type="button"
          className="icon-button"
          aria-label="Attach a photo or file"
          disabled={upload !== null || mode.kind === 'edit'}
          onClick={() => (api.storage.available ? file.current?.click() : setStorageNotice(true))}
        >
          📎
        </button>
        <input
          ref={file}
          type="file"
          hidden
          onChange={(event) => {
            const selected = event.target.files?.[0];
            event.target.value = '';
            if (selected) void attach(selected);
          }}
        />
        <textarea
          ref={input}
          rows={1}
          aria-label="Message"
          placeholder={mode.kind === 'edit' ? 'Edit message' : 'Message'}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            if (event.target.value) api.database.typing(chatId, uid, report);
          }}
          onKeyDown={onKeyDown}
        />
        <button
          type="button"
          className="icon-button"
          aria-label="Create a poll"
          title="Create a poll"
          disabled={mode.kind !== 'new'}
          onClick={() => setPolling(true)}
        >
          📊
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Schedule a message"
          title="Schedule a message"
          disabled={mode.kind === 'edit'}
          onClick={() => setScheduling(true)}
        >
          ⏰
        </button>
        <button type="submit" className="send" aria-label={mode.kind === 'edit' ? 'Save edit' : 'Send'} disabled={!text.trim()}>
          {mode.kind === 'edit' ? '✓' : '➤'}
        </button>
      </div>
    </form>
    {polling && <PollDialog chatId={chatId} onClose={() => setPolling(false)} track={track} />}
    {scheduling && (
      <ScheduleDialog chatId={chatId} initialText={text} onClose={() => setScheduling(false)} onScheduled={() => setText('')} />
    )}
    </>
  );
}
