import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** A worker's file; `source`: TypeScript, loaded through tsx. */
export interface WorkerEntry {
  file: string;
  source: boolean;
}

/**
 * The code of the worker `name` (`agreement-worker`, `suggest-worker`):
 * beside this file when it runs from source (through tsx, as the tests do),
 * else the bundle's own entry, built beside the server and the command line
 * (dist/) or one folder up from Electron's main. Null when there is none.
 */
export function workerEntry(name: string): WorkerEntry | null {
  // Electron's main is a CommonJS bundle, where import.meta is empty.
  const self = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  const here = dirname(self);
  if (self.endsWith('.ts')) return { file: join(here, `${name}.ts`), source: true };
  for (const file of [join(here, `${name}.mjs`), join(here, '..', `${name}.mjs`)])
    if (existsSync(file)) return { file, source: false };
  return null;
}

export function newWorker({ file, source }: WorkerEntry): Worker {
  if (!source) return new Worker(file);
  // A worker does not take the parent's loader, nor tsx through --import: it registers tsx itself, then loads the file.
  const load = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(file).href)}); })`;
  return new Worker(load, { eval: true });
}
