import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Args, Handlers } from '../../annotations/contract';
import { appPaths, findAppRoot } from '../../annotations/node/app-paths';
import { startWebServer } from '../../annotations/node/http-server';
import { openLowdbRepository } from '../../annotations/node/lowdb-repository';
import { layerProblems } from '../../annotations/layer-checks';
import type { Workspace } from '../../annotations/node/workspace';
import { openWorkspace } from '../../annotations/node/workspace';
import { bundleEntry } from '../support/bundle-entry';
import { makeTempDir } from '../support/temp-dir';

const { sampleDir } = appPaths(findAppRoot(__dirname));
const FIRST = '000_0032acaf3c30b9bc';
const SECOND = '001_3eea3b6f31cb041f';
const LAST = '004_74bfdcc74ec9356c';

let dir: string;
let cleanup: () => Promise<void>;
let workspace: Workspace;
let h: Handlers;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  workspace = await openWorkspace({
    storeDir: join(dir, 'store'),
    annotator: 'alice',
    sampleDir,
    owner: { kind: "Factmark's web mode", url: 'http://127.0.0.1:4717' },
  });
  h = workspace.handlers;
});
afterEach(async () => {
  await workspace.close();
  await cleanup();
});

/** The `nth` word of four letters or more of an article, as a span. */
async function span(articleId: string, nth = 0) {
  const { text } = await h['articles/get']({ articleId });
  const match = [...text.matchAll(/\p{L}{4,}/gu)][nth]!;
  return { articleId, start: match.index, end: match.index + match[0].length, quote: match[0] };
}

/** Every article's layer against its text, the tagset and the registry. */
async function problems(): Promise<string[]> {
  const { tagset, entities, events } = workspace.repo.readProject();
  const found: string[] = [];
  for (const a of workspace.repo.listArticles())
    found.push(
      ...layerProblems(
        await workspace.repo.getArticle(a.id),
        await workspace.repo.readLayer(a.id),
        tagset,
        entities,
        events,
      ),
    );
  return found;
}

const settled = (p: Promise<unknown>) =>
  p.then(
    () => 'done',
    () => 'refused',
  );

