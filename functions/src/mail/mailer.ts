/**
 * Natter's one way to send email: nodemailer over SMTP, configured by params and the SMTP_PASSWORD
 * secret (bind `MAIL_SECRETS` from params to any function that mails). nodemailer is imported on first use so
 * functions that never mail don't pay for it at cold start.
 */
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { SMTP_FROM, SMTP_HOST, SMTP_PASSWORD, SMTP_PORT, SMTP_USER } from '../lib/params.ts';
import type { Email } from './templates.ts';


/** The SMTP server refused the message or could not be reached; nothing was delivered. */
export class MailUnavailableError extends Error {
  /** A short, non-personal cause for logs (nodemailer's error code), never the address. */
  readonly reason: string;

  constructor(reason: string) {
    super(`mail could not be sent (${reason})`);
    this.name = 'MailUnavailableError';
    this.reason = reason;
  }
}

interface SmtpSettings {
  host: string;
  port: number;
  user: string;
  password: string;
  from: string;
}

function settings(): SmtpSettings {
  return {
    host: SMTP_HOST.value(),
    port: SMTP_PORT.value(),
    user: SMTP_USER.value(),
    password: SMTP_USER.value() !== '' ? SMTP_PASSWORD.value() : '',
    from: SMTP_FROM.value(),
  };
}

type SmtpTransporter = Transporter<SMTPTransport.SentMessageInfo>;

let cached: { key: string; transport: SmtpTransporter } | undefined;

async function transport(smtp: SmtpSettings): Promise<SmtpTransporter> {
  const key = JSON.stringify(smtp);
  if (cached?.key === key) return cached.transport;
  const nodemailer = await import('nodemailer');
  const created = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.port === 465,
    // Credentials never cross the network in clear: with a user, STARTTLS is mandatory.
    requireTLS: smtp.port !== 465 && smtp.user !== '',
    auth: smtp.user !== '' ? { user: smtp.user, pass: smtp.password } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  cached = { key, transport: created };
  return created;
}

/** Sends one email; throws MailUnavailableError when the SMTP server does not accept it. */
export async function sendMail(to: string, email: Email): Promise<void> {
  const smtp = settings();
  try {
    const info = await (await transport(smtp)).sendMail({
      from: smtp.from,
      to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
    if (info.rejected.length > 0) throw new MailUnavailableError('recipient rejected');
  } catch (error) {
    if (error instanceof MailUnavailableError) throw error;
    throw new MailUnavailableError(errorCode(error));
  }
}

function errorCode(error: unknown): string {
  if (typeof error !== 'object' || error === null) return 'unknown';
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  return [typeof code === 'string' ? code : 'unknown', typeof responseCode === 'number' ? String(responseCode) : null]
    .filter(Boolean)
    .join(' ');
}
