/**
 * The hooks every mail-sending auth suite needs: one loopback SMTP mailbox for the file, Auth and
 * Firestore cleared and the mailbox emptied before each test, and every client closed at the end.
 * Call it at the top of a test file; read `suite.mailbox` inside tests (it exists once hooks ran).
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { clearAuth, clearFirestore } from './admin.ts';
import { anonymousClient, type ClientSession } from './clients.ts';
import { Mailbox } from './mailbox.ts';

export interface MailSuite {
  readonly mailbox: Mailbox;
  /** A fresh signed-out client, closed after the file. */
  client: () => ClientSession;
  /** Closes `session` after the file. */
  track: (session: ClientSession) => ClientSession;
}

export function mailSuite(options: { afterClear?: () => Promise<unknown> } = {}): MailSuite {
  const clients: ClientSession[] = [];
  let mailbox: Mailbox | undefined;
  const suite: MailSuite = {
    get mailbox() {
      if (!mailbox) throw new Error('the mailbox starts in beforeAll; use it inside tests');
      return mailbox;
    },
    track: (session) => {
      clients.push(session);
      return session;
    },
    client: () => suite.track(anonymousClient()),
  };
  beforeAll(async () => {
    mailbox = await Mailbox.start();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await mailbox?.close();
  });
  beforeEach(async () => {
    await Promise.all([clearFirestore(), clearAuth()]);
    await options.afterClear?.();
    suite.mailbox.clear();
  });
  return suite;
}
