import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { WriteStepHook } from './atomic-json-file';
import { fsyncDirectory } from './atomic-json-file';

/** Files written at once: enough to keep the disk's queue full, few enough for the open-file limit. */
const IN_FLIGHT = 16;

let counter = 0;

/** Writes one file under a temporary name, flushed to disk, then renamed to its own. */
async function writeOne(path: string, text: string, onStep?: WriteStepHook): Promise<void> {
  const name = basename(path);
  const tmp = join(dirname(path), `.${name}.${process.pid}.n${++counter}.tmp`);
  onStep?.(`write ${name}`);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(text);
    onStep?.(`flush ${name}`);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(tmp, { force: true }).catch(() => undefined);
    throw error;
  }
  await handle.close();
  onStep?.(`rename ${name}`);
  await rename(tmp, path).catch(async (error: unknown) => {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw error;
  });
}

/**
 * Writes files that no record names yet (a batch of imported articles,
 * before the index that names them): each atomically (a temporary name,
 * flushed, renamed), several at once, and each folder flushed once at the
 * end rather than after every file. A crash midway leaves whole files or
 * temporary ones, which opening the store removes; none is named by the
 * index until this returns, so the change stays all or nothing.
 */
export async function writeNewFiles(
  files: readonly { path: string; text: string }[],
  onStep?: WriteStepHook,
): Promise<void> {
  const folders = [...new Set(files.map((f) => dirname(f.path)))];
  for (const folder of folders) await mkdir(folder, { recursive: true });
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < files.length && !failed) {
      const file = files[next++]!;
      await writeOne(file.path, file.text, onStep).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  // Every write ends (or fails) before the first failure is told: none goes on behind the caller's back.
  const outcomes = await Promise.allSettled(Array.from({ length: Math.min(IN_FLIGHT, files.length) }, worker));
  for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
  for (const folder of folders) await fsyncDirectory(folder);
}
