import { afterEach, describe, expect, it } from 'vitest';
import type { Entity } from '../../annotations/model';
import type { TestStore } from '../support/interchange-store';
import { emptyStore, fileOf, fixture, layerShape } from '../support/interchange-store';
import { value } from './contract-cases';

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.dispose();
});
async function store(annotator = 'carol') {
  const s = await emptyStore(annotator);
  stores.push(s);
  return s;
}

const collection = (items: object[]) => ({
  '@context': 'http://www.w3.org/ns/anno.jsonld',
  type: 'AnnotationCollection',
  first: { type: 'AnnotationPage', items },
});
const TEXT = 'Dehqān 👍🏽 said: “Iran and Iraq are brothers.” Then he left Tehran.';
const cps = (q: string) => {
  const start = Array.from(TEXT.slice(0, TEXT.indexOf(q))).length;
  return { start, end: start + Array.from(q).length };
};
const tag = (id: string, q: string, label: string, extra: object = {}) => ({
  id,
  type: 'Annotation',
  body: [{ type: 'TextualBody', purpose: 'tagging', value: label }],
  target: {
    source: 'http://example.org/texts/story.txt',
    selector: [
      { type: 'TextQuoteSelector', exact: q },
      { type: 'TextPositionSelector', ...cps(q) },
    ],
  },
  ...extra,
});

