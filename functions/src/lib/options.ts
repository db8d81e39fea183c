/** Options every function shares; imported first by index.ts (and so by the generated lib/index.js) so they apply before any definition. */
import { setGlobalOptions } from 'firebase-functions/v2/options';

export const REGION = 'us-central1';

setGlobalOptions({ region: REGION, maxInstances: 50 });
