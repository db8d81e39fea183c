/**
 * A transaction's writes, counted: triggers and callables report how many documents they wrote,
 * which is how the cost tests prove writes per message do not grow with group size.
 */
import type { DocumentData, DocumentReference, Transaction, UpdateData } from 'firebase-admin/firestore';

export class CountedWrites {
  count = 0;

  private readonly tx: Transaction;

  constructor(tx: Transaction) {
    this.tx = tx;
  }

  create(ref: DocumentReference, data: DocumentData): this {
    this.tx.create(ref, data);
    this.count++;
    return this;
  }

  set(ref: DocumentReference, data: DocumentData, options?: { merge: true }): this {
    if (options) this.tx.set(ref, data, options);
    else this.tx.set(ref, data);
    this.count++;
    return this;
  }

  update(ref: DocumentReference, data: UpdateData<DocumentData>): this {
    this.tx.update(ref, data);
    this.count++;
    return this;
  }

  delete(ref: DocumentReference): this {
    this.tx.delete(ref);
    this.count++;
    return this;
  }
}

/**
 * Options for transactions on documents many writers touch at once (a busy chat, a user's
 * presence): more attempts than the SDK's default of 5 before a contended transaction gives up.
 */
export const CONTENDED = { maxAttempts: 30 } as const;
