import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FlushFileSystem } from '../../annotations/node/new-files-write';
import { FLUSH_ALL_FROM, syncFileSystem, writeNewFiles } from '../../annotations/node/new-files-write';
import { makeTempDir } from '../support/temp-dir';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function folder(): Promise<string> {
  const temp = await makeTempDir();
  cleanups.push(temp.cleanup);
  return temp.dir;
}

const filesIn = (dir: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({ path: join(dir, 'articles', `a${i}.json`), text: `{"n": ${i}}\n` }));

/** Each step as the write tells it, and the filesystem flushes among them. */
function recorder(flushWorks: boolean) {
  const steps: string[] = [];
  const flush: FlushFileSystem = async (at) => {
    steps.push(`flush the filesystem of ${at}`);
    return flushWorks;
  };
  return { steps, flush, onStep: (step: string) => void steps.push(step) };
}

describe('new files written at once', () => {
  it(`from ${FLUSH_ALL_FROM} files: all written, then one flush of the filesystem, then each renamed to its own name`, async () => {
    const dir = await folder();
    const files = filesIn(dir, FLUSH_ALL_FROM);
    const { steps, flush, onStep } = recorder(true);
    await writeNewFiles(files, onStep, flush);
    const flushAt = steps.indexOf(`flush the filesystem of ${join(dir, 'articles')}`);
    expect(flushAt).toBe(FLUSH_ALL_FROM + 1);
    expect(steps.slice(0, FLUSH_ALL_FROM).every((s) => s.startsWith('write '))).toBe(true);
    expect(steps.slice(flushAt + 1).every((s) => s.startsWith('rename '))).toBe(true);
    expect(steps.filter((s) => /^flush a\d+\.json$/.test(s))).toEqual([]);
    expect((await readdir(join(dir, 'articles'))).sort()).toEqual(files.map((f) => f.path.split('/').pop()).sort());
    for (const f of files) expect(await readFile(f.path, 'utf8')).toBe(f.text);
  });

  it('flushes each file before any is renamed when the filesystem cannot be flushed at once', async () => {
    const dir = await folder();
    const files = filesIn(dir, FLUSH_ALL_FROM + 3);
    const { steps, flush, onStep } = recorder(false);
    await writeNewFiles(files, onStep, flush);
    const eachFlush = steps.filter((s) => /^flush a\d+\.json$/.test(s));
    expect(eachFlush).toHaveLength(files.length);
    const lastFlush = steps.lastIndexOf(eachFlush.at(-1)!);
    expect(steps.findIndex((s) => s.startsWith('rename '))).toBeGreaterThan(lastFlush);
    for (const f of files) expect(await readFile(f.path, 'utf8')).toBe(f.text);
  });

  it('flushes and renames fewer files one by one, without flushing the whole filesystem', async () => {
    const dir = await folder();
    const files = filesIn(dir, 3);
    const { steps, flush, onStep } = recorder(true);
    await writeNewFiles(files, onStep, flush);
    expect(steps.some((s) => s.startsWith('flush the filesystem'))).toBe(false);
    expect(steps.filter((s) => s.startsWith('flush a'))).toHaveLength(3);
    for (const f of files) expect(await readFile(f.path, 'utf8')).toBe(f.text);
  });

  it('when a rename fails, throws it and leaves no temporary file behind', async () => {
    const dir = await folder();
    const files = filesIn(dir, FLUSH_ALL_FROM + 10);
    // A folder where a file is to go: the rename over it fails.
    await mkdir(join(dir, 'articles', 'a20.json', 'inside'), { recursive: true });
    await expect(writeNewFiles(files, undefined, async () => true)).rejects.toThrow(/a20\.json/);
    const left = await readdir(join(dir, 'articles'));
    expect(left.filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('flushes the filesystem on Linux with sync -f', async () => {
    expect(await syncFileSystem(await folder())).toBe(true);
  });
});
