import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInCodeEmail, signInLinkEmail } from '../../functions/src/mail/templates.ts';
import { Mailbox, codeFrom, linkFrom } from './mailbox.ts';

let box: Mailbox;
beforeAll(async () => {
  box = await Mailbox.start(0);
});
afterAll(async () => {
  await box.close();
});

function transport() {
  return createTransport({ host: '127.0.0.1', port: box.port, secure: false, ignoreTLS: true });
}

describe('test mailbox', () => {
  it('receives nodemailer multipart mail and decodes text, HTML, link and code', async () => {
    const link = `http://127.0.0.1:9099/emulator/action?mode=signIn&lang=en&oobCode=${'x'.repeat(90)}&apiKey=fake-api-key&continueUrl=http%3A%2F%2Flocalhost%3A5173%2F%C3%A9`;
    const email = signInLinkEmail({ link });
    await transport().sendMail({ from: 'a@natter.test', to: 'Ana@Natter.test', subject: email.subject, text: `${email.text} — é`, html: email.html });
    const mail = await box.latest('ana@natter.test');
    expect(mail.subject).toBe(email.subject);
    expect(linkFrom(mail)).toBe(link);
    expect(mail.text).toContain('— é');
    expect(mail.html).toContain('oobCode=');

    const code = signInCodeEmail({ code: '004217', ttlMinutes: 10 });
    await transport().sendMail({ from: 'a@natter.test', to: 'ben@natter.test', ...code });
    expect(codeFrom(await box.latest('ben@natter.test'))).toBe('004217');
  });

  it('refuses recipients starting with smtp-reject, so senders see a failure', async () => {
    await expect(transport().sendMail({ from: 'a@natter.test', to: 'smtp-reject@natter.test', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
    expect(box.to('smtp-reject@natter.test')).toEqual([]);
  });
});
