// Vite config for the web client. Locally (dev server, or VITE_USE_EMULATORS=true builds) the
// client connects to the emulators on the contract's ports, shifted by NATTER_PORT_OFFSET.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const offset = Number(process.env.NATTER_PORT_OFFSET ?? 0);
// `npm start` and `npm test` set NATTER_EMULATORS to what actually runs; the Realtime Database and
// Storage emulators cannot be had offline, and the client then degrades instead of retrying forever.
const emulators = process.env.NATTER_EMULATORS ?? 'auth,firestore,functions';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
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
