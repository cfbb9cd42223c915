import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import { StoreUnreadableError } from '../errors';

let tmpCounter = 0;

export function unreadable(file: string, reason: string): StoreUnreadableError {
  return new StoreUnreadableError(file, reason);
}

async function fsyncDirectory(dir: string): Promise<void> {
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
  private readonly parse: (json: unknown) => T;

  constructor(path: string, parse: (json: unknown) => T) {
    this.path = path;
    this.parse = parse;
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
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw unreadable(this.path, `it is not valid JSON (${(error as Error).message})`);
    }
    return this.parse(json);
  }

  async write(data: T): Promise<void> {
    const dir = dirname(this.path);
    const tmp = join(dir, `.${basename(this.path)}.${process.pid}.${++tmpCounter}.tmp`);
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(JSON.stringify(data));
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => undefined);
      await rm(tmp, { force: true }).catch(() => undefined);
      throw error;
    }
    await handle.close();
    try {
      await rename(tmp, this.path);
    } catch (error) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw error;
    }
    await fsyncDirectory(dir);
  }
}
