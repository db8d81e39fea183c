import { describe, expect, it } from 'vitest';
import { PRODUCT_NAME, noAccountEmail, passwordResetEmail, signInCodeEmail, signInLinkEmail, verificationEmail, type Email } from './templates.ts';

const link = 'https://natter.example/__/auth/action?mode=signIn&oobCode=abc&continueUrl=https%3A%2F%2Fnatter.example';
const emails: [string, Email, RegExp][] = [
  ['sign-in link', signInLinkEmail({ link }), /expires in 6 hours/],
  ['sign-in code', signInCodeEmail({ code: '012345', ttlMinutes: 10 }), /expires in 10 minutes/],
  ['verification', verificationEmail({ link }), /expires in 3 days/],
  ['password reset', passwordResetEmail({ link }), /expires in 1 hour/],
  ['no account', noAccountEmail({ appUrl: 'https://natter.example' }), /Nothing was changed/],
];

describe('email templates', () => {
  it.each(emails)('%s: names the product, states the expiry and says what to do if unasked, in text and HTML', (_name, email, expiry) => {
    for (const body of [email.text, email.html]) {
      expect(body).toContain(PRODUCT_NAME);
      expect(body).toMatch(expiry);
      expect(body).toMatch(/(Didn't|Didn&#39;t) ask for this\?|If it was you/);
    }
    expect(email.subject).toContain(PRODUCT_NAME);
  });

  it.each(emails)('%s: has no images, remote resources or scripts (no tracking)', (_name, email) => {
    expect(email.html).not.toMatch(/<img|<script|<link|<iframe|url\(|src=/i);
    const hrefs = [...email.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
  });

  it('puts the link in both bodies, escaped in HTML', () => {
    const email = signInLinkEmail({ link });
    expect(email.text).toContain(link);
    expect(email.html).toContain(link.replaceAll('&', '&amp;'));
    expect(email.html).not.toContain('oobCode=abc&continueUrl');
  });

  it('escapes hostile values in HTML', () => {
    const email = signInLinkEmail({ link: 'https://x.test/"><script>alert(1)</script>' });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;');
  });

  it('shows the code in both bodies', () => {
    const email = signInCodeEmail({ code: '012345', ttlMinutes: 10 });
    expect(email.text).toContain('012345');
    expect(email.html).toContain('012345');
  });
});
