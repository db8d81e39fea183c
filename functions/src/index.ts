/** Natter's Cloud Functions: this file only re-exports; each function lives in its own module. */
import './lib/options.ts';
export { onMessageCreated } from './messaging/onMessageCreated.ts';
