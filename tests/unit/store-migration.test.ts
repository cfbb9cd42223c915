import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readV1Store } from '../../annotations/node/store-files-v1';
import { restoreV1Store, storeLayoutVersion } from '../../annotations/node/store-migration';
import { answersOf, STORE_V1, v1Answers } from '../crash/store-v1-answers';
import { useStoreOpener } from '../support/open-store';
import { makeTempDir } from '../support/temp-dir';

const openStore = useStoreOpener();
let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  await cp(STORE_V1, dir, { recursive: true });
});
afterEach(() => cleanup());

/** Every file under `root`, by path, with its text. */
async function tree(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      out[path.slice(root.length + 1)] = await readFile(path, 'utf8');
    }
  return out;
}

describe('a store of layout version 1', () => {
  it('is moved to version 2 as it opens, once, and says so', async () => {
    const notices: string[] = [];
    const repo = await openStore(dir, { onNotice: (m) => notices.push(m) });
    expect(repo.migratedFrom).toBe(1);
    expect(notices).toEqual([expect.stringMatching(/moved the store .* to layout version 2; .*backup\/v1/)]);
    expect(await storeLayoutVersion(dir)).toBe(2);
    const files = Object.keys(await tree(dir)).filter((f) => !f.startsWith('backup/') && !f.startsWith('store.lock'));
    expect(files.filter((f) => !f.startsWith('articles/') && !f.startsWith('layers/')).sort()).toEqual([
      '.gitignore',
      'entities.jsonl',
      'events.jsonl',
      'guidelines.md',
      'index.json',
      'local/settings.json',
      'settings.json',
      'tagset.json',
    ]);
    // One file per article per annotator, gold a layer like the others.
    expect(files.filter((f) => f.startsWith('layers/000_0032acaf3c30b9bc/')).sort()).toEqual([
      'layers/000_0032acaf3c30b9bc/alice.json',
      'layers/000_0032acaf3c30b9bc/bob.json',
      'layers/000_0032acaf3c30b9bc/gold.json',
    ]);
    expect(JSON.parse(await readFile(join(dir, 'local/settings.json'), 'utf8'))).toEqual({
      schemaVersion: 2,
      settings: { annotator: 'alice' },
    });
    expect(await readFile(join(dir, '.gitignore'), 'utf8')).toMatch(/^local\/$/m);

    const again = await openStore(dir, { onNotice: (m) => notices.push(m) });
    expect(again.migratedFrom).toBeNull();
    expect(notices).toHaveLength(1);
  });

  it('answers every read of the contract as the previous Factmark did, also after reopening', async () => {
    const expected = await v1Answers();
    expect(await answersOf(await openStore(dir, { onNotice: () => {} }), expected)).toEqual(expected);
    expect(await answersOf(await openStore(dir), expected)).toEqual(expected);
  });

  it('keeps its version 1 files byte for byte in backup/v1, which restore to a store the version 1 reader reads the same', async () => {
    const original = await tree(STORE_V1);
    const before = await readV1Store(STORE_V1);
    const repo = await openStore(dir, { onNotice: () => {} });
    await repo.close();
    const kept = await tree(join(dir, 'backup/v1'));
    for (const [path, text] of Object.entries(kept)) expect(text, path).toBe(original[path]);
    expect(Object.keys(kept).sort()).toEqual(
      Object.keys(original)
        .filter((p) => p === 'index.json' || p === 'project.json' || p.startsWith('annotations/'))
        .sort(),
    );
    await restoreV1Store(dir);
    expect(await storeLayoutVersion(dir)).toBe(1);
    expect(await readV1Store(dir)).toEqual(before);
    expect(await readdir(dir)).not.toContain('layers');
    // Opened again, it is migrated again, to the same answers.
    const expected = await v1Answers();
    expect(await answersOf(await openStore(dir, { onNotice: () => {} }), expected)).toEqual(expected);
  });

  it('is not migrated while one of its files cannot be read: the file is named and nothing changes', async () => {
    const broken = join(dir, 'annotations', '001_3eea3b6f31cb041f.json');
    await writeFile(broken, '{"schemaVersion": 1, "annotations": [');
    const before = await tree(dir);
    const error = (await openStore(dir).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(broken);
    expect(error.message).toMatch(/not valid JSON.*layout version 1.*nothing was changed/);
    const after = await tree(dir);
    delete after['store.lock/owner.json'];
    expect(after).toEqual(before);
  });
});

describe('a store of layout version 2', () => {
  it('saves an edit as a few changed lines of one layer file', async () => {
    const repo = await openStore(dir, { onNotice: () => {} });
    const articleId = '000_0032acaf3c30b9bc';
    const file = join(dir, 'layers', articleId, 'bob.json');
    const before = (await readFile(file, 'utf8')).split('\n');
    const [first] = (await repo.readLayer(articleId)).annotations.filter((a) => a.annotator === 'bob');
    await repo.putAnnotation({ ...first!, note: 'checked twice' });
    const after = (await readFile(file, 'utf8')).split('\n');
    expect(after.length).toBe(before.length);
    expect(after.filter((line, i) => line !== before[i])).toEqual(['      "note": "checked twice",']);

    const entities = join(dir, 'entities.jsonl');
    const lines = (await readFile(entities, 'utf8')).split('\n');
    await repo.updateProject((p) => ({
      ...p,
      entities: p.entities.map((e, i) => (i === 1 ? { ...e, name: 'Dehqan, the other' } : e)),
    }));
    const changed = (await readFile(entities, 'utf8')).split('\n');
    expect(changed.length).toBe(lines.length);
    expect(changed.filter((line, i) => line !== lines[i])).toEqual([expect.stringContaining('"Dehqan, the other"')]);
  });

  it('names a damaged layer file, keeps it, reads the rest, and restores that file’s last good copy', async () => {
    const repo = await openStore(dir, { onNotice: () => {} });
    const articleId = '000_0032acaf3c30b9bc';
    const bobs = async (r: typeof repo) =>
      (await r.readLayer(articleId)).annotations.filter((a) => a.annotator === 'bob');
    const [first] = await bobs(repo);
    await repo.putAnnotation({ ...first!, note: 'first edit' });
    const goodCopy = await repo.readLayer(articleId);
    await repo.putAnnotation({ ...first!, note: 'second edit' });
    await repo.close();
    const file = join(dir, 'layers', articleId, 'bob.json');
    await writeFile(file, '{"schemaVersion": 2, "annotations": [');

    const reopened = await openStore(dir);
    await expect(reopened.readLayer(articleId)).rejects.toThrow(/bob\.json: it is not valid JSON/);
    expect(reopened.status().problems).toEqual([
      { file, reason: expect.stringMatching(/not valid JSON/), articleId, restorable: true },
    ]);
    expect((await reopened.readLayer('001_3eea3b6f31cb041f')).annotations).not.toEqual([]);
    expect(await readFile(file, 'utf8')).toBe('{"schemaVersion": 2, "annotations": [');

    await reopened.restoreLayer(articleId);
    expect(await reopened.readLayer(articleId)).toEqual(goodCopy);
    expect(reopened.status().problems).toEqual([]);
  });

  it('is refused when a newer Factmark wrote it, and left as it is', async () => {
    await (await openStore(dir, { onNotice: () => {} })).close();
    const index = join(dir, 'index.json');
    const text = (await readFile(index, 'utf8')).replace('"schemaVersion": 2', '"schemaVersion": 3');
    await writeFile(index, text);
    await expect(openStore(dir)).rejects.toThrow(/schema version 3, newer than this Factmark understands/);
    expect(await readFile(index, 'utf8')).toBe(text);
  });
});