describe('W3C Web Annotation as other tools write it', () => {
  it('http sources find the texts beside them (by file name, percent-decoded); creators name the layers; links come in', async () => {
    const s = await store();
    const report = await s.importFiles({
      format: 'w3c',
      files: [
        await fixture('w3c/annotations.jsonld', 'recogito/annotations.jsonld'),
        await fixture('w3c/texts/news-1.txt', 'recogito/texts/news-1.txt'),
        await fixture('w3c/texts/news 2.txt', 'recogito/texts/news 2.txt'),
      ],
    });
    expect(report.files.map((f) => [f.file, f.skipped])).toEqual([['recogito/annotations.jsonld', []]]);
    expect(report.files[0]?.layers).toEqual([
      { annotator: 'Alice', added: 3, removed: 0, changed: 0 },
      { annotator: 'Bob', added: 2, removed: 0, changed: 0 },
    ]);
    const articles = await s.articles();
    expect(articles.map((a) => [a.id, a.source])).toEqual([
      ['news-1', 'recogito/texts/news-1.txt (id "https://archive.newsroom.example/texts/news-1.txt")'],
      ['news-2', 'recogito/texts/news 2.txt (id "https://archive.newsroom.example/texts/news%202.txt")'],
    ]);
    const first = await s.layer('news-1');
    const alice = layerShape(first, 'Alice');
    expect(alice.spans.map((x) => [x.kind, x.quote, x.attributes, x.note])).toEqual([
      ['speaker', 'Hossein Dehghan', {}, ''],
      [
        'claim',
        '“the memorandum will help both countries fight terrorism”',
        { verdict: 'false', checkWorthy: null, claimType: null },
        'The MoU text says nothing about terrorism.',
      ],
    ]);
    expect(alice.links).toEqual([expect.stringMatching(/^said-by: claim \d+–\d+ → speaker \d+–\d+$/)]);
    const bob = layerShape(first, 'Bob');
    expect(bob.spans.map((x) => x.attributes)).toEqual([{}, { verdict: 'true', checkWorthy: null, claimType: null }]);
    const second = await s.layer('news-2');
    expect(second.annotations.map((a) => [a.annotator, a.attributes])).toEqual([
      ['Alice', { verdict: null, checkWorthy: true, claimType: null }],
    ]);
  });

  it('a source is also found among the store’s articles, by the file name they came from or by id', async () => {
    const s = await store();
    await s.importFiles({
      format: 'articles',
      files: [await fixture('w3c/texts/news-1.txt', 'news-1.txt'), await fixture('w3c/texts/news 2.txt')],
    });
    const report = await s.importFiles({ format: 'w3c', files: [await fixture('w3c/annotations.jsonld')] });
    expect(report.files[0]?.skipped).toEqual([]);
    expect(report.files[0]?.duplicates).toBe(2);
    expect((await s.articles()).length).toBe(2);
    expect((await s.layer('news-1')).annotations).toHaveLength(4);
  });

  it('errors cite the file’s own offsets (code points), the annotation’s index and its id', async () => {
    const s = await store();
    const bad = [
      tag('http://example.org/anno/1', 'Iran', 'place'),
      tag('http://example.org/anno/2', 'Tehran', 'place', {
        target: {
          source: 'http://example.org/texts/story.txt',
          selector: [
            { type: 'TextQuoteSelector', exact: 'Teheran' },
            { type: 'TextPositionSelector', ...cps('Tehran') },
          ],
        },
      }),
      tag('http://example.org/anno/3', 'Dehqān', 'speaker', {
        target: {
          source: 'http://example.org/texts/story.txt',
          selector: { type: 'TextPositionSelector', start: 60, end: 200 },
        },
      }),
      tag('http://example.org/anno/4', 'Iraq', 'rumour'),
    ];
    const before = await s.hash();
    const report = await s.importFiles({
      format: 'w3c',
      files: [fileOf('a.jsonld', JSON.stringify(collection(bad))), fileOf('texts/story.txt', TEXT)],
    });
    const { start, end } = cps('Tehran');
    expect(report.files[0]?.skipped).toEqual([
      `annotation 3 (http://example.org/anno/3): position 60–200 is outside the text (${Array.from(TEXT).length} code points long)`,
      `annotation 2 (http://example.org/anno/2), position ${start}–${end}: the file quotes "Teheran", but the text there is "Tehran"`,
      expect.stringMatching(/^labels the tagset does not have: "rumour" \(1 span\)/),
    ]);
    expect(start).not.toBe(TEXT.indexOf('Tehran'));
    expect(await s.hash()).toEqual(before);
  });

  it('a quote without a position is found by its prefix and suffix; several targets are a discontinuous span', async () => {
    const s = await store();
    const items = [
      {
        id: 'urn:x:1',
        body: { type: 'TextualBody', purpose: 'tagging', value: 'place' },
        target: {
          source: 'story.txt',
          selector: { type: 'TextQuoteSelector', exact: 'Tehran', prefix: 'left ', suffix: '.' },
        },
      },
      {
        id: 'urn:x:2',
        body: { type: 'TextualBody', purpose: 'tagging', value: 'claim' },
        target: [
          { source: 'story.txt', selector: { type: 'TextPositionSelector', ...cps('“Iran') } },
          { source: 'story.txt', selector: { type: 'TextPositionSelector', ...cps('brothers.”') } },
        ],
      },
    ];
    const report = await s.importFiles({
      format: 'w3c',
      annotator: 'dana',
      files: [fileOf('a.json', JSON.stringify(items)), fileOf('story.txt', TEXT)],
    });
    expect(report.files[0]?.skipped).toEqual([]);
    const [article] = await s.articles();
    const layer = await s.layer(article!.id);
    const claim = layer.annotations.find((a) => a.kind === 'claim')!;
    const at = (q: string) => ({ start: TEXT.indexOf(q), end: TEXT.indexOf(q) + q.length });
    expect(claim.fragments).toEqual([at('“Iran'), at('brothers.”')]);
    expect(claim.quote).toBe('“Iran and Iraq are brothers.”');
    expect(layer.annotations.find((a) => a.kind === 'place')).toMatchObject({ ...at('Tehran'), annotator: 'dana' });
  });

  it('a link to an entity of the registry comes in; one to an unknown entity is reported as left out', async () => {
    const s = await store();
    const entity = await value<Entity>(s.send, 'entities/create', {
      name: 'Hossein Dehqan',
      type: 'person',
      externalId: 'Q5906014',
    });
    const items = [
      tag('http://example.org/anno/1', '“Iran and Iraq are brothers.”', 'claim'),
      tag('http://example.org/anno/2', 'Tehran', 'place', {
        body: [
          { type: 'TextualBody', purpose: 'tagging', value: 'place' },
          { purpose: 'identifying', id: 'http://www.wikidata.org/entity/Q3616' },
        ],
      }),
      tag('http://example.org/anno/3', 'Dehqān', 'speaker', {
        body: [
          { type: 'TextualBody', purpose: 'tagging', value: 'speaker' },
          { purpose: 'identifying', id: 'http://www.wikidata.org/entity/Q5906014' },
        ],
      }),
      tag('http://example.org/anno/4', 'said', 'event'),
      {
        id: 'http://example.org/anno/5',
        type: 'Annotation',
        motivation: 'linking',
        body: { type: 'TextualBody', purpose: 'tagging', value: 'agent' },
        target: ['http://example.org/anno/4', `urn:factmark:entity:${entity.id}`],
      },
      {
        id: 'http://example.org/anno/6',
        type: 'Annotation',
        motivation: 'linking',
        body: { type: 'TextualBody', purpose: 'tagging', value: 'place' },
        target: ['http://example.org/anno/4', 'http://www.wikidata.org/entity/Q3616'],
      },
    ];
    const report = await s.importFiles({
      format: 'w3c',
      files: [fileOf('a.jsonld', JSON.stringify(collection(items))), fileOf('story.txt', TEXT)],
    });
    const tehran = cps('Tehran');
    expect(report.files[0]?.skipped).toEqual([
      `annotation 2 (http://example.org/anno/2), position ${tehran.start}–${tehran.end}: names http://www.wikidata.org/entity/Q3616, which is no entity of the registry: the link is left out`,
      'annotation 6 (http://example.org/anno/6) (place): points to http://www.wikidata.org/entity/Q3616, which is no entity of the registry: left out',
    ]);
    const layer = await s.layer((await s.articles())[0]!.id);
    expect(layer.annotations.find((a) => a.kind === 'speaker')?.entityId).toBe(entity.id);
    expect(layer.relations.map((r) => [r.type, r.to])).toEqual([['agent', { kind: 'entity', id: entity.id }]]);
  });
});
