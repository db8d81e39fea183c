/**
 * Firestore values as plain JSON for API responses: timestamps become ISO strings, references
 * their paths, bytes base64. Pure apart from recognising the Admin SDK's value classes.
 */
import { DocumentReference, GeoPoint, Timestamp } from 'firebase-admin/firestore';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Timestamp) return value.toDate().toISOString();
  if (value instanceof DocumentReference) return value.path;
  if (value instanceof GeoPoint) return { latitude: value.latitude, longitude: value.longitude };
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toJson);
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(value)) out[key] = toJson(item);
    return out;
  }
  return null;
}

export function toJsonObject(value: unknown): { [key: string]: Json } {
  const json = toJson(value);
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? json : {};
}

/** An ISO string for a stored timestamp, or null when the field is missing or not a timestamp. */
export function isoOrNull(value: unknown): string | null {
  return value instanceof Timestamp ? value.toDate().toISOString() : null;
}

/** Auth record times are RFC 1123 strings; the API speaks ISO 8601. */
export function isoFromAuthTime(value: string | undefined | null): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
