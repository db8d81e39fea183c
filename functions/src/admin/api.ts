/** HTTPS function: the admin REST API under /v1 (see ./api/app.ts). CORS is the app's own, per configured origin. */
import { onRequest } from 'firebase-functions/v2/https';
import type { Express } from 'express';
import { ADMIN_API_CORS_ORIGINS, ADMIN_RATE_LIMIT_PER_MINUTE } from '../lib/params.ts';
import { createApp } from './api/app.ts';
import { defaultAdminDeps } from './deps.ts';
import { USER_DELETION_SECRETS } from '../users/deleteUserData.ts';

let app: Express | undefined;

export const api = onRequest({ cors: false, timeoutSeconds: 300, memory: '512MiB', secrets: USER_DELETION_SECRETS }, (req, res) => {
  app ??= createApp(defaultAdminDeps(), {
    corsOrigins: ADMIN_API_CORS_ORIGINS.value(),
    rateLimits: [{ max: ADMIN_RATE_LIMIT_PER_MINUTE.value(), windowSeconds: 60 }],
  });
  app(req, res);
});
