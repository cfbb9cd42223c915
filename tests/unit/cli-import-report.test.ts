import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { useBundledCli } from '../support/bundled-cli';
import { makeTempDir } from '../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

const cli = useBundledCli();

const TEXT = 'Minister Dehqan said Iran and Iraq signed a memorandum in Tehran.';

it('factmark import prints one line per file with what it added, by kind; a refused file adds nothing', async () => {
  const data = join(dir, 'data');
  await mkdir(data);
  await writeFile(join(data, 'doc.txt'), TEXT);
  await writeFile(join(data, 'doc.ann'), 'T1\tspeaker 0 15\tMinister Dehqan\nT2\tplace 58 64\tTehran\n');
  await writeFile(join(data, 'bad.txt'), `${TEXT} Bad.`);
  await writeFile(join(data, 'bad.ann'), 'T1\tspeaker 0 15\tMinister Dehqan\nT1 x\tplace 58 64\tTehran\n');
  const store = join(dir, 'store');
  // Paths relative to the working folder, with "..": the article id must still be "doc".
  const files = ['doc.ann', 'doc.txt', 'bad.ann', 'bad.txt'].map((f) => join(data, f));
  const run = cli('import', ...files, '--store', store, '--annotator', 'bob');
  expect(run.err).toBe('');
  const lines = run.out.trim().split('\n');
  expect(lines).toEqual([
    expect.stringMatching(/doc\.ann: imported 1 article, 2 annotations \(place 1, speaker 1\)(;|$)/),
    expect.stringMatching(/bad\.ann: nothing imported; skipped: line 2: malformed id "T1 x"/),
  ]);
  expect(run.code).toBe(1);
  const stats = cli('stats', '--store', store);
  expect(stats.out).toMatch(/articles: 1\n/);
});
