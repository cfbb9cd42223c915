import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { dispatch } from '../../annotations/dispatch';
import { openLowdbRepository } from '../../annotations/node/lowdb-repository';
import { createHandlers } from '../../annotations/service/index';
import { cli } from '../support/built-cli';
import { REVIEW_ARTICLE, colleagueBundle } from '../support/review-layers';
import { makeTempDir } from '../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
let store: string;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  store = join(dir, 'store');
  expect(existsSync('dist/cli.mjs'), 'the CLI is built (npm test builds it first)').toBe(true);
  expect(cli('import', 'annotations/sample-corpus', '--store', store).code).toBe(0);
  // alice's, bob's and carol's layers on one article, with differences not decided.
  const repo = await openLowdbRepository(store);
  const handlers = createHandlers(repo, { annotator: 'lead' });
  const article = await repo.getArticle(REVIEW_ARTICLE);
  const files = (['alice', 'bob', 'carol'] as const).map((name) => ({
    name: `${name}.json`,
    content: Buffer.from(JSON.stringify(colleagueBundle(name, article))).toString('base64'),
  }));
  const imported = await dispatch(handlers, 'import/files', { format: 'bundle', files });
  expect(imported.ok).toBe(true);
  await repo.close();
});
afterEach(() => cleanup());

const exportTo = (name: string, ...args: string[]) =>
  cli('export', '--store', store, '--out', join(dir, name), ...args);

it('--scope names whose data is written: one annotator’s layer, each layer in its own folder, or gold', async () => {
  const bob = exportTo('bob', '--format', 'jsonl', '--scope', 'annotator:bob');
  expect(bob).toMatchObject({ code: 0, out: expect.stringContaining('for 1 article(s)') });
  expect(bob.out).toContain('(the layer of bob)');
  expect(bob.err).toContain('left out 4 article(s) never annotated in this layer:');
  const lines = (await readFile(join(dir, 'bob', 'articles.jsonl'), 'utf8')).trimEnd().split('\n');
  expect(lines.map((l) => JSON.parse(l).annotator)).toEqual(['bob']);

  const mine = exportTo('mine', '--format', 'csv', '--scope', 'mine', '--annotator', 'carol');
  expect(mine.code).toBe(0);
  const rows = (await readFile(join(dir, 'mine', 'annotations.csv'), 'utf8')).trimEnd().split('\r\n').slice(1);
  expect(rows.every((r) => r.split(',')[3] === 'carol')).toBe(true);
  expect(rows).toHaveLength(4);

  expect(exportTo('all', '--format', 'conll', '--scope', 'all').code).toBe(0);
  expect((await readdir(join(dir, 'all'))).sort()).toEqual(['alice', 'bob', 'carol']);

  const gold = exportTo('gold', '--format', 'conll', '--scope', 'gold');
  expect(gold.code).toBe(0);
  expect(gold.out).toContain('for 0 article(s)');
  expect(gold.err).toContain(
    'left out 5 article(s) not adjudicated: the gold layer covers adjudicated articles only (--include-unadjudicated adds them):',
  );
  expect(gold.err).toContain(
    `${REVIEW_ARTICLE} (Iran calls for collective efforts to fight ISIL in region): 0 of 4 differences decided`,
  );
  expect(await readFile(join(dir, 'gold', 'iob2.conll'), 'utf8')).not.toContain('-DOCSTART-');
  const every = exportTo('every', '--format', 'conll', '--scope', 'gold', '--include-unadjudicated');
  expect(every.out).toContain('for 5 article(s)');
});

it('refuses a scope it does not know, flags that contradict it, and a layer no article has', () => {
  expect(exportTo('x', '--format', 'csv', '--scope', 'everyone')).toMatchObject({
    code: 2,
    err: expect.stringContaining('--scope must be mine, gold, all or annotator:NAME, not "everyone"'),
  });
  expect(exportTo('x', '--format', 'csv', '--scope', 'all', '--include-unadjudicated')).toMatchObject({
    code: 2,
    err: expect.stringContaining('--include-unadjudicated goes with --scope gold'),
  });
  expect(exportTo('x', '--format', 'csv', '--scope', 'gold', '--annotators', 'bob')).toMatchObject({ code: 2 });
  expect(exportTo('x', '--format', 'csv', '--scope', 'annotator:dora')).toMatchObject({
    code: 1,
    err: expect.stringContaining('dora has no layer in the chosen articles; the layers there are: alice, bob, carol'),
  });
  expect(cli('--help').out).toContain('[--scope mine|gold|all|annotator:NAME]');
});
