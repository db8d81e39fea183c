// Bundles the functions into one CommonJS file, lib/index.js. The shared model is inlined so the
// folder deploys on its own; npm packages stay external and heavy ones are imported lazily in code.
import { build, context } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: ['src/index.ts'],
  outfile: 'lib/index.js',
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'info',
  absWorkingDir: new URL('.', import.meta.url).pathname,
  // Everything the deployed package.json installs stays external; everything else is bundled.
  external: Object.keys(pkg.dependencies ?? {}).flatMap((name) => [name, `${name}/*`]),
};

if (process.argv.includes('--watch')) {
  const ctx = await context(options);
  await ctx.watch();
  console.log('functions: watching src for changes');
} else {
  await build(options);
}
