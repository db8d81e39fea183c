/**
 * The admin API through the Functions emulator, with real ID tokens from the Auth emulator:
 * `apiFetch` sends one request and returns status, headers and the parsed body; `tokenFor` signs
 * a user in with the client SDK (creating them, with an optional staff role) and returns the ID
 * token the Auth emulator issued.
 */
import http from 'node:http';
import { adminAuth } from './admin.ts';
import { signedInClient, type ClientSession } from './clients.ts';
import { functionsUrl } from './env.ts';

export const API_URL = functionsUrl('api');

export interface ApiResponse {
  status: number;
  headers: Headers;
  contentType: string;
  text: string;
  /** The parsed body when it is JSON, otherwise undefined. */
  json: unknown;
}

export interface ApiRequest {
  token?: string | null;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent byte for byte (for malformed bodies); wins over `body`. */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

export async function apiFetch(method: string, path: string, request: ApiRequest = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.token) headers.authorization = `Bearer ${request.token}`;
  let body: string | Uint8Array | undefined;
  if (request.rawBody !== undefined) body = request.rawBody;
  else if (request.body !== undefined) body = JSON.stringify(request.body);
  if (body !== undefined && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${API_URL}${path}`, { method, headers, body });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  let json: unknown;
  if (/json/.test(contentType)) {
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      json = undefined;
    }
  }
  return { status: response.status, headers: response.headers, contentType, text, json };
}

export interface SignedIn {
  uid: string;
  token: string;
  session: ClientSession;
}

/** Signs `uid` in through the client SDK (role `null` clears any staff role) and returns its ID token. */
export async function tokenFor(uid: string, role: 'admin' | 'moderator' | null = null): Promise<SignedIn> {
  await adminAuth.getUser(uid).catch(() => adminAuth.createUser({ uid, email: `${uid}@natter.test`, emailVerified: true }));
  await adminAuth.setCustomUserClaims(uid, role ? { role } : {});
  const session = await signedInClient(uid);
  const user = session.auth.currentUser;
  if (!user) throw new Error(`${uid} is not signed in`);
  return { uid, token: await user.getIdToken(), session };
}

/**
 * One request with node:http, which (unlike fetch) sends a body with any method: GET and DELETE
 * routes must be seen rejecting bodies too.
 */
export function rawRequest(
  method: string,
  pathAndQuery: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<{ status: number; contentType: string; text: string }> {
  const url = new URL(`${API_URL}${pathAndQuery}`);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Runs `task` over `items` with at most `limit` in flight, keeping results in order. */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
