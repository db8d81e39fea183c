/**
 * HTTPS function: the admin REST API under /v1 (see ./api/app.ts). CORS is the app's own, per
 * configured origin. The app (and express with it) is built on the first request, not at load.
 */
import { onRequest } from 'firebase-functions/v2/https';
import { lazy } from '../lib/lazy.ts';
import { ADMIN_API_CORS_ORIGINS, ADMIN_RATE_LIMIT_PER_MINUTE, USER_DELETION_SECRETS } from '../lib/params.ts';

const app = lazy(async () => {
  const [{ createApp }, { defaultAdminDeps }] = await Promise.all([import('./api/app.ts'), import('./deps.ts')]);
  return createApp(defaultAdminDeps(), {
    corsOrigins: ADMIN_API_CORS_ORIGINS.value(),
    rateLimits: [{ max: ADMIN_RATE_LIMIT_PER_MINUTE.value(), windowSeconds: 60 }],
  });
});

export const api = onRequest({ cors: false, timeoutSeconds: 300, memory: '512MiB', secrets: USER_DELETION_SECRETS }, async (req, res) => {
  (await app())(req, res);
});
