// Bundles the Node-side entry points: the Electron main process and preload
// (CommonJS, as a sandboxed preload must be), the web-mode server, the command
// line and the agreement and suggestions workers.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: 'dist/electron/main.cjs',
    format: 'cjs',
    external: ['electron'],
    // The agreement worker's file is found from __filename there; import.meta, empty in CommonJS, is not used.
    logOverride: { 'empty-import-meta': 'silent' },
  }),
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    format: 'cjs',
    external: ['electron'],
  }),
  build({
    ...common,
    entryPoints: ['annotations/node/serve-main.ts'],
    outfile: 'dist/server.mjs',
    format: 'esm',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  }),
  // The agreement report's worker thread: its own file, found beside the server and the command line.
  build({
    ...common,
    entryPoints: ['annotations/node/agreement-worker.ts'],
    outfile: 'dist/agreement-worker.mjs',
    format: 'esm',
  }),
  // The suggestions' worker thread (the recommenders and their language model), found the same way.
  build({
    ...common,
    entryPoints: ['annotations/node/suggest-worker.ts'],
    outfile: 'dist/suggest-worker.mjs',
    format: 'esm',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  }),
  build({
    ...common,
    entryPoints: ['annotations/node/cli.ts'],
    outfile: 'dist/cli.mjs',
    format: 'esm',
    banner: {
      js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  }),
]);
