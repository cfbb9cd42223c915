import fs, { writeSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { relative, sep } from 'node:path';
import { sync } from '../../annotations/node/sync';

/**
 * The sync crash test's child: syncs the store and kills itself (SIGKILL,
 * as kill -9 or a power cut would) just before its `crashAt`-th
 * file-changing step of the store, just before the `fileAt`-th file of the
 * store that git itself writes or removes as it moves the working folder, or
 * after `delayMs` milliseconds wherever it is then. Prints the counts of
 * both kinds of step and the sync's status when it was not killed.
 */
async function main(): Promise<void> {
  const [storeDir, crashAtText, fileAtText, delayText] = process.argv.slice(2);
  const crashAt = Number(crashAtText);
  const fileAt = Number(fileAtText);
  const delayMs = Number(delayText);
  if (delayMs > 0) setTimeout(() => process.kill(process.pid, 'SIGKILL'), delayMs);

  // Every write or removal of a store file (not git's own database, not a temporary file) counts.
  let files = 0;
  const isStoreFile = (path: unknown) => {
    if (typeof path !== 'string') return false;
    const inside = relative(storeDir!, path);
    if (inside.startsWith('..') || inside.startsWith(`.git${sep}`) || inside.startsWith(`local${sep}`)) return false;
    return !/(^|[\\/])\.[^\\/]+\.tmp$/.test(inside) && inside !== 'journal.json' && !inside.includes('store.lock');
  };
  const promises = fs.promises as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const name of ['writeFile', 'rm', 'unlink', 'rename']) {
    const original = promises[name]!;
    promises[name] = (...args: unknown[]) => {
      const target = name === 'rename' ? args[1] : args[0];
      if (isStoreFile(target) && ++files === fileAt) process.kill(process.pid, 'SIGKILL');
      return original(...args);
    };
  }
  syncBuiltinESMExports();

  let steps = 0;
  const result = await sync(storeDir!, {
    author: { name: 'ana', email: '' },
    onWriteStep: () => {
      if (++steps === crashAt) process.kill(process.pid, 'SIGKILL');
    },
  });
  writeSync(1, `steps ${steps}\nfiles ${files}\nstatus ${result.status}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  writeSync(2, `${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
