import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importBatches } from '../../annotations/imports/import-batches';

const SEED = Number(process.env.FACTMARK_FUZZ_SEED ?? 20261130);
const SCALE = Number(process.env.FACTMARK_FUZZ_SCALE ?? 1);

const files = (...names: string[]) => names.map((name) => ({ name }));
const names = (batches: { files: { name: string }[] }[]) => batches.map((b) => b.files.map((f) => f.name));

describe('import batches', () => {
  it('never parts a brat .txt from its .ann, and sends the brat configuration with every batch', () => {
    const batches = importBatches(
      'brat',
      files(
        'corpus/annotation.conf',
        'corpus/a.ann',
        'corpus/a.txt',
        'corpus/b.ann',
        'corpus/visual.conf',
        'corpus/b.txt',
        'corpus/news/annotation.conf',
        'corpus/news/c.txt',
        'corpus/news/c.ann',
      ),
      3,
    );
    const shared = ['corpus/annotation.conf', 'corpus/visual.conf', 'corpus/news/annotation.conf'];
    expect(names(batches)).toEqual([
      [...shared, 'corpus/a.ann', 'corpus/a.txt'],
      [...shared, 'corpus/b.ann', 'corpus/b.txt'],
      [...shared, 'corpus/news/c.txt', 'corpus/news/c.ann'],
    ]);
    expect(batches.map((b) => b.count)).toEqual([2, 2, 2]);
  });

  it('sends a Label Studio config with every batch of tasks, and W3C texts with every annotation file', () => {
    expect(names(importBatches('label-studio', files('t1.json', 'config.xml', 't2.json', 't3.json'), 2))).toEqual([
      ['config.xml', 't1.json', 't2.json'],
      ['config.xml', 't3.json'],
    ]);
    expect(names(importBatches('w3c', files('a.jsonld', 'texts/doc.txt', 'b.jsonld'), 1))).toEqual([
      ['texts/doc.txt', 'a.jsonld'],
      ['texts/doc.txt', 'b.jsonld'],
    ]);
    // Only shared files: sent once, so each still gets its report line.
    expect(names(importBatches('brat', files('annotation.conf'), 2))).toEqual([['annotation.conf']]);
    expect(importBatches('doccano', [], 2)).toEqual([]);
  });

  it('cuts other formats into batches of the size given, keeping the order', () => {
    expect(names(importBatches('articles', files('a.txt', 'b.txt', 'c.conf', 'd.xml', 'e.md'), 2))).toEqual([
      ['a.txt', 'b.txt'],
      ['c.conf', 'd.xml'],
      ['e.md'],
    ]);
  });

  it('holds every file, each brat pair in one batch, and no more own files per batch than asked (property)', () => {
    const name = fc
      .tuple(fc.constantFrom('', 'x/', 'x/y/'), fc.constantFrom('a', 'b', 'c', 'd', 'e', 'annotation', 'visual'))
      .chain(([dir, stem]) => fc.constantFrom('.txt', '.ann', '.conf', '.json').map((ext) => `${dir}${stem}${ext}`));
    fc.assert(
      fc.property(fc.uniqueArray(name, { maxLength: 30 }), fc.integer({ min: 2, max: 6 }), (list, size) => {
        const batches = importBatches('brat', files(...list), size);
        const confs = list.filter((n) => n.endsWith('.conf'));
        const own = batches.flatMap((b) => b.files.filter((f) => !f.name.endsWith('.conf')).map((f) => f.name));
        expect(own.sort()).toEqual(list.filter((n) => !n.endsWith('.conf')).sort());
        for (const batch of batches) {
          const inBatch = batch.files.map((f) => f.name);
          if (own.length > 0) expect(inBatch.filter((n) => n.endsWith('.conf'))).toEqual(confs);
          expect(batch.count).toBeLessThanOrEqual(size);
          for (const n of inBatch.filter((x) => x.endsWith('.ann'))) {
            const txt = n.replace(/\.ann$/, '.txt');
            if (list.includes(txt)) expect(inBatch).toContain(txt);
          }
        }
      }),
      { seed: SEED, numRuns: Math.round(300 * SCALE) },
    );
  });
});
