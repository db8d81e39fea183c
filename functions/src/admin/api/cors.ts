/**
 * CORS for configured origins only. Allowed origins get the headers a browser needs (and answers
 * to preflights); any other origin gets no CORS headers, and its preflights a 403 problem.
 */
import type { RequestHandler } from 'express';
import { ApiError } from './problem.ts';

export const ALLOWED_METHODS = 'GET, POST, DELETE';
export const ALLOWED_HEADERS = 'Authorization, Content-Type';

export function cors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.headers.origin;
    const permitted = origin !== undefined && allowed.has(origin);
    if (permitted) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'Retry-After, X-Request-Id, WWW-Authenticate');
    }
    const preflight = req.method === 'OPTIONS' && origin !== undefined && req.headers['access-control-request-method'] !== undefined;
    if (!preflight) {
      next();
      return;
    }
    if (!permitted) {
      next(new ApiError('forbidden', 'This origin may not call the API from a browser.'));
      return;
    }
    res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
