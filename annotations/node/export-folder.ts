import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ExportSink } from '../formats/export-stream';

/** Text of one file gathered before it is written: past it, the file is written as it comes. */
const BUFFER_CHARS = 1024 * 1024;
/** Small files written at once: the disk answers several writes in the time of one. */
const IN_FLIGHT = 16;

/**
 * An export written into the folder `root` as it is made. A file's pieces
 * are gathered until the next file starts: a small file (brat's .txt and
 * .ann) is then written whole, several at once; a large one (JSONL) is
 * appended to a mebibyte at a time as it grows, so it is never held whole.
 * `close` finishes every write.
 */
export function folderSink(root: string): ExportSink & { close(): Promise<void> } {
  let current: { path: string; parts: string[]; chars: number; handle: FileHandle | null } | null = null;
  const made = new Map<string, Promise<unknown>>();
  const writing = new Set<Promise<void>>();
  let failure: unknown = null;

  const folderOf = (full: string) => {
    const folder = dirname(full);
    let ready = made.get(folder);
    if (!ready) made.set(folder, (ready = mkdir(folder, { recursive: true })));
    return ready;
  };

  async function spill(file: NonNullable<typeof current>): Promise<void> {
    const full = join(root, file.path);
    if (!file.handle) {
      await folderOf(full);
      file.handle = await open(full, 'w');
    }
    const text = file.parts.join('');
    file.parts = [];
    file.chars = 0;
    await file.handle.write(text);
  }

  async function finish(file: NonNullable<typeof current>): Promise<void> {
    if (file.handle) {
      await spill(file);
      await file.handle.close();
      return;
    }
    // A file written whole: in the background, a few at once.
    while (writing.size >= IN_FLIGHT) await Promise.race(writing);
    if (failure) throw failure;
    const full = join(root, file.path);
    const text = file.parts.join('');
    const done = folderOf(full)
      .then(() => writeFile(full, text))
      .catch((error: unknown) => void (failure ??= error))
      .finally(() => writing.delete(done));
    writing.add(done);
  }

  return {
    async write(path, text) {
      if (current?.path !== path) {
        if (current) await finish(current);
        current = { path, parts: [], chars: 0, handle: null };
      }
      current.parts.push(text);
      current.chars += text.length;
      if (current.chars >= BUFFER_CHARS) await spill(current);
    },
    async close() {
      if (current) await finish(current);
      current = null;
      await Promise.all(writing);
      if (failure) throw failure;
    },
  };
}
