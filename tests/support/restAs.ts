/**
 * Writes to the Firestore emulator over its REST API as a given signed-in user (an unsigned token,
 * which the emulator accepts as it accepts the SDK's mock tokens), so the security rules judge
 * every write without a client SDK instance per user: hundreds of users can write at once, as in
 * a real burst. Fields in `requestTime` get the server's request time (what `serverTimestamp()`
 * sends).
 */
import { PROJECT_ID, emulatorPort } from './env.ts';

type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };

function encode(value: Plain): Record<string, unknown> {
  if (value === null) return { nullValue: null };
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { booleanValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { integerValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(encode) } };
  return { mapValue: { fields: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)])) } };
}

function tokenFor(uid: string): string {
  const part = (data: object) => Buffer.from(JSON.stringify(data)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: `https://securetoken.google.com/${PROJECT_ID}`,
    aud: PROJECT_ID,
    iat: now,
    exp: now + 3600,
    auth_time: now,
    sub: uid,
    user_id: uid,
    firebase: { sign_in_provider: 'custom', identities: {} },
  };
  return `${part({ alg: 'none', type: 'JWT' })}.${part(payload)}.`;
}

const base = () => `http://127.0.0.1:${emulatorPort('firestore')}/v1/projects/${PROJECT_ID}/databases/(default)/documents`;

/** One write as `uid`: a set of `fields` (or a delete when `fields` is null). Resolves to the HTTP status. */
export async function writeAs(uid: string, path: string, fields: Record<string, Plain> | null, requestTime: string[] = []): Promise<number> {
  const name = `projects/${PROJECT_ID}/databases/(default)/documents/${path}`;
  const write = fields === null
    ? { delete: name }
    : {
        update: { name, fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, encode(v)])) },
        ...(requestTime.length > 0 ? { updateTransforms: requestTime.map((fieldPath) => ({ fieldPath, setToServerValue: 'REQUEST_TIME' })) } : {}),
      };
  const response = await fetch(`${base()}:commit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenFor(uid)}` },
    body: JSON.stringify({ writes: [write] }),
  });
  await response.arrayBuffer();
  return response.status;
}
