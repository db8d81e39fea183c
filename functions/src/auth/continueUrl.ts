/**
 * The continueUrl allow-list for sign-in links: exact origins (scheme, host, port), compared after
 * URL parsing so look-alikes (`localhost:5173.evil.test`, `localhost:5173@evil.test`) never pass.
 */

/** Parses the comma-separated AUTH_CONTINUE_URL_ALLOWLIST into origins; throws on a bad entry. */
export function parseAllowList(text: string): string[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const url = new URL(entry);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`allow-list entry is not http(s): ${entry}`);
      return url.origin;
    });
}

export function isAllowedContinueUrl(candidate: string, allowedOrigins: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  return allowedOrigins.includes(url.origin);
}
