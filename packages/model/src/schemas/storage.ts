/** What Storage uploads must carry: the media kind in custom metadata, checked by storage.rules. */
import { z } from 'zod';
import { MEDIA_KINDS, MEDIA_LIMITS, type MediaKind } from '../limits.ts';

export const mediaKindSchema = z.enum(MEDIA_KINDS);

/**
 * Chat media uploads set `customMetadata.kind`; Storage rules apply that kind's size and
 * content-type limits (`MEDIA_LIMITS`), so a 50 MiB "image" cannot pass as a file.
 */
export const MEDIA_KIND_METADATA_KEY = 'kind';

export const chatMediaMetadataSchema = z.strictObject({
  contentType: z.string().min(3).max(255),
  customMetadata: z.strictObject({ [MEDIA_KIND_METADATA_KEY]: mediaKindSchema }),
});
export type ChatMediaMetadata = z.infer<typeof chatMediaMetadataSchema>;

/** The upload metadata for a file of this kind and content type, or null when the type does not fit. */
export function chatMediaMetadata(kind: MediaKind, contentType: string): ChatMediaMetadata | null {
  return MEDIA_LIMITS[kind].contentType.test(contentType) ? { contentType, customMetadata: { kind } } : null;
}
