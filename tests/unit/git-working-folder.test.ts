import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  GitWorkingFolderError,
  changedPaths,
  commitAll,
  commitMerge,
  fastForward,
  headCommit,
  initRepository,
  mergeBase,
  readTree,
} from '../../annotations/node/git';
import { makeTempDir } from '../support/temp-dir';

const author = { name: 'Ana Annotator', email: 'ana@example.org' };
const ignore = ['.lock', 'journal.jsonl', 'backup', /\.tmp-\d+$/];
const text = (files: Map<string, Uint8Array>) =>
  Object.fromEntries([...files].map(([path, content]) => [path, new TextDecoder().decode(content)]));

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir('factmark-git-'));
  await initRepository(dir, 'main');
});
afterEach(() => cleanup());

async function put(path: string, content: string): Promise<void> {
  await mkdir(join(dir, path, '..'), { recursive: true });
  await writeFile(join(dir, path), content);
}

describe('commitAll', () => {
  it('commits additions, changes and deletions, and returns null when nothing changed', async () => {
    await put('store.json', '{"v":1}\n');
    await put('articles/a1/gold.json', '[]\n');
    const first = await commitAll(dir, author, 'first');
    expect(first).toMatch(/^[0-9a-f]{40}$/);
    expect(await commitAll(dir, author, 'again')).toBeNull();

    await put('store.json', '{"v":2}\n');
    await put('articles/a2/gold.json', '[1]\n');
    await rm(join(dir, 'articles/a1/gold.json'));
    const second = await commitAll(dir, author, 'second');
    expect(second).not.toBe(first);
    expect(text(await readTree(dir, second!))).toEqual({
      'store.json': '{"v":2}\n',
      'articles/a2/gold.json': '[1]\n',
    });
    expect(await headCommit(dir)).toBe(second);
  });

  it('commits a folder deleted whole, and the deleted files of a folder that stays', async () => {
    for (let i = 0; i < 30; i++) await put(`articles/a${i % 3}/layer-${i}.json`, `${i}\n`);
    await put('articles/keep.json', 'k\n');
    await commitAll(dir, author, 'articles');
    await rm(join(dir, 'articles/a0'), { recursive: true });
    await rm(join(dir, 'articles/a1/layer-1.json'));
    const commit = (await commitAll(dir, author, 'deletions'))!;
    const paths = [...(await readTree(dir, commit)).keys()];
    expect(paths.filter((p) => p.startsWith('articles/a0/'))).toEqual([]);
    expect(paths.filter((p) => p.startsWith('articles/a1/'))).toHaveLength(9);
    expect(paths.filter((p) => p.startsWith('articles/a2/'))).toHaveLength(10);
    expect(paths).toContain('articles/keep.json');
    expect(await changedPaths(dir)).toEqual([]);
    expect(await commitAll(dir, author, 'again')).toBeNull();
  });

  it('leaves out the ignore list: the lock folder, the journal, the backup folder and temp files', async () => {
    await put('store.json', '{}\n');
    await put('.lock/owner.json', '{"pid":1}\n');
    await put('journal.jsonl', '{"op":1}\n');
    await put('backup/store.json', '{}\n');
    await put('articles/a1/gold.json.tmp-123', 'half');
    const commit = await commitAll(dir, author, 'store', { ignore });
    expect([...(await readTree(dir, commit!)).keys()]).toEqual(['store.json']);

    await put('journal.jsonl', '{"op":2}\n');
    await put('.lock/owner.json', '{"pid":2}\n');
    expect(await changedPaths(dir, { ignore })).toEqual([]);
    expect(await commitAll(dir, author, 'only ignored files changed', { ignore })).toBeNull();
    expect(await commitAll(dir, author, 'without the list', {})).not.toBeNull();
  });
});

describe('merge records', () => {
  it('writes a merge commit whose tree is exactly the given files, and updates the working folder', async () => {
    await put('a.json', 'base a\n');
    await put('gone.json', 'to be deleted\n');
    const base = (await commitAll(dir, author, 'base'))!;
    await put('a.json', 'ours a\n');
    const ours = (await commitAll(dir, author, 'ours'))!;
    await fastForward(dir, ours);

    const theirsFiles = new Map([
      ['a.json', 'base a\n'],
      ['b/c.json', 'theirs c\n'],
      ['gone.json', 'to be deleted\n'],
    ]);
    const theirs = await commitMerge(dir, [base], theirsFiles, author, 'theirs');
    expect(await mergeBase(dir, ours, theirs)).toBe(base);

    await put('journal.jsonl', 'kept\n');
    const merged = new Map([
      ['a.json', 'ours a\n'],
      ['b/c.json', 'theirs c\n'],
    ]);
    const commit = await commitMerge(dir, [theirs, ours], merged, author, 'merge', { ignore });
    expect(await headCommit(dir)).toBe(commit);
    expect(text(await readTree(dir, commit))).toEqual(Object.fromEntries(merged));
    expect(await readFile(join(dir, 'b/c.json'), 'utf8')).toBe('theirs c\n');
    await expect(readFile(join(dir, 'gone.json'), 'utf8')).rejects.toThrow(/ENOENT/);
    expect(await readFile(join(dir, 'journal.jsonl'), 'utf8')).toBe('kept\n');
    expect(await changedPaths(dir, { ignore })).toEqual([]);
    expect(await mergeBase(dir, commit, ours)).toBe(ours);
  });

  it('refuses to move a folder with uncommitted changes, and changes nothing', async () => {
    await put('a.json', '1\n');
    const base = (await commitAll(dir, author, 'base'))!;
    await put('a.json', 'not committed\n');
    const error = await commitMerge(dir, [base], new Map([['a.json', '2\n']]), author, 'merge').catch((e) => e);
    expect(error).toBeInstanceOf(GitWorkingFolderError);
    expect((error as Error).message).toMatch(/changes not yet committed \(a\.json\)/);
    expect(await readFile(join(dir, 'a.json'), 'utf8')).toBe('not committed\n');
    expect(await headCommit(dir)).toBe(base);
  });

  it('refuses merged paths that leave the folder', async () => {
    await put('a.json', '1\n');
    const base = (await commitAll(dir, author, 'base'))!;
    for (const path of ['../x', '/abs', 'a//b', '.git/config'])
      await expect(commitMerge(dir, [base], new Map([[path, 'x']]), author, 'm')).rejects.toThrow(
        /is not a plain relative path/,
      );
  });
});