describe('operations on one store at once', () => {
  it('a merge does not lose an event record created while it runs', async () => {
    for (let round = 0; round < 15; round++) {
      const keep = (await h['entities/create']({ name: `Keep ${round}`, type: 'person' })).value;
      const twin = (await h['entities/create']({ name: `Twin ${round}`, type: 'person' })).value;
      await h['annotations/create']({ ...(await span(SECOND, round)), kind: 'person', entityId: twin.id });
      const [, created] = await Promise.all([
        h['entities/merge']({ into: keep.id, from: [twin.id] }),
        h['events/create']({ title: `Talks ${round}`, type: 'meeting' }),
      ]);
      expect((await h['events/list']({})).map((e) => e.id)).toContain(created.value.id);
    }
    expect(await problems()).toEqual([]);
  });

  it('deleting an entity while a mention is linked to it leaves no link to a missing entity', async () => {
    for (let round = 0; round < 15; round++) {
      const entity = (await h['entities/create']({ name: `Someone ${round}`, type: 'person' })).value;
      const mention = (await h['annotations/create']({ ...(await span(FIRST, round)), kind: 'person' })).value;
      const link: Args<'annotations/update'> = { articleId: FIRST, id: mention.id, entityId: entity.id };
      const outcomes = await Promise.all([
        settled(h['annotations/update'](link)),
        settled(h['entities/delete']({ id: entity.id })),
      ]);
      // One of the two wins; never both.
      expect(outcomes).not.toEqual(['done', 'done']);
    }
    expect(await problems()).toEqual([]);
  });

  it('removing a kind while an annotation of it is created leaves no annotation of a kind that is gone', async () => {
    const { tagset } = await h['store/status']({});
    const without = { ...tagset, kinds: tagset.kinds.filter((k) => k.kind !== 'date') };
    // The last article: the tagset change reads the corpus in order, so it reads that one last.
    const args = { ...(await span(LAST)), kind: 'date' };
    for (const delay of [0, 1, 2, 3, 4, 6, 8, 12, 16, 24]) {
      const late = async () => {
        await new Promise((resolve) => setTimeout(resolve, delay));
        return h['annotations/create'](args);
      };
      const [removed, created] = await Promise.all([settled(h['tagset/update']({ tagset: without })), settled(late())]);
      expect([removed, created], `created ${delay} ms later`).not.toEqual(['done', 'done']);
      expect(await problems(), `created ${delay} ms later`).toEqual([]);
      // Back to the start: the kind restored, the annotation gone.
      for (const a of (await h['annotations/list']({ articleId: LAST })).annotations)
        await h['annotations/delete']({ articleId: LAST, id: a.id });
      await h['tagset/update']({ tagset });
    }
  });

  it('keeps its hold on the store past the lock’s refreshes (saving still works)', async () => {
    const held = join(dir, 'fresh-store');
    const repo = await openLowdbRepository(held, { lockStaleMs: 2000 });
    try {
      await repo.updateProject((p) => ({ ...p, guidelines: 'first' }));
      // proper-lockfile refreshes every second here; three refreshes later the lock must still be ours.
      await new Promise((resolve) => setTimeout(resolve, 3500));
      await repo.updateProject((p) => ({ ...p, guidelines: 'second' }));
      expect(repo.readProject().guidelines).toBe('second');
    } finally {
      await repo.close();
    }
  }, 20_000);

  it('takes over a lock left long ago by a process that no longer runs, or gone stale', async () => {
    const old = new Date(Date.now() - 10 * 60_000);
    for (const host of [hostname(), 'another-machine']) {
      const store = join(dir, `left-${host}`);
      await mkdir(join(store, 'store.lock', 'held'), { recursive: true });
      const owner = { kind: 'the Factmark desktop app', pid: 2 ** 22 + 1, host, since: old.toISOString() };
      await writeFile(join(store, 'store.lock', 'owner.json'), JSON.stringify(owner));
      await utimes(join(store, 'store.lock', 'held'), old, old);
      const repo = await openLowdbRepository(store);
      await repo.close();
    }
  });

  it('a second opening of an open store in the same process is refused', async () => {
    await expect(openLowdbRepository(join(dir, 'store'))).rejects.toThrow(
      new RegExp(`is open in Factmark's web mode at http://127\\.0\\.0\\.1:4717 \\(process ${process.pid} on `),
    );
  });
});

