/**
 * A real SMTP server on loopback for tests, on the port the functions mail to (1025 + offset): it
 * keeps every message, parsed into subject, text and HTML, and refuses recipients whose address
 * starts with `smtp-reject` (550) so tests can see what a failed send does.
 */
import { SMTPServer } from 'smtp-server';
import { DEV_PORTS } from './env.ts';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Map<string, string>;
  raw: string;
}

export const REJECTED_PREFIX = 'smtp-reject';

export class Mailbox {
  private readonly server: SMTPServer;
  readonly messages: ReceivedMail[];

  private constructor(server: SMTPServer, messages: ReceivedMail[]) {
    this.server = server;
    this.messages = messages;
  }

  static async start(port: number = DEV_PORTS.smtp): Promise<Mailbox> {
    const messages: ReceivedMail[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.toLowerCase().startsWith(REJECTED_PREFIX)) {
          callback(Object.assign(new Error('Mailbox unavailable (test rejection)'), { responseCode: 550 }));
        } else {
          callback();
        }
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          messages.push(parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address)));
          callback();
        });
      },
    });
    const box = new Mailbox(server, messages);
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return box;
  }

  /** The port actually bound (start with port 0 for an ephemeral one). */
  get port(): number {
    const address = this.server.server.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  }

  clear(): void {
    this.messages.length = 0;
  }

  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()));
  }

  /** The newest message to `address`, waiting for it to arrive (sends are synchronous, so it's usually there). */
  async latest(address: string, { timeoutMs = 10_000 } = {}): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.to(address).at(-1);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The 6-digit code of a sign-in code email. */
export function codeFrom(mail: ReceivedMail): string {
  const match = /Your code: (\d{6})/.exec(mail.text);
  if (!match?.[1]) throw new Error(`no code in mail "${mail.subject}"`);
  return match[1];
}

/** The first http(s) link in the text body (the action link of every Natter email). */
export function linkFrom(mail: ReceivedMail): string {
  const match = /^(https?:\/\/\S+)$/m.exec(mail.text);
  if (!match?.[1]) throw new Error(`no link in mail "${mail.subject}"`);
  return match[1];
}

// --- A small MIME reader: enough for nodemailer's output (multipart, quoted-printable, base64). ---

interface Part {
  headers: Map<string, string>;
  body: string;
}

function splitPart(raw: string): Part {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at === -1 ? raw : raw.slice(0, at);
  const body = at === -1 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** `=XX` escapes to UTF-8 text; everything else is taken literally. */
function decodeQuoted(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const hex = text.slice(i + 1, i + 3);
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuoted(part.body.replace(/=\r?\n/g, ''));
  return part.body;
}

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, kind: string, text: string) =>
    kind.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuoted(text.replace(/_/g, ' ')),
  );
}

function leaves(part: Part): Part[] {
  const type = part.headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.toLowerCase().startsWith('multipart/') || !boundary) return [part];
  return part.body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith('--'))
    .flatMap((chunk) => leaves(splitPart(chunk.replace(/^\r?\n/, ''))));
}

export function parseMail(raw: string, to: string[]): ReceivedMail {
  const top = splitPart(raw);
  const parts = leaves(top);
  const bodyOf = (mime: string) => {
    const part = parts.find((p) => (p.headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith(mime));
    return part ? decodeBody(part).replace(/\r\n/g, '\n') : '';
  };
  return {
    from: top.headers.get('from') ?? '',
    to: to.map((address) => address.toLowerCase()),
    subject: decodeWords(top.headers.get('subject') ?? ''),
    text: bodyOf('text/plain'),
    html: bodyOf('text/html'),
    headers: top.headers,
    raw,
  };
}
