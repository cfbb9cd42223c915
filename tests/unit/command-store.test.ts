import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { runAssignCommand } from '../../annotations/node/cli-assign';
import { runImport } from '../../annotations/node/cli-import';
import { openLowdbRepository } from '../../annotations/node/lowdb-repository';
import { WordIndex } from '../../annotations/search/word-index';
import { testArticle } from '../support/store-records';
import { makeTempDir } from '../support/temp-dir';

// A command ends soon: indexing the corpus for a search it never runs only costs time (at 10,000 articles,
// over a second of an import's CPU), and closing the store would wait for the background reading of every text.

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await cleanup();
});

it('factmark import saves the articles without indexing them for search', async () => {
  const indexed = vi.spyOn(WordIndex.prototype, 'add');
  const file = join(dir, 'corpus.jsonl');
  const lines = ['one', 'two', 'three'].map((id) => JSON.stringify({ id, text: `Article ${id} about Tehran.` }));
  await writeFile(file, `${lines.join('\n')}\n`);
  const store = join(dir, 'store');
  const code = await runImport(store, { paths: [file], annotator: 'bob', extendTagset: false, dryRun: false });
  expect(code).toBe(0);
  expect(indexed).not.toHaveBeenCalled();
  // What the command saved is there, and the app's search finds it (reading what the index lacks).
  const repo = await openLowdbRepository(store);
  try {
    expect(repo.listArticles().map((a) => a.id)).toEqual(['one', 'two', 'three']);
  } finally {
    await repo.close();
  }
});

it('factmark assign does not read the corpus for the search index', async () => {
  const repo = await openLowdbRepository(dir, { indexInBackground: false });
  await repo.addArticles(await Promise.all(['a1', 'a2', 'a3'].map((id) => testArticle(id))));
  await repo.close();
  const indexed = vi.spyOn(WordIndex.prototype, 'add');
  expect(await runAssignCommand('assign', { storeDir: dir, args: ['a1', 'a2'], annotator: 'bob' })).toBe(0);
  expect(indexed).not.toHaveBeenCalled();
});
