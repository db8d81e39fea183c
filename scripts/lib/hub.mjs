// Waits for the emulator hub to report every requested emulator as running.
import { EMULATOR_PORTS, PROJECT_ID } from './project.mjs';

export async function waitForEmulators(names, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${EMULATOR_PORTS.hub}/emulators`);
      if (response.ok) {
        const running = await response.json();
        if (names.every((name) => name in running)) return running;
      }
    } catch {
      // hub not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`emulators did not start within ${timeoutMs / 1000} s`);
}

/** Resolves when the Functions emulator has loaded the bundle (a trigger list is served). */
export async function waitForFunctions(timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${EMULATOR_PORTS.functions}/backends`);
      if (response.ok) {
        const body = await response.json();
        if (Array.isArray(body.backends) && body.backends.some((b) => (b.functionTriggers ?? []).length > 0)) return;
      }
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`functions were not loaded within ${timeoutMs / 1000} s (project ${PROJECT_ID})`);
}
