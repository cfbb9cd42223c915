import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ArticleLayer } from '../../annotations/model';
import { hashStore } from '../support/store-integrity';
import { useStoreOpener } from '../support/open-store';
import { useBundledCli } from '../support/bundled-cli';
import { makeTempDir } from '../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
let store: string;
const openStore = useStoreOpener();
const SAMPLE = 'annotations/sample-corpus';
const FIRST = '000_0032acaf3c30b9bc';
/** Each run starts a Node process: a second or more each on a busy machine. */
const SLOW = { timeout: 120_000 };

const cli = useBundledCli();

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  store = join(dir, 'store');
  const files = (await readdir(SAMPLE)).map((name) => join(SAMPLE, name));
  expect(cli('import', ...files, '--store', store).code).toBe(0);
}, SLOW.timeout);
afterEach(() => cleanup());

/** Every article's layer, read after the command let the store go. */
async function layers(): Promise<Map<string, ArticleLayer>> {
  const repo = await openStore(store);
  const found = new Map<string, ArticleLayer>();
  for (const { id } of repo.listArticles()) found.set(id, await repo.readLayer(id));
  await repo.close();
  return found;
}

it(
  'factmark suggest writes every article’s suggestions as a layer, a line per article and a total, and will not overwrite it unasked',
  SLOW,
  async () => {
    const run = cli('suggest', '--store', store, '--as', 'machine');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    const lines = run.out.trim().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(new RegExp(`^${FIRST}\\t\\d+ suggestion\\(s\\)$`));
    const total = lines.slice(0, 5).reduce((sum, line) => sum + Number(/\t(\d+)/.exec(line)![1]), 0);
    expect(total).toBeGreaterThan(0);
    expect(lines[5]).toBe(`total: ${total} suggestion(s) written as layer "machine" on 5 article(s)`);
    const written = [...(await layers()).values()].flatMap((l) => l.annotations);
    expect(written).toHaveLength(total);
    expect(written.every((a) => a.annotator === 'machine' && a.suggestedBy !== undefined)).toBe(true);

    const before = await hashStore(store);
    const again = cli('suggest', '--store', store, '--as', 'machine');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/layer "machine" holds annotations already .*--replace/);
    expect(await hashStore(store)).toEqual(before);

    const replaced = cli('suggest', '--store', store, '--as', 'machine', '--replace');
    expect(replaced.code).toBe(0);
    expect(replaced.out).toContain(`total: ${total} suggestion(s)`);
    expect([...(await layers()).values()].flatMap((l) => l.annotations)).toHaveLength(total);
  },
);

it(
  'factmark suggest narrows to the articles, recommenders and score given, with said-by links for claims',
  SLOW,
  async () => {
    const run = cli(
      'suggest',
      '--store',
      store,
      '--as',
      'patterns',
      '--articles',
      FIRST,
      '--recommenders',
      'attribution',
      '--min-score',
      '0.8',
    );
    expect(run.code).toBe(0);
    expect(run.out.trim().split('\n')).toHaveLength(2);
    const all = await layers();
    const layer = all.get(FIRST)!;
    expect(layer.annotations.length).toBeGreaterThan(0);
    expect(layer.annotations.every((a) => a.suggestedBy === 'attribution')).toBe(true);
    expect(layer.relations.length).toBeGreaterThan(0);
    expect(layer.relations.every((r) => r.type === 'said-by' && r.annotator === 'patterns')).toBe(true);
    for (const [id, other] of all) if (id !== FIRST) expect(other.annotations).toEqual([]);
  },
);

it(
  'factmark suggest refuses bad usage with exit 2 and an unknown article with exit 1, writing nothing',
  SLOW,
  async () => {
    const before = await hashStore(store);
    const usage = [
      ['--as', 'gold'],
      [],
      ['--as', 'm', '--recommenders', 'oracle'],
      ['--as', 'm', '--min-score', '2'],
      ['--as', 'm', '--bogus'],
    ];
    for (const args of usage) {
      const run = cli('suggest', '--store', store, ...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.err).toMatch(/Usage: factmark .*suggest/);
    }
    const unknown = cli('suggest', '--store', store, '--as', 'm', '--articles', 'no-such-article');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/no article "no-such-article"/);
    expect(await hashStore(store)).toEqual(before);
    expect(cli('--help').out).toMatch(/factmark suggest --as LAYER/);
  },
);
