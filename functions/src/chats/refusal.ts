/**
 * Why a chat operation is refused, as data: pure planning modules throw ChatRefusal without
 * importing firebase-functions, and the callable layer turns it into an HttpsError with the same code.
 */
export type RefusalCode = 'invalid-argument' | 'not-found' | 'permission-denied' | 'failed-precondition' | 'resource-exhausted';

export class ChatRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'ChatRefusal';
  }
}

export function refuse(code: RefusalCode, message: string): never {
  throw new ChatRefusal(code, message);
}
