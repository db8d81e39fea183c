/** Natter's shared model: limits, paths and zod schemas used by rules tests, functions and the web client. */
export * from './limits.ts';
export * from './paths.ts';
export * from './validation.ts';
export * from './schemas/common.ts';
export * from './schemas/users.ts';
export * from './schemas/messages.ts';
export * from './schemas/chats.ts';
export * from './schemas/moderation.ts';
export * from './schemas/callables.ts';
export * from './schemas/rtdb.ts';
export * from './schemas/background.ts';
