import { afterEach, describe, expect, it } from 'vitest';
import type { TestStore } from '../support/interchange-store';
import { emptyStore, fileOf, fixture, layerShape } from '../support/interchange-store';

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.dispose();
});
async function store(annotator = 'carol') {
  const s = await emptyStore(annotator);
  stores.push(s);
  return s;
}

describe('doccano JSONL as doccano writes it', () => {
  it('sequence labelling ([start, end, label]): labels through the map, into the layer the import names', async () => {
    const s = await store();
    const report = await s.importFiles({
      format: 'doccano',
      annotator: 'admin',
      files: [await fixture('doccano/admin.jsonl', 'admin.jsonl')],
      map: { LOC: 'place', PER: 'person' },
    });
    expect(report.files[0]).toMatchObject({
      skipped: [],
      added: { articles: 2, annotations: { place: 2, person: 1 } },
      layers: [{ annotator: 'admin', added: 3, removed: 0, changed: 0 }],
    });
    expect(report.files[0]?.labels?.map((u) => [u.label, u.count, u.fate, u.becomes])).toEqual([
      ['LOC', 2, 'mapped', 'place'],
      ['PER', 1, 'mapped', 'person'],
    ]);
    const [first] = await s.articles();
    expect((await s.layer(first!.id)).annotations.map((a) => [a.annotator, a.kind, a.quote])).toEqual([
      ['admin', 'place', 'Tehran'],
      ['admin', 'person', 'Hossein Dehghan'],
    ]);
  });

  it('relation extraction (entities and relations): a line’s "user" names its layer; relations come in', async () => {
    const s = await store();
    const report = await s.importFiles({
      format: 'doccano',
      files: [await fixture('doccano/relations-alice.jsonl')],
      map: { PER: 'speaker', CLAIM: 'claim', said_by: 'said-by' },
    });
    expect(report.files[0]?.skipped).toEqual([]);
    const [article] = await s.articles();
    const shape = layerShape(await s.layer(article!.id), 'alice');
    expect(shape.spans.map((x) => [x.kind, x.quote, x.attributes])).toEqual([
      ['speaker', 'Hossein Dehghan', {}],
      [
        'claim',
        '“the memorandum will help both countries fight terrorism”',
        { verdict: null, checkWorthy: null, claimType: null },
      ],
    ]);
    expect(shape.links).toEqual([expect.stringMatching(/^said-by: claim \d+–\d+ → speaker \d+–\d+$/)]);
  });

  it('a text-classification line (labels without offsets) is reported as left out, not taken for spans', async () => {
    const s = await store();
    const report = await s.importFiles({
      format: 'doccano',
      files: [fileOf('cls.jsonl', `${JSON.stringify({ id: 3, text: 'Iran and Iraq.', label: ['politics'] })}\n`)],
    });
    expect(report.files[0]?.skipped).toEqual([
      'line 1: "label" holds categories of the whole text (politics), not spans: left out',
    ]);
    expect(report.files[0]?.added.articles).toBe(1);
  });

  it('a text with Windows line endings: offsets count in it as written, and move with the line endings', async () => {
    const s = await store();
    const text = 'Headline\r\n\r\nTehran said so.\r\n';
    const start = text.indexOf('Tehran');
    const line = { text, label: [[start, start + 6, 'place']] };
    const report = await s.importFiles({ format: 'doccano', files: [fileOf('crlf.jsonl', JSON.stringify(line))] });
    expect(report.files[0]?.skipped).toEqual([]);
    const [article] = await s.articles();
    const layer = await s.layer(article!.id);
    expect(layer.annotations.map((a) => [a.start, a.end, a.quote])).toEqual([[start - 2, start + 4, 'Tehran']]);
  });
});
