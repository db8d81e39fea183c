/** Bounded batch work over queries: never more than one page of documents in memory or in a write. */
import type { DocumentData, Firestore, Query, QueryDocumentSnapshot, WriteBatch } from 'firebase-admin/firestore';

/** Firestore allows 500 writes per batch; pages stay well under it. */
export const BATCH_SIZE = 300;

/**
 * Applies `write` to every document the query matches, one page per batch commit, until a page
 * comes back short. `write` must make the document stop matching (delete it or change the field
 * the query filters on), otherwise the loop would see it again.
 */
export async function forEachPage(
  db: Firestore,
  query: Query,
  write: (batch: WriteBatch, doc: QueryDocumentSnapshot<DocumentData>) => void,
  pageSize = BATCH_SIZE,
): Promise<number> {
  let total = 0;
  for (;;) {
    const page = await query.limit(pageSize).get();
    if (page.empty) return total;
    const batch = db.batch();
    for (const doc of page.docs) write(batch, doc);
    await batch.commit();
    total += page.size;
    if (page.size < pageSize) return total;
  }
}

/** Deletes every document a query matches (not their subcollections), in bounded batches. */
export function deleteMatching(db: Firestore, query: Query, pageSize = BATCH_SIZE): Promise<number> {
  return forEachPage(db, query, (batch, doc) => batch.delete(doc.ref), pageSize);
}

/** Walks every document a query matches in pages (cursor on the last document), for updates that keep them matching. */
export async function* pagesOf(query: Query, pageSize = BATCH_SIZE): AsyncGenerator<QueryDocumentSnapshot<DocumentData>[]> {
  let last: QueryDocumentSnapshot<DocumentData> | undefined;
  for (;;) {
    const page = await (last ? query.startAfter(last) : query).limit(pageSize).get();
    if (!page.empty) yield page.docs;
    if (page.size < pageSize) return;
    last = page.docs[page.docs.length - 1];
  }
}
