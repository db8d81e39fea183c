/**
 * The emails Natter sends, each as a subject, a plain-text body and an HTML body. Plain markup with
 * inline styles, no images, no remote resources, no tracking; every interpolated value is escaped.
 */

export const PRODUCT_NAME = 'Natter';

export interface Email {
  subject: string;
  text: string;
  html: string;
}

/**
 * Lifetimes Firebase Auth gives its action links, as Firebase engineers have stated them (Admin SDK
 * links cannot choose their own): sign-in 6 hours, password reset 1 hour, verification 3 days.
 */
export const LINK_LIFETIMES = { signIn: '6 hours', passwordReset: '1 hour', verification: '3 days' } as const;

const IGNORE_LINE = "Didn't ask for this? You can ignore this email: nothing happens unless someone uses it.";

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

interface Layout {
  subject: string;
  heading: string;
  intro: string;
  /** A button (link emails) or a large code (code emails). */
  action: { kind: 'link'; label: string; url: string } | { kind: 'code'; code: string };
  expiry: string;
  ignore?: string;
}

function render({ subject, heading, intro, action, expiry, ignore = IGNORE_LINE }: Layout): Email {
  const actionText =
    action.kind === 'link' ? `${action.label}:\n${action.url}` : `Your code: ${action.code}`;
  const text = [heading, '', intro, '', actionText, '', expiry, '', ignore, '', `- ${PRODUCT_NAME}`].join('\n');

  const actionHtml =
    action.kind === 'link'
      ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#128c7e;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold">${escapeHtml(action.label)}</a></p>
<p style="font-size:13px;color:#555555">Or paste this address into your browser:<br><span style="word-break:break-all">${escapeHtml(action.url)}</span></p>`
      : `<p style="margin:24px 0;font-size:32px;letter-spacing:8px;font-weight:bold;font-family:monospace">${escapeHtml(action.code)}</p>`;
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;font-family:Helvetica,Arial,sans-serif;color:#111111;background:#ffffff">
<h1 style="font-size:20px">${escapeHtml(heading)}</h1>
<p>${escapeHtml(intro)}</p>
${actionHtml}
<p>${escapeHtml(expiry)}</p>
<p style="color:#555555">${escapeHtml(ignore)}</p>
<p style="color:#555555">${escapeHtml(PRODUCT_NAME)}</p>
</body>
</html>
`;
  return { subject, text, html };
}

export function signInLinkEmail({ link }: { link: string }): Email {
  return render({
    subject: `Sign in to ${PRODUCT_NAME}`,
    heading: `Sign in to ${PRODUCT_NAME}`,
    intro: `Someone asked to sign in to ${PRODUCT_NAME} with this email address. If it was you, use the link below on the device where you asked.`,
    action: { kind: 'link', label: `Sign in to ${PRODUCT_NAME}`, url: link },
    expiry: `The link works once and expires in ${LINK_LIFETIMES.signIn}.`,
  });
}

export function signInCodeEmail({ code, ttlMinutes }: { code: string; ttlMinutes: number }): Email {
  return render({
    subject: `${code} is your ${PRODUCT_NAME} code`,
    heading: `Your ${PRODUCT_NAME} sign-in code`,
    intro: `Enter this code in ${PRODUCT_NAME} to sign in. Never share it: ${PRODUCT_NAME} will never ask you for it.`,
    action: { kind: 'code', code },
    expiry: `The code works once and expires in ${ttlMinutes} minutes. Asking for a new code cancels this one.`,
  });
}

export function verificationEmail({ link }: { link: string }): Email {
  return render({
    subject: `Confirm your email for ${PRODUCT_NAME}`,
    heading: 'Confirm your email address',
    intro: `Thanks for signing up to ${PRODUCT_NAME}. Confirm that this address is yours.`,
    action: { kind: 'link', label: 'Confirm my email', url: link },
    expiry: `The link works once and expires in ${LINK_LIFETIMES.verification}.`,
  });
}

export function passwordResetEmail({ link }: { link: string }): Email {
  return render({
    subject: `Reset your ${PRODUCT_NAME} password`,
    heading: 'Reset your password',
    intro: `Someone asked to reset the password of the ${PRODUCT_NAME} account for this address. If it was you, choose a new password.`,
    action: { kind: 'link', label: 'Choose a new password', url: link },
    expiry: `The link works once and expires in ${LINK_LIFETIMES.passwordReset}.`,
    ignore: "Didn't ask for this? You can ignore this email: your password stays as it is.",
  });
}

/**
 * Sent instead of a reset link when no account uses the address, so the caller's response (and the
 * work behind it) is the same whether or not the account exists.
 */
export function noAccountEmail({ appUrl }: { appUrl: string }): Email {
  return render({
    subject: `Reset your ${PRODUCT_NAME} password`,
    heading: 'No account uses this address',
    intro: `Someone asked to reset a ${PRODUCT_NAME} password for this email address, but no ${PRODUCT_NAME} account uses it. If it was you, you may have signed up with another address, or you can sign in with a link or a code to create an account.`,
    action: { kind: 'link', label: `Open ${PRODUCT_NAME}`, url: appUrl },
    expiry: 'Nothing was changed.',
  });
}
