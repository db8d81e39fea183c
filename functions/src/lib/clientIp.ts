/**
 * The caller's IP for per-IP rate limits. `X-Forwarded-For` lists addresses left to right as
 * proxies appended them, and a client can write anything it likes at the left; only the entries
 * the trusted proxies appended at the right can be believed. Taking the first entry (as many
 * tutorials do) lets an attacker pick a fresh "IP" per request and never meet the limit.
 */
export function clientIp(forwardedFor: string | string[] | undefined, socketIp: string | undefined, trustedHops: number): string {
  const entries = [forwardedFor ?? []]
    .flat()
    .flatMap((header) => header.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const hops = Math.max(1, Math.trunc(trustedHops));
  // Fewer entries than trusted hops: the request did not come through the proxies we expect.
  const trusted = entries.length >= hops ? entries[entries.length - hops] : undefined;
  return trusted ?? socketIp ?? 'unknown';
}
