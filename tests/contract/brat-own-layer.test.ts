import { afterEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../annotations/contract';
import type { Annotation, ArticleLayer } from '../../annotations/model';
import type { TestStore } from '../support/interchange-store';
import { emptyStore, fileOf } from '../support/interchange-store';
import { ok } from './contract-cases';

/**
 * A brat file imported into the user's own layer only adds to it: what the
 * user tagged or changed since an earlier import of the file stays as it is,
 * as it does for every other format.
 */

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.dispose();
});

const TEXT = 'Minister Dehqan said Iran and Iraq signed a memorandum in Tehran.';
const pair = (ann: string) => [fileOf('doc.txt', TEXT), fileOf('doc.ann', ann)];
const FIRST = 'T1\tspeaker 0 15\tMinister Dehqan\nT2\tclaim 21 64\tIran and Iraq signed a memorandum in Tehran\n';
const SECOND = 'T1\tspeaker 0 15\tMinister Dehqan\nT3\tplace 58 64\tTehran\n#1\tAnnotatorNotes T1\tthe minister\n';

describe('a brat import into the user’s own layer only adds to it', () => {
  it('a second file keeps the claim the first brought and the note the user wrote; its new span is added', async () => {
    const s = await emptyStore('alice');
    stores.push(s);
    await s.importFiles({ format: 'brat', files: pair(FIRST) });
    const [speaker] = (await s.layer('doc')).annotations;
    await ok<Annotation>(s.send, 'annotations/update', { articleId: 'doc', id: speaker!.id, note: 'my own note' });
    const before = await s.layer('doc');
    const report: ImportReport = await s.importFiles({ format: 'brat', files: pair(SECOND) });
    expect(report.files[0]?.skipped).toEqual([]);
    const after: ArticleLayer = await s.layer('doc');
    expect(after.annotations.slice(0, 2)).toEqual(before.annotations);
    expect(after.annotations.slice(2).map((a) => [a.kind, a.quote])).toEqual([['place', 'Tehran']]);
    expect(report.files[0]?.layers).toEqual([{ annotator: 'alice', added: 1, removed: 0, changed: 0 }]);
  });

  it('a colleague’s layer named by the import is still replaced by their newer file', async () => {
    const s = await emptyStore('alice');
    stores.push(s);
    await s.importFiles({ format: 'brat', annotator: 'bob', files: pair(FIRST) });
    const report: ImportReport = await s.importFiles({ format: 'brat', annotator: 'bob', files: pair(SECOND) });
    expect(report.files[0]?.layers).toEqual([{ annotator: 'bob', added: 1, removed: 1, changed: 1 }]);
    const after = await s.layer('doc');
    expect(after.annotations.map((a) => [a.annotator, a.kind, a.note])).toEqual([
      ['bob', 'speaker', 'the minister'],
      ['bob', 'place', ''],
    ]);
  });
});
