import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReadWriteLock } from '../../annotations/read-write-lock';
import type { LowdbRepository } from '../../annotations/node/lowdb-repository';
import { useStoreOpener } from '../support/open-store';
import type { Annotation } from '../../annotations/model';
import { testAnnotation, testArticle } from '../support/store-records';
import { makeTempDir } from '../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
const openStore = useStoreOpener();
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

const article = testArticle;
const annotation = testAnnotation;

/** Every file of the store but the lock, name → bytes. */
async function files(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (path.includes('store.lock')) continue;
    out[path.slice(dir.length + 1)] = (await readFile(path)).toString('base64');
  }
  return out;
}

async function withTwoArticles(): Promise<LowdbRepository> {
  const repo = await openStore(dir);
  await repo.addArticles([await article('a'), await article('b')]);
  await repo.putAnnotation(annotation('a', 'a1'));
  await repo.putAnnotation(annotation('b', 'b1'));
  return repo;
}

describe('a transaction', () => {
  it('writes nothing when its work throws, and reads the store as before', async () => {
    const repo = await withTwoArticles();
    const before = await files();
    await expect(
      repo.transact(async (tx) => {
        await tx.putAnnotation(annotation('a', 'a2'));
        await tx.updateProject((p) => ({ ...p, guidelines: 'changed' }));
        expect((await tx.readLayer('a')).annotations.map((x) => x.id)).toEqual(['a1', 'a2']);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await files()).toEqual(before);
    expect((await repo.readLayer('a')).annotations.map((x) => x.id)).toEqual(['a1']);
    expect(repo.readProject().guidelines).not.toBe('changed');
  });

  it('refuses a record that would not read back, naming the file, and writes none of the change', async () => {
    const repo = await withTwoArticles();
    const before = await files();
    const error = (await repo
      .transact(async (tx) => {
        await tx.putAnnotation(annotation('a', 'a2'));
        await tx.putAnnotation(annotation('b', 'T1 x'));
      })
      .then(
        () => null,
        (e: unknown) => e,
      )) as Error & { code: string };
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toMatch(
      /^Refused: alice\.json would be saved in a form Factmark cannot read back \(.*at annotations\.0\.id\)/,
    );
    expect(await files()).toEqual(before);
    expect((await repo.readLayer('a')).annotations).toHaveLength(1);
  });

  it('refuses an article whose id differs from another only in case (one file name on Windows and macOS)', async () => {
    const repo = await withTwoArticles();
    await expect(repo.addArticle(await article('A'))).rejects.toThrow(/would share its files with article "a"/);
    await expect(repo.addArticles([await article('c'), await article('C')])).rejects.toThrow(/article "c"/);
    expect(repo.listArticles().map((a) => a.id)).toEqual(['a', 'b']);
  });

  it('once its journal is written, counts as made even if writing a file then fails; the next change finishes it', async () => {
    const first = await withTwoArticles();
    await first.close();
    let failing = true;
    const repo = await openStore(dir, {
      onWriteStep: (step) => {
        if (failing && step === 'rename alice.json') throw new Error('disk went away');
      },
    });
    await repo.transact(async (tx) => {
      await tx.putAnnotation(annotation('a', 'a2'));
      await tx.putAnnotation(annotation('b', 'b2'));
    });
    expect((await repo.readLayer('b')).annotations.map((x) => x.id)).toEqual(['b1', 'b2']);
    expect(await readdir(dir)).toContain('journal.json');
    failing = false;
    await repo.updateProject((p) => ({ ...p, guidelines: 'next' }));
    expect(await readdir(dir)).not.toContain('journal.json');
    const reopened = await openStore(dir);
    expect((await reopened.readLayer('b')).annotations.map((x) => x.id)).toEqual(['b1', 'b2']);
  });

  it('writes nothing once the store is closed', async () => {
    const repo = await withTwoArticles();
    await repo.close();
    await expect(repo.putAnnotation(annotation('a', 'a9'))).rejects.toThrow(/was closed; nothing was saved/);
  });

  it('an operation that only reads cannot write', async () => {
    const repo = await withTwoArticles();
    await expect(repo.snapshot((view) => view.putAnnotation(annotation('a', 'a3')))).rejects.toThrow(
      /attempted by an operation that only reads/,
    );
  });

  it('keeps the previous version of a rewritten file, and restores it when the file is damaged', async () => {
    const repo = await withTwoArticles();
    await repo.putAnnotation(annotation('a', 'a2'));
    const backup = JSON.parse(await readFile(join(dir, 'backup/layers/a/alice.json'), 'utf8')) as {
      annotations: Annotation[];
    };
    expect(backup.annotations.map((a) => a.id)).toEqual(['a1']);
    await repo.close();
    await writeFile(join(dir, 'layers/a/alice.json'), 'garbage');
    const reopened = await openStore(dir);
    await expect(reopened.readLayer('a')).rejects.toThrow(/not valid JSON/);
    expect(reopened.status().problems).toEqual([
      expect.objectContaining({ articleId: 'a', restorable: true, file: join(dir, 'layers/a/alice.json') }),
    ]);
    await reopened.restoreLayer('a');
    expect((await reopened.readLayer('a')).annotations.map((a) => a.id)).toEqual(['a1']);
    expect(reopened.status().problems).toEqual([]);
    // Restoring does not replace the last good copy with the damaged file.
    expect(JSON.parse(await readFile(join(dir, 'backup/layers/a/alice.json'), 'utf8'))).toEqual(backup);
  });
});

describe('a damaged file', () => {
  it('is no longer reported once it reads again (repaired by hand)', async () => {
    const repo = await withTwoArticles();
    await repo.close();
    const file = join(dir, 'layers/a/alice.json');
    const good = await readFile(file, 'utf8');
    await writeFile(file, 'garbage');
    const reopened = await openStore(dir);
    await expect(reopened.readLayer('a')).rejects.toThrow(/not valid JSON/);
    await writeFile(file, good);
    expect((await reopened.readLayer('a')).annotations).toHaveLength(1);
    expect(reopened.status().problems).toEqual([]);
  });

  it('is restored only when unreadable: a copy never undoes the last edit of a file that reads fine', async () => {
    const repo = await withTwoArticles();
    await repo.putAnnotation(annotation('a', 'a2'));
    await expect(repo.restoreLayer('a')).rejects.toThrow(/read fine; there is nothing to restore/);
    expect((await repo.readLayer('a')).annotations.map((a) => a.id)).toEqual(['a1', 'a2']);
  });
});

describe('opening a store', () => {
  it('with a damaged project file names its last good copy', async () => {
    const repo = await withTwoArticles();
    await repo.updateProject((p) => ({ ...p, tagset: { ...p.tagset, name: 'v2' } }));
    await repo.close();
    await writeFile(join(dir, 'tagset.json'), '{');
    const error = (await openStore(dir).then(
      () => null,
      (e: unknown) => e,
    )) as Error;
    expect(error.message).toMatch(
      /tagset\.json: it is not valid JSON .*; its last good copy is .*backup\/tagset\.json/,
    );
  });

  it('finishes a change a crash interrupted after its journal was written', async () => {
    const repo = await withTwoArticles();
    await repo.close();
    const layer = (id: string, annotationId: string) =>
      JSON.stringify({
        schemaVersion: 2,
        articleId: id,
        annotator: 'alice',
        annotations: [annotation(id, annotationId)],
        relations: [],
        documentLabels: [],
      });
    const journal = {
      schemaVersion: 1,
      files: [
        { path: 'layers/a/alice.json', text: layer('a', 'a9') },
        { path: 'layers/b/alice.json', text: layer('b', 'b9') },
      ],
    };
    await writeFile(join(dir, 'journal.json'), JSON.stringify(journal));
    const reopened = await openStore(dir);
    expect((await reopened.readLayer('a')).annotations.map((a) => a.id)).toEqual(['a9']);
    expect((await reopened.readLayer('b')).annotations.map((a) => a.id)).toEqual(['b9']);
    expect(await readdir(dir)).not.toContain('journal.json');
  });

  it('sets a damaged journal aside and reports it, changing no store file', async () => {
    const repo = await withTwoArticles();
    await repo.close();
    const before = await files();
    await writeFile(join(dir, 'journal.json'), '{"schemaVersion":1,"files":[{"path":"../outside.json","text":"x"}]}');
    const reopened = await openStore(dir);
    const [problem] = reopened.status().problems;
    expect(problem?.reason).toMatch(/an interrupted change could not be finished: its journal is damaged/);
    expect(problem?.file).toMatch(/journal-damaged-\d+\.json$/);
    const after = await files();
    expect(Object.keys(after).filter((f) => !f.startsWith('journal-damaged'))).toEqual(Object.keys(before));
    expect(await readdir(join(dir, '..'))).not.toContain('outside.json');
  });

  it('removes the temporary files of writes a crash interrupted', async () => {
    const repo = await withTwoArticles();
    await repo.close();
    await writeFile(join(dir, 'layers', 'a', '.alice.json.123.4.tmp'), '{"half');
    await writeFile(join(dir, '.index.json.123.5.tmp'), '');
    // Those of the index and project at once, those of an article's layers when it is first read.
    await (await openStore(dir)).readLayer('a');
    expect(Object.keys(await files()).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('the read-write lock', () => {
  it('runs readers together, a writer alone, and readers that come after a waiting writer after it', async () => {
    const lock = createReadWriteLock();
    const log: string[] = [];
    const step = (name: string, ms: number) => async () => {
      log.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`${name} end`);
    };
    await Promise.all([
      lock.read(step('r1', 20)),
      lock.read(step('r2', 5)),
      lock.write(step('w', 5)),
      lock.read(step('r3', 1)),
      lock.write(step('w2', 1)).catch(() => undefined),
    ]);
    expect(log).toEqual([
      'r1 start',
      'r2 start',
      'r2 end',
      'r1 end',
      'w start',
      'w end',
      'r3 start',
      'r3 end',
      'w2 start',
      'w2 end',
    ]);
  });

  it('goes on after a task fails', async () => {
    const lock = createReadWriteLock();
    await expect(lock.write(async () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await lock.write(async () => 1)).toBe(1);
  });
});
