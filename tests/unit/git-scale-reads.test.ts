import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitAll, commitMerge, initRepository, readChanges, readTree } from '../../annotations/node/git';
import { makeTempDir } from '../support/temp-dir';

// readTree reads a file from the working folder when it holds the committed content, and must never
// take an uncommitted change, a deleted file or a folder in its place for the committed one.
const author = { name: 'Ana Annotator', email: 'ana@example.org' };
const text = (files: Map<string, Uint8Array>) =>
  Object.fromEntries([...files].map(([path, content]) => [path, new TextDecoder().decode(content)]));

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir('factmark-git-reads-'));
  await initRepository(dir);
});
afterEach(() => cleanup());

async function put(path: string, content: string): Promise<void> {
  await mkdir(join(dir, path, '..'), { recursive: true });
  await writeFile(join(dir, path), content);
}

describe('reading a commit’s files', () => {
  it('gives the committed content whatever the working folder holds now', async () => {
    await put('a.json', 'committed a\n');
    await put('b/c.json', 'committed c\n');
    await put('d.json', 'committed d\n');
    const commit = (await commitAll(dir, author, 'first'))!;
    await put('a.json', 'changed a, same size\n'.slice(0, 'committed a\n'.length));
    await rm(join(dir, 'b'), { recursive: true });
    await put('b', 'a file where the folder was\n');
    await rm(join(dir, 'd.json'));
    await mkdir(join(dir, 'd.json'));
    expect(text(await readTree(dir, commit))).toEqual({
      'a.json': 'committed a\n',
      'b/c.json': 'committed c\n',
      'd.json': 'committed d\n',
    });
  });

  it('reads the same content twice for two commits sharing files, and each commit its own', async () => {
    await put('same.json', 'shared\n');
    await put('own.json', 'first\n');
    const first = (await commitAll(dir, author, 'first'))!;
    const second = await commitMerge(
      dir,
      [first],
      new Map([
        ['same.json', 'shared\n'],
        ['own.json', 'second\n'],
      ]),
      author,
      'second',
    );
    const [a, b] = await Promise.all([readTree(dir, first), readTree(dir, second)]);
    expect(text(a)).toEqual({ 'own.json': 'first\n', 'same.json': 'shared\n' });
    expect(text(b)).toEqual({ 'own.json': 'second\n', 'same.json': 'shared\n' });
  });

  it('reads only the files two commits do not share, each side as it was', async () => {
    await put('kept.json', 'kept\n');
    await put('changed.json', 'before\n');
    await put('gone/old.json', 'old\n');
    const first = (await commitAll(dir, author, 'first'))!;
    await put('changed.json', 'after\n');
    await rm(join(dir, 'gone'), { recursive: true });
    await put('new/file.json', 'new\n');
    const second = (await commitAll(dir, author, 'second'))!;
    const changes = await readChanges(dir, first, second);
    expect(text(changes.from)).toEqual({ 'changed.json': 'before\n', 'gone/old.json': 'old\n' });
    expect(text(changes.to)).toEqual({ 'changed.json': 'after\n', 'new/file.json': 'new\n' });
    const back = await readChanges(dir, second, first);
    expect(text(back.to)).toEqual(text(changes.from));
    expect(await readChanges(dir, second, second)).toEqual({ from: new Map(), to: new Map() });
  });
});
