/**
 * Test tiers, told apart by file name: `*.unit.test.ts` (no emulators), `*.emulator.test.ts` and
 * `*.browser.test.ts` (inside `firebase emulators:exec`). `npm test` runs them all.
 */
import { defineConfig } from 'vitest/config';

const exclude = ['**/node_modules/**', 'functions/lib/**', '**/dist/**'];

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['**/*.unit.test.ts'], exclude } },
      {
        test: {
          name: 'emulator',
          include: ['**/*.emulator.test.ts'],
          exclude,
          // One emulator suite serves every file; files run one after another so clears don't collide.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['**/*.browser.test.ts'],
          exclude,
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
