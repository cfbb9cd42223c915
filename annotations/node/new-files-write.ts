import { spawn } from 'node:child_process';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { WriteStepHook } from './atomic-json-file';
import { fsyncDirectory } from './atomic-json-file';
import { FILE_THREADS } from './file-threads';
import { mapLimit } from './map-limit';

/** Files written at once: enough to keep the disk's queue full, few enough for the open-file limit; a thread each. */
const IN_FLIGHT = FILE_THREADS;

/**
 * From how many files one flush of the whole filesystem is cheaper than a
 * flush of each: on Linux each fsync(2) waits for the disk, and at ten
 * thousand files those waits were half an import's time.
 */
export const FLUSH_ALL_FROM = 64;

let counter = 0;

/** A file to write, and the temporary name it is written under until it is renamed to its own. */
interface Pending {
  path: string;
  text: string;
  tmp: string;
}

/**
 * Flushes to disk everything written to the filesystem holding `folder`, at
 * once: Linux's syncfs(2), through `sync -f` (coreutils, busybox).
 * False where there is none (another system, or the command failed): the
 * caller flushes each file then.
 */
export type FlushFileSystem = (folder: string) => Promise<boolean>;

export const syncFileSystem: FlushFileSystem = (folder) =>
  process.platform !== 'linux'
    ? Promise.resolve(false)
    : new Promise((resolve) => {
        const child = spawn('sync', ['-f', folder], { stdio: 'ignore' });
        child.on('error', () => resolve(false));
        child.on('exit', (code) => resolve(code === 0));
      });

/** Writes one file's text under its temporary name, flushed to disk when `flush` says so. */
async function writeTemporary(file: Pending, flush: boolean, onStep?: WriteStepHook): Promise<void> {
  const name = basename(file.path);
  onStep?.(`write ${name}`);
  const handle = await open(file.tmp, 'w');
  try {
    await handle.writeFile(file.text);
    if (flush) {
      onStep?.(`flush ${name}`);
      await handle.sync();
    }
  } finally {
    await handle.close();
  }
}

/** Flushes a file written earlier (when the filesystem could not be flushed at once). */
async function flushTemporary(file: Pending, onStep?: WriteStepHook): Promise<void> {
  onStep?.(`flush ${basename(file.path)}`);
  const handle = await open(file.tmp, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function renameToOwn(file: Pending, onStep?: WriteStepHook): Promise<void> {
  onStep?.(`rename ${basename(file.path)}`);
  await rename(file.tmp, file.path);
}

/**
 * Writes files that no record names yet (a batch of imported articles,
 * before the index that names them): each under a temporary name, flushed
 * to disk, then renamed to its own, several at once, and each folder flushed
 * once at the end rather than after every file. Many files are written
 * first and flushed together (see `FLUSH_ALL_FROM`), then renamed; fewer are
 * flushed and renamed one by one. Either way a file has its own name only
 * once its text is on disk. A crash midway leaves whole files or temporary
 * ones, which opening the store removes; none is named by the index until
 * this returns, so the change stays all or nothing.
 */
export async function writeNewFiles(
  files: readonly { path: string; text: string }[],
  onStep?: WriteStepHook,
  flushFileSystem: FlushFileSystem = syncFileSystem,
): Promise<void> {
  const folders = [...new Set(files.map((f) => dirname(f.path)))];
  for (const folder of folders) await mkdir(folder, { recursive: true });
  const pending: Pending[] = files.map((f) => ({
    ...f,
    tmp: join(dirname(f.path), `.${basename(f.path)}.${process.pid}.n${++counter}.tmp`),
  }));
  const renamed = new Set<Pending>();
  try {
    if (pending.length >= FLUSH_ALL_FROM) {
      await mapLimit(pending, IN_FLIGHT, (file) => writeTemporary(file, false, onStep));
      onStep?.(`flush ${pending.length} files`);
      const flushed = (await Promise.all(folders.map(flushFileSystem))).every(Boolean);
      if (!flushed) await mapLimit(pending, IN_FLIGHT, (file) => flushTemporary(file, onStep));
      await mapLimit(pending, IN_FLIGHT, async (file) => {
        await renameToOwn(file, onStep);
        renamed.add(file);
      });
    } else
      await mapLimit(pending, IN_FLIGHT, async (file) => {
        await writeTemporary(file, true, onStep);
        await renameToOwn(file, onStep);
        renamed.add(file);
      });
  } catch (error) {
    // Every write has ended (see `mapLimit`): the temporary files left are removed, none goes on behind the caller's back.
    await Promise.all(
      pending.filter((f) => !renamed.has(f)).map((f) => rm(f.tmp, { force: true }).catch(() => undefined)),
    );
    throw error;
  }
  for (const folder of folders) await fsyncDirectory(folder);
}
