/**
 * Authentication: the signed-in user as a subscription and every sign-in flow the app offers:
 * email + password (with sign-up, verification and reset), one-time email codes and magic links.
 * Mail is sent by Natter's callables (SMTP), so the emails look the same whatever the flow.
 */
import {
  applyActionCode,
  confirmPasswordReset,
  createUserWithEmailAndPassword,
  isSignInWithEmailLink,
  onIdTokenChanged,
  reload,
  signInWithCustomToken,
  signInWithEmailAndPassword,
  signInWithEmailLink,
  signOut,
  updateProfile,
  verifyPasswordResetCode,
  type User,
} from 'firebase/auth';
import { displayNameSchema, emailSchema } from '@natter/model';
import { call, InvalidInputError } from './functions.ts';
import type { Services } from './services.ts';

/** Where a magic-link request remembers the address, so the link completes on the same device. */
export const EMAIL_FOR_SIGN_IN_KEY = 'natter.emailForSignIn';
export const MIN_PASSWORD_LENGTH = 8;

function parseEmail(email: string): string {
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) throw new InvalidInputError('Enter a valid email address.');
  return parsed.data;
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new InvalidInputError(`Passwords need at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
}

/** Key-value storage for the magic-link email (localStorage in the browser). */
export interface KeyValueStore {
  getItem: (key: string) => string | null;
  setItem: (key: string, value: string) => void;
  removeItem: (key: string) => void;
}

export function authApi(services: Pick<Services, 'auth' | 'functions'>, store: KeyValueStore | null = null) {
  const { auth } = services;
  return {
    /** Fires with the user on sign-in, sign-out and token refresh (e.g. after verification). */
    watchUser(onChange: (user: User | null) => void): () => void {
      return onIdTokenChanged(auth, onChange);
    },

    async signInWithPassword(email: string, password: string): Promise<User> {
      return (await signInWithEmailAndPassword(auth, parseEmail(email), password)).user;
    },

    /** Creates an account, names it and sends the verification email. */
    async signUp(email: string, password: string, displayName: string): Promise<User> {
      const name = displayNameSchema.safeParse(displayName);
      if (!name.success) throw new InvalidInputError('Enter a name of 1 to 64 characters.');
      checkPassword(password);
      const { user } = await createUserWithEmailAndPassword(auth, parseEmail(email), password);
      await updateProfile(user, { displayName: name.data });
      await call(services, 'sendVerificationEmail', {});
      return user;
    },

    async sendVerificationEmail(): Promise<void> {
      await call(services, 'sendVerificationEmail', {});
    },

    /** Re-reads the account (after the user clicked the verification link elsewhere). */
    async refreshUser(): Promise<User | null> {
      if (!auth.currentUser) return null;
      await reload(auth.currentUser);
      await auth.currentUser.getIdToken(true);
      return auth.currentUser;
    },

    async sendPasswordReset(email: string): Promise<void> {
      await call(services, 'sendPasswordReset', { email: parseEmail(email) });
    },

    /** The email a reset link belongs to (also proves the link is still valid). */
    async checkPasswordResetCode(oobCode: string): Promise<string> {
      return verifyPasswordResetCode(auth, oobCode);
    },

    async completePasswordReset(oobCode: string, newPassword: string): Promise<void> {
      checkPassword(newPassword);
      await confirmPasswordReset(auth, oobCode, newPassword);
    },

    async applyEmailVerification(oobCode: string): Promise<void> {
      await applyActionCode(auth, oobCode);
      if (auth.currentUser) await reload(auth.currentUser);
    },

    /** Step one of code sign-in: Natter mails a 6-digit code. */
    async requestEmailCode(email: string): Promise<void> {
      await call(services, 'requestEmailCode', { email: parseEmail(email) });
    },

    /** Step two: the code becomes a custom token, and the token a session. */
    async signInWithEmailCode(email: string, code: string): Promise<User> {
      const { token } = await call(services, 'verifyEmailCode', { email: parseEmail(email), code: code.trim() });
      return (await signInWithCustomToken(auth, token)).user;
    },

    /** Mails a magic link that brings the user back to `continueUrl` signed in. */
    async sendSignInLink(email: string, continueUrl: string): Promise<void> {
      const address = parseEmail(email);
      await call(services, 'sendSignInLink', { email: address, continueUrl });
      store?.setItem(EMAIL_FOR_SIGN_IN_KEY, address);
    },

    isSignInLink(url: string): boolean {
      return isSignInWithEmailLink(auth, url);
    },

    /** The address remembered on this device, or null: then the user is asked for it. */
    rememberedSignInEmail(): string | null {
      return store?.getItem(EMAIL_FOR_SIGN_IN_KEY) ?? null;
    },

    async completeSignInLink(email: string, url: string): Promise<User> {
      const { user } = await signInWithEmailLink(auth, parseEmail(email), url);
      store?.removeItem(EMAIL_FOR_SIGN_IN_KEY);
      return user;
    },

    async signOut(): Promise<void> {
      await signOut(auth);
    },
  };
}
export type AuthApi = ReturnType<typeof authApi>;
