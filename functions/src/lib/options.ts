/** Options every function shares; imported first by index.ts so they apply before any definition. */
import { setGlobalOptions } from 'firebase-functions/v2';

export const REGION = 'us-central1';

setGlobalOptions({ region: REGION, maxInstances: 50 });
