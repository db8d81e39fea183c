/**
 * Bearer authentication for the admin API: a Firebase ID token, verified with revocation checked
 * (so a revoked, disabled or deleted account is refused even while its token is unexpired). The
 * role comes only from the verified token's custom claims.
 */
import type { Auth } from 'firebase-admin/auth';
import type { StaffRole } from '@natter/model';
import { firebaseErrorCode } from '../errors.ts';
import { staffRoleOf } from '../services/staff.ts';
import { ApiError } from './problem.ts';

export interface Caller {
  uid: string;
  role: StaffRole | null;
}

/** A compact JWS: three base64url parts (the Auth emulator's unsigned tokens have an empty third part). */
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="natter-admin"' };
const INVALID_TOKEN = { 'WWW-Authenticate': 'Bearer realm="natter-admin", error="invalid_token"' };

const REASONS: Record<string, string> = {
  'auth/id-token-expired': 'The ID token has expired; get a fresh one.',
  'auth/id-token-revoked': 'The ID token has been revoked; sign in again.',
  'auth/user-disabled': 'The account is disabled.',
  'auth/user-not-found': 'The account no longer exists.',
};

export async function authenticate(auth: Auth, header: string | undefined): Promise<Caller> {
  if (header === undefined || header === '') {
    throw new ApiError('unauthenticated', 'Send a Firebase ID token as `Authorization: Bearer <token>`.', { headers: CHALLENGE });
  }
  const token = BEARER.exec(header)?.[1];
  if (token === undefined) throw new ApiError('unauthenticated', 'The Authorization header is not a bearer token.', { headers: INVALID_TOKEN });
  try {
    const decoded = await auth.verifyIdToken(token, true);
    return { uid: decoded.uid, role: staffRoleOf(decoded) };
  } catch (error) {
    const code = firebaseErrorCode(error);
    if (code !== null && code.startsWith('auth/') && code !== 'auth/internal-error') {
      throw new ApiError('unauthenticated', REASONS[code] ?? 'The ID token is not valid.', { headers: INVALID_TOKEN });
    }
    throw new ApiError('unavailable', 'The token could not be checked; try again.');
  }
}
