/** The slice of `smtp-server` (3.x, installed with maildev) that tests/support/mailbox.ts uses. */
declare module 'smtp-server' {
  import type { Server } from 'node:net';
  import type { Readable } from 'node:stream';

  export interface SMTPServerAddress {
    address: string;
  }
  export interface SMTPServerSession {
    envelope: { mailFrom: SMTPServerAddress | false; rcptTo: SMTPServerAddress[] };
  }
  type Done = (error?: Error | null) => void;
  export interface SMTPServerOptions {
    authOptional?: boolean;
    disabledCommands?: string[];
    hideSTARTTLS?: boolean;
    logger?: boolean;
    size?: number;
    onRcptTo?(address: SMTPServerAddress, session: SMTPServerSession, callback: Done): void;
    onData?(stream: Readable, session: SMTPServerSession, callback: Done): void;
  }
  export class SMTPServer {
    constructor(options?: SMTPServerOptions);
    server: Server;
    listen(port: number, host: string, callback?: () => void): void;
    close(callback?: () => void): void;
    on(event: 'error', listener: (error: Error) => void): this;
  }
}
