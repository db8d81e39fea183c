// Vite config for the web client. Locally (dev server, or VITE_USE_EMULATORS=true builds) the
// client connects to the emulators on the contract's ports, shifted by NATTER_PORT_OFFSET.
import path from 'node:path';
import { build as esbuild } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const offset = Number(process.env.NATTER_PORT_OFFSET ?? 0);
// `npm start` and `npm test` set NATTER_EMULATORS to what actually runs; the Realtime Database and
// Storage emulators cannot be had offline, and the client then degrades instead of retrying forever.
const emulators = process.env.NATTER_EMULATORS ?? 'auth,firestore,functions';

/**
 * The service worker (worker/serviceWorker.ts) is one self-contained classic script at a fixed URL,
 * /natter-sw.js, so its scope is the whole app: bundled by esbuild, served on request in dev and
 * emitted into dist by the build (never split into the app's chunks).
 */
const SERVICE_WORKER_FILE = 'natter-sw.js';

async function bundleServiceWorker(minify: boolean): Promise<string> {
  const result = await esbuild({
    entryPoints: [path.join(import.meta.dirname, 'worker', 'serviceWorker.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify,
    write: false,
  });
  const code = result.outputFiles[0]?.text;
  if (code === undefined) throw new Error('esbuild produced no service worker');
  return code;
}

function serviceWorker(): Plugin {
  return {
    name: 'natter-service-worker',
    configureServer(server) {
      server.middlewares.use(`/${SERVICE_WORKER_FILE}`, (_request, response, next) => {
        bundleServiceWorker(false).then((code) => {
          response.setHeader('content-type', 'text/javascript');
          response.end(code);
        }, next);
      });
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: SERVICE_WORKER_FILE, source: await bundleServiceWorker(true) });
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), serviceWorker()],
  define: {
    __NATTER_PORT_OFFSET__: JSON.stringify(offset),
    __NATTER_EMULATORS__: JSON.stringify(emulators),
  },
  server: { host: 'localhost', port: 5173 + offset, strictPort: true },
  preview: { host: 'localhost', port: 4173 + offset, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // The Firebase SDK changes rarely: its own chunk stays cached across app releases. It is about
    // 800 kB minified (240 kB gzipped) with Auth, Firestore, Functions, Database and Storage.
    chunkSizeWarningLimit: 900,
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'firebase', test: /node_modules[\\/](@firebase|firebase)[\\/]/ }] } } },
  },
});
