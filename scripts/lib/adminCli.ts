/**
 * `npm run admin -- grant <email> --role admin|moderator|user`: bootstraps staff by setting the
 * `role` custom claim through the same service the `setUserRole` callable uses, and audits it.
 *
 * Targets: the emulators when FIREBASE_AUTH_EMULATOR_HOST is set (or with --emulators, which
 * points at this checkout's emulator ports); a real project with GOOGLE_APPLICATION_CREDENTIALS
 * and an explicit --project.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { applicationDefault, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import { emailSchema } from '@natter/model';
import type { Actor } from '../../functions/src/admin/deps.ts';
import { recordAudit } from '../../functions/src/admin/services/audit.ts';
import { setUserRole } from '../../functions/src/admin/services/roles.ts';
import { PROJECT_ID, emulatorClientEnv } from './project.mjs';

const USAGE = `Usage: npm run admin -- grant <email> --role admin|moderator|user [--project <id>] [--emulators]

  --role       admin or moderator grants that role; user removes any staff role
  --project    the Firebase project (required with GOOGLE_APPLICATION_CREDENTIALS)
  --emulators  use this checkout's emulators (ports shifted by NATTER_PORT_OFFSET)

Against the emulators: set FIREBASE_AUTH_EMULATOR_HOST (and FIRESTORE_EMULATOR_HOST for the audit
entry), or pass --emulators. Against a real project: GOOGLE_APPLICATION_CREDENTIALS=<key.json> and
--project <id>.`;

export class CliError extends Error {}

const ROLES = ['admin', 'moderator', 'user'] as const;
type CliRole = (typeof ROLES)[number];

export async function runAdminCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { role: { type: 'string' }, project: { type: 'string' }, emulators: { type: 'boolean' }, help: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (values.help) return USAGE;
  const [command, rawEmail, ...rest] = positionals;
  if (command !== 'grant' || rawEmail === undefined || rest.length > 0) throw new CliError(USAGE);
  const email = emailSchema.safeParse(rawEmail);
  if (!email.success) throw new CliError(`'${rawEmail}' is not an email address.`);
  const role = values.role;
  if (!ROLES.includes(role as CliRole)) throw new CliError(`--role must be one of ${ROLES.join(', ')}.\n\n${USAGE}`);

  if (values.emulators) Object.assign(env, emulatorClientEnv());
  const emulated = Boolean(env.FIREBASE_AUTH_EMULATOR_HOST);
  if (!emulated && !env.GOOGLE_APPLICATION_CREDENTIALS) {
    throw new CliError('No target: set FIREBASE_AUTH_EMULATOR_HOST (or pass --emulators) for the emulators, or GOOGLE_APPLICATION_CREDENTIALS with --project for a real project.');
  }
  if (!emulated && !values.project) throw new CliError('With real credentials, name the project explicitly: --project <id>.');
  const projectId = values.project ?? env.GCLOUD_PROJECT ?? PROJECT_ID;
  const app = initializeApp(emulated ? { projectId } : { projectId, credential: applicationDefault() }, `natter-admin-${randomUUID()}`);
  const auth = getAuth(app);

  const user = await auth.getUserByEmail(email.data).catch(() => {
    throw new CliError(`No user has the email ${email.data} in ${emulated ? 'the Auth emulator' : `project ${projectId}`}.`);
  });
  const actor: Actor = { uid: null, role: null, via: 'cli', requestId: randomUUID() };
  const change = await setUserRole({ auth }, actor, { uid: user.uid, role: role as CliRole });

  // Without a Firestore emulator address an emulator run must not fall through to a real database.
  const audited = !emulated || Boolean(env.FIRESTORE_EMULATOR_HOST);
  if (audited) {
    const db = getFirestore(app);
    await recordAudit({ db }, {
      actor,
      action: 'user.setRole',
      targetType: 'user',
      targetId: user.uid,
      outcome: 'success',
      status: 200,
      error: null,
      details: { role: role ?? null, email: email.data },
    });
  }
  const now = change.role ?? 'no staff role';
  return [
    `${email.data} (uid ${user.uid}) now has ${now} (was ${change.previous ?? 'no staff role'}) in ${emulated ? 'the emulators' : projectId}.`,
    change.tokensRevoked ? 'Their sessions were revoked, so the old role stops working at once.' : 'It applies from their next ID token (sign in again or refresh the token).',
    audited ? 'Written to the audit log.' : 'Not audited: FIRESTORE_EMULATOR_HOST is not set.',
  ].join('\n');
}
