/**
 * Request bodies, read once and strictly. Inside Cloud Functions (and its emulator) the platform
 * has already consumed the stream and kept the bytes in `req.rawBody`; run in-process, the bytes
 * are read here with the same size limit. Either way the API parses the JSON itself, so size,
 * media type, encoding and syntax errors all become problem JSON.
 */
import express, { type RequestHandler, type Request } from 'express';
import { ApiError } from './problem.ts';

/** Keeps the body's bytes in `res.locals.rawBody` (an empty buffer when there is none). */
export function rawBodyReader(maxBytes: number): RequestHandler {
  const read = express.raw({ type: () => true, limit: maxBytes });
  return (req, res, next) => {
    const fromPlatform = (req as { rawBody?: unknown }).rawBody;
    if (Buffer.isBuffer(fromPlatform)) {
      res.locals.rawBody = fromPlatform;
      next();
      return;
    }
    read(req, res, (error?: unknown) => {
      if (error) {
        next(error);
        return;
      }
      res.locals.rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      next();
    });
  };
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The parsed JSON body, or undefined when the request has none. */
export function parseJsonBody(req: Request, raw: Buffer, maxBytes: number): unknown {
  if (raw.length === 0) return undefined;
  if (raw.length > maxBytes) throw new ApiError('payload-too-large', `The request body exceeds ${maxBytes} bytes.`);
  const contentType = req.headers['content-type'] ?? '';
  const [mediaType = '', ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (!/^application\/([\w.+-]+\+)?json$/.test(mediaType)) {
    throw new ApiError('unsupported-media-type', 'Send the body as application/json.');
  }
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length).replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new ApiError('unsupported-media-type', 'Send the body in UTF-8.');
  }
  let text: string;
  try {
    text = decoder.decode(raw);
  } catch {
    throw new ApiError('malformed-body', 'The request body is not valid UTF-8.', { errors: [{ field: 'body', message: 'is not valid UTF-8' }] });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('malformed-body', 'The request body is not valid JSON.', { errors: [{ field: 'body', message: 'is not valid JSON' }] });
  }
}

/** Query parameters straight from the URL: one value is a string, a repeated key an array. */
export function queryOf(req: Request): Record<string, string | string[]> {
  let search: URLSearchParams;
  try {
    search = new URL(req.originalUrl, 'http://localhost').searchParams;
  } catch {
    throw new ApiError('invalid-request', 'The request URL could not be read.');
  }
  const entries = new Map<string, string | string[]>();
  for (const [key, value] of search) {
    const previous = entries.get(key);
    entries.set(key, previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value]);
  }
  return Object.fromEntries(entries);
}