describe('another process on an open store', () => {
  let tools: string;
  let cleanTools: () => Promise<void>;
  let cli: string;
  let server: string;
  let holder: string;
  beforeAll(async () => {
    // Inside the project, so the server finds the app's files (it looks for package.json above itself).
    await mkdir(join(__dirname, '../../.test-output'), { recursive: true });
    tools = await mkdtemp(join(__dirname, '../../.test-output/tools-'));
    cleanTools = () => rm(tools, { recursive: true, force: true });
    const node = join(__dirname, '../../annotations/node');
    cli = await bundleEntry(join(node, 'cli.ts'), tools, 'cli');
    server = await bundleEntry(join(node, 'serve-main.ts'), tools, 'server');
    holder = await bundleEntry(join(__dirname, '../support/hold-store.ts'), tools, 'hold-store');
  }, 60_000);
  afterAll(() => cleanTools());

  function run(script: string, args: string[]) {
    return new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
      const proc = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
      proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
      proc.on('error', reject);
      proc.on('close', (code) => resolve({ code, out, err }));
    });
  }

  const sentence = (holder = "Factmark's web mode at http://127\\.0\\.0\\.1:4717") =>
    new RegExp(
      `The store .*store is open in ${holder} \\(process ${process.pid} on ${hostname()}, since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\); close it first`,
    );

  it('the command line says which process has it, changes nothing, and exits 3', async () => {
    workspace.repo.announce({ kind: 'the Factmark desktop app' });
    const before = workspace.repo.listArticles().length;
    const article = join(dir, 'extra.txt');
    await writeFile(article, 'Extra\n\nA text.');
    for (const args of [['import', article], ['stats'], ['export', '--format', 'jsonl', '--out', join(dir, 'out')]]) {
      const { code, err } = await run(cli, [...args, '--store', join(dir, 'store')]);
      expect(code, args.join(' ')).toBe(3);
      expect(err).toMatch(sentence('the Factmark desktop app'));
    }
    expect(workspace.repo.listArticles()).toHaveLength(before);
  });

  it('an import from the command line goes through the web mode that has the store open', async () => {
    const { server: web, url } = await startWebServer({ handlers: workspace.handlers, staticDir: join(dir, 'none') });
    try {
      workspace.repo.announce({ kind: "Factmark's web mode", url });
      const article = join(dir, 'extra.txt');
      await writeFile(article, 'Extra\n\nA text about Baghdad.');
      const before = workspace.repo.listArticles().length;
      const { code, out, err } = await run(cli, ['import', article, '--store', join(dir, 'store')]);
      expect(err).toContain(`The store is open in Factmark's web mode at ${url}: the import is sent there.`);
      expect(code).toBe(0);
      expect(out).toMatch(/extra\.txt: .*1 article/);
      expect(workspace.repo.listArticles()).toHaveLength(before + 1);
      // What only the store itself can do is still refused.
      const stats = await run(cli, ['stats', '--store', join(dir, 'store')]);
      expect(stats.code).toBe(3);
      expect(stats.err).toMatch(sentence(`Factmark's web mode at ${url.replace(/\./g, '\\.')}`));
    } finally {
      await new Promise((resolve) => web.close(resolve));
    }
  });

  it('an import is never sent to a web mode that serves another store', async () => {
    const other = await openWorkspace({ storeDir: join(dir, 'another'), annotator: 'alice', sampleDir });
    const { server: web, url } = await startWebServer({ handlers: other.handlers, staticDir: join(dir, 'none') });
    try {
      workspace.repo.announce({ kind: "Factmark's web mode", url });
      const article = join(dir, 'extra.txt');
      await writeFile(article, 'Extra\n\nA text about Baghdad.');
      const { code, err } = await run(cli, ['import', article, '--store', join(dir, 'store')]);
      expect(code).toBe(3);
      expect(err).not.toContain('sent there');
      expect(other.repo.listArticles()).toHaveLength(5);
    } finally {
      await new Promise((resolve) => web.close(resolve));
      await other.close();
    }
  });

  it('a second web mode on the store says which process has it and does not start', async () => {
    const { code, err, out } = await run(server, ['--store', join(dir, 'store'), '--port', '0']);
    expect(code).toBe(2);
    expect(err).toMatch(sentence());
    expect(out).not.toMatch(/web mode: http/);
  });

  it('the web mode lets the store go when it is stopped', async () => {
    const other = join(dir, 'served-store');
    const proc = spawn(process.execPath, [server, '--store', other, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) =>
      proc.stdout.on('data', (d: Buffer) => /web mode: http/.test(d.toString()) && resolve()),
    );
    expect(existsSync(join(other, 'store.lock', 'held'))).toBe(true);
    proc.kill('SIGTERM');
    const code = await new Promise((resolve) => proc.once('close', resolve));
    expect(code).toBe(0);
    expect(existsSync(join(other, 'store.lock', 'held'))).toBe(false);
  });

  it('a store left locked by a process that was killed opens at once', async () => {
    const other = join(dir, 'other-store');
    const proc = spawn(process.execPath, [holder, other], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => proc.stdout.once('data', () => resolve()));
    await expect(openLowdbRepository(other)).rejects.toThrow(/is open in the test's holder \(process \d+/);
    proc.kill('SIGKILL');
    await new Promise((resolve) => proc.once('close', resolve));
    const repo = await openLowdbRepository(other);
    await repo.close();
  });

  it('a store closed by its process can be opened by the next one', async () => {
    await workspace.close();
    const { code, out } = await run(cli, ['stats', '--store', join(dir, 'store')]);
    expect(code).toBe(0);
    expect(out).toMatch(/articles: 5/);
    expect(existsSync(join(dir, 'store', 'store.lock', 'held'))).toBe(false);
    workspace = await openWorkspace({ storeDir: join(dir, 'store'), annotator: 'alice', sampleDir });
  });
});
