import { copyFile, link, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { FactmarkError, StoreUnreadableError } from '../errors';

let tmpCounter = 0;

export function unreadable(file: string, reason: string): StoreUnreadableError {
  return new StoreUnreadableError(file, reason);
}

/** How one kind of file turns into text and back; `decode` throws a `store-unreadable` error naming the file. */
export interface FileCodec<T> {
  encode(data: T): string;
  decode(text: string): T;
}

/** Compact JSON, read back through `parse`. */
export function jsonText<T>(file: string, parse: (json: unknown) => T): FileCodec<T> {
  return {
    encode: (data) => JSON.stringify(data),
    decode(text) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw unreadable(file, `it is not valid JSON (${(error as Error).message})`);
      }
      return parse(json);
    },
  };
}

/** Called before each step that changes a file; a crash test stops the process there. */
export type WriteStepHook = (step: string) => void;

export interface AtomicJsonFileOptions {
  /** Where the file's previous version is kept, as its last good copy. */
  backupPath?: string;
  onStep?: WriteStepHook;
}

/** The temporary files a write leaves only when it is killed midway: `.<name>.<pid>.<n>.tmp`. */
export const isTemporaryFile = (name: string) => /^\..+\.tmp$/.test(name);

export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the rename is still atomic.
  } finally {
    await handle.close();
  }
}

/**
 * A lowdb adapter for one JSON file that never leaves a half-written file:
 * it writes a temporary sibling, flushes it to disk, and renames it over the
 * target. Reading tells a missing file (null) from one that is not UTF-8,
 * not JSON, or not of the expected shape (a `store-unreadable` error).
 */
export class AtomicJsonFile<T> implements Adapter<T> {
  readonly path: string;
  private readonly codec: FileCodec<T>;
  private readonly options: AtomicJsonFileOptions;

  /** `format`: a parser of the file's JSON, or a codec for a file in another form. */
  constructor(path: string, format: ((json: unknown) => T) | FileCodec<T>, options: AtomicJsonFileOptions = {}) {
    this.path = path;
    this.codec = typeof format === 'function' ? jsonText(path, format) : format;
    this.options = options;
  }

  /**
   * The file's text for `data`, read back through the same parser that reads
   * the file: what cannot be read back is refused here, before anything is
   * written. `checked`, when given, is what to read back instead: `data`
   * with only its records that are not already in the file, so that saving
   * one edit does not check every record again.
   */
  serialize(data: T, checked: T = data): string {
    const text = this.codec.encode(data);
    try {
      this.codec.decode(checked === data ? text : this.codec.encode(checked));
    } catch (error) {
      const reason = error instanceof StoreUnreadableError ? error.reason : (error as Error).message;
      throw new FactmarkError(
        'invalid-argument',
        `Refused: ${basename(this.path)} would be saved in a form Factmark cannot read back (${reason.replace(/^it /, 'it would ')}); nothing was saved`,
      );
    }
    return text;
  }

  async read(): Promise<T | null> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw unreadable(this.path, (error as Error).message);
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw unreadable(this.path, 'it is not UTF-8 text');
    }
    return this.codec.decode(text);
  }

  async write(data: T): Promise<void> {
    await this.writeText(this.serialize(data));
  }

  /** Keeps the file as it is now (if there is one) as its last good copy. */
  private async keepBackup(): Promise<void> {
    const { backupPath, onStep } = this.options;
    if (!backupPath) return;
    const dir = dirname(backupPath);
    const tmp = join(dir, `.${basename(backupPath)}.${process.pid}.${++tmpCounter}.tmp`);
    onStep?.(`backup ${basename(this.path)}`);
    try {
      await link(this.path, tmp);
    } catch (error) {
      // No file yet (or no backup folder): nothing to keep.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      // A file system without hard links: a copy does the same.
      await copyFile(this.path, tmp);
    }
    await rename(tmp, backupPath);
    // Renaming a link over another link to the same file does nothing (POSIX): when a crash left the
    // backup linked to the current file, the temporary name is still there.
    await rm(tmp, { force: true });
  }

  /**
   * Writes text already checked by `serialize`. `keepBackup: false` leaves
   * the last good copy as it is (restoring from it must not replace it with
   * the damaged file).
   */
  async writeText(text: string, { keepBackup = true } = {}): Promise<void> {
    const { onStep } = this.options;
    const dir = dirname(this.path);
    const tmp = join(dir, `.${basename(this.path)}.${process.pid}.${++tmpCounter}.tmp`);
    onStep?.(`write ${basename(this.path)}`);
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(text);
      onStep?.(`flush ${basename(this.path)}`);
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => undefined);
      await rm(tmp, { force: true }).catch(() => undefined);
      throw error;
    }
    await handle.close();
    try {
      if (keepBackup) await this.keepBackup();
      onStep?.(`rename ${basename(this.path)}`);
      await rename(tmp, this.path);
    } catch (error) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw error;
    }
    await fsyncDirectory(dir);
  }
}
