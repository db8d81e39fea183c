/**
 * `npm run admin -- grant <email> --role ...` against the Auth and Firestore emulators that
 * `npm test` runs: the claim is set through the shared role service and audited as a CLI action.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEntrySchema } from '@natter/model';
import { adminAuth, adminDb, clearAuth } from '../tests/support/admin.ts';
import { ROOT } from '../tests/support/env.ts';

function admin(args: string[], env: Record<string, string | undefined> = {}) {
  const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'node'), ['scripts/admin.mjs', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  await clearAuth();
  await adminAuth.createUser({ uid: 'cli-ops', email: 'ops@natter.test' });
});

describe('npm run admin -- grant', () => {
  it('grants a role by email on the emulators and audits it', async () => {
    const result = admin(['grant', 'Ops@Natter.test', '--role', 'admin']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/ops@natter\.test \(uid cli-ops\) now has admin/);
    expect((await adminAuth.getUser('cli-ops')).customClaims).toEqual({ role: 'admin' });
    const audit = await adminDb.collection('auditLog').where('targetId', '==', 'cli-ops').get();
    expect(audit.docs.map((doc) => auditEntrySchema.parse(doc.data()))).toEqual([
      expect.objectContaining({ via: 'cli', actorUid: null, action: 'user.setRole', outcome: 'success', details: { role: 'admin', email: 'ops@natter.test' } }),
    ]);
  });

  it('runs as the npm script too, and `--role user` takes the role away', async () => {
    const result = spawnSync('npm', ['run', '--silent', 'admin', '--', 'grant', 'ops@natter.test', '--role', 'user'], {
      cwd: ROOT,
      env: { ...process.env, PATH: `${path.join(ROOT, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}` },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/now has no staff role \(was admin\)/);
    expect((await adminAuth.getUser('cli-ops')).customClaims?.role).toBeUndefined();
  });

  it('fails clearly on unknown emails, bad roles and a missing target', async () => {
    const unknown = admin(['grant', 'ghost@natter.test', '--role', 'moderator']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/No user has the email ghost@natter\.test/);
    const badRole = admin(['grant', 'ops@natter.test', '--role', 'owner']);
    expect(badRole.status).toBe(2);
    expect(badRole.stderr).toMatch(/--role must be one of admin, moderator, user/);
    const noTarget = admin(['grant', 'ops@natter.test', '--role', 'admin'], { FIREBASE_AUTH_EMULATOR_HOST: '', GOOGLE_APPLICATION_CREDENTIALS: '' });
    expect(noTarget.status).toBe(2);
    expect(noTarget.stderr).toMatch(/No target/);
    const credentialsWithoutProject = admin(['grant', 'ops@natter.test', '--role', 'admin'], { FIREBASE_AUTH_EMULATOR_HOST: '', GOOGLE_APPLICATION_CREDENTIALS: '/nonexistent.json' });
    expect(credentialsWithoutProject.stderr).toMatch(/--project/);
    expect((await adminAuth.getUser('cli-ops')).customClaims?.role).toBeUndefined();
  });
});
