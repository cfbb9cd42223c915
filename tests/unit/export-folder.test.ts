import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ExportPiece } from '../../annotations/formats/export-pieces';
import { filesOf } from '../../annotations/formats/export-pieces';
import { folderSink } from '../../annotations/node/export-folder';
import { makeTempDir } from '../support/temp-dir';

/** The command line's export folder holds, file for file and byte for byte, the files its pieces make. */

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

async function folderFiles(root: string): Promise<Map<string, string>> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  const files = new Map<string, string>();
  for (const e of entries.filter((x) => x.isFile())) {
    const full = join(e.parentPath, e.name);
    files.set(full.slice(root.length + 1), await readFile(full, 'utf8'));
  }
  return files;
}

it('writes small files whole, a large one as it grows, in folders, and appends to a path met again', async () => {
  const line = `${'x'.repeat(999)}👍🏽\n`;
  const pieces: ExportPiece[] = [
    { path: 'articles.jsonl', text: '' },
    // Past a mebibyte: written as it grows.
    ...Array.from({ length: 2500 }, () => ({ path: 'articles.jsonl', text: line })),
    { path: 'texts/a.txt', text: 'café\u0301 سلام' },
    { path: 'texts/b.txt', text: '' },
    { path: 'alice/a.ann', text: 'T1\tclaim 0 4\tcafé\n' },
    { path: 'alice/a.ann', text: 'T2\tspeaker 5 9\tسلام\n' },
    { path: 'texts/a.txt', text: ' — again' },
    { path: 'articles.jsonl', text: 'last\n' },
    { path: 'annotation.conf', text: '[entities]\n' },
  ];
  const root = join(dir, 'out');
  const sink = folderSink(root);
  for (const { path, text } of pieces) await sink.write(path, text);
  await sink.close();
  const expected = new Map(filesOf(pieces).map((f) => [f.path, f.content]));
  expect(await folderFiles(root)).toEqual(expected);
});

it('after a write fails, writes nothing more: closing neither writes the file in hand nor reports another failure', async () => {
  const root = join(dir, 'out');
  // A folder where the export wants a file: writing it fails.
  await mkdir(join(root, 'b.txt'), { recursive: true });
  const sink = folderSink(root);
  await sink.write('a.txt', 'first');
  await sink.write('b.txt', 'second');
  await expect(sink.write('c.txt', 'third')).rejects.toMatchObject({ code: 'EISDIR' });
  await expect(sink.close()).resolves.toBeUndefined();
  expect(await readFile(join(root, 'a.txt'), 'utf8')).toBe('first');
  expect(existsSync(join(root, 'c.txt'))).toBe(false);
});
