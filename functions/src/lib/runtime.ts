/** Facts about where the code runs: the emulator suite (or a test process pointed at it) or Google. */
import { randomBytes, createHash } from 'node:crypto';

/** True inside the Functions emulator and in test processes talking to the emulators. */
export function isEmulated(): boolean {
  return process.env.FUNCTIONS_EMULATOR === 'true' || Boolean(process.env.FIRESTORE_EMULATOR_HOST);
}

/** A short random id for lease owners and run ids (not a secret). */
export function randomId(bytes = 9): string {
  return randomBytes(bytes).toString('base64url');
}

/** A stable, path- and task-id-safe key for any tuple of strings (hex, 32 characters). */
export function stableKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}
