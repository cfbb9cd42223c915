import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ExportSink } from '../formats/export-stream';

/** Text of one file gathered before it is written: past it, the file is written as it comes. */
const BUFFER_CHARS = 1024 * 1024;

interface OpenFile {
  path: string;
  parts: string[];
  chars: number;
  /** Open once the file outgrew `BUFFER_CHARS`: the rest is appended through it. */
  fd: number | null;
}

/**
 * An export written into the folder `root` as it is made, for the command
 * line. A file's pieces are gathered until the next file starts: a small
 * file (brat's .txt and .ann, W3C's texts) is then written whole; a large one
 * (JSONL) is appended to a mebibyte at a time as it grows, so it is never
 * held whole. A path met again later is appended to, never written over.
 *
 * The files are written synchronously. On a local disk a small file's write
 * only reaches the page cache, and making the file (which the kernel does one
 * at a time in a folder anyway) is most of it: the asynchronous calls added
 * their round trips through the thread pool and their promises to that, three
 * times the processor time of the writes themselves (10,000 files of 3 KB:
 * about 0.3 s written in turn, 0.9 s through `fs/promises` sixteen at a time).
 * The command line has nothing else to do meanwhile.
 *
 * After a write fails, nothing more is written: `close` only closes what is
 * open, so the failure is the one reported.
 */
export function folderSink(root: string): ExportSink & { close(): Promise<void> } {
  let current: OpenFile | null = null;
  const folders = new Set<string>();
  const written = new Set<string>();
  let failed = false;

  const pathOf = (path: string) => {
    const full = join(root, path);
    const folder = dirname(full);
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    return full;
  };

  function spill(file: OpenFile): void {
    if (file.fd === null) {
      file.fd = openSync(pathOf(file.path), written.has(file.path) ? 'a' : 'w');
      written.add(file.path);
    }
    const bytes = Buffer.from(file.parts.join(''));
    file.parts = [];
    file.chars = 0;
    for (let at = 0; at < bytes.length;) at += writeSync(file.fd, bytes, at);
  }

  function finish(file: OpenFile): void {
    if (file.fd !== null) {
      try {
        spill(file);
      } finally {
        closeSync(file.fd);
      }
      return;
    }
    writeFileSync(pathOf(file.path), file.parts.join(''), { flag: written.has(file.path) ? 'a' : 'w' });
    written.add(file.path);
  }

  /** Runs a step of writing, and remembers whether it failed. */
  function step(run: () => void): void {
    try {
      run();
    } catch (error) {
      failed = true;
      throw error;
    }
  }

  return {
    async write(path, text) {
      step(() => {
        if (current?.path !== path) {
          const done = current;
          current = { path, parts: [], chars: 0, fd: null };
          if (done) finish(done);
        }
        current.parts.push(text);
        current.chars += text.length;
        if (current.chars >= BUFFER_CHARS) spill(current);
      });
    },
    async close() {
      const done = current;
      current = null;
      if (!done) return;
      if (!failed) step(() => finish(done));
      else if (done.fd !== null) closeSync(done.fd);
    },
  };
}
