import { afterEach, describe, expect, it } from 'vitest';
import type { ExportFile } from '../../annotations/contract';
import type { Annotation } from '../../annotations/model';
import type { TestStore } from '../support/interchange-store';
import { emptyStore, fileOf, fixture, layerShape } from '../support/interchange-store';
import { ok } from './contract-cases';

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.dispose();
});
async function store(annotator = 'carol') {
  const s = await emptyStore(annotator);
  stores.push(s);
  return s;
}

const TASKS = 'label-studio/project-3-at-2026-03-02-10-20-5d1f0a2c.json';
const CONFIG = 'label-studio/label_config.xml';
const folder = async () => [
  await fixture(TASKS, 'export/project-3-at-2026-03-02-10-20-5d1f0a2c.json'),
  await fixture(CONFIG, 'export/label_config.xml'),
  fileOf('export/thumbnail.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d])),
];
const MAP = { PER: 'speaker', GPE: 'place', CLAIM: 'claim', said_by: 'said-by' };

describe('Label Studio: the export folder as Label Studio writes it', () => {
  it('reads the config (not as tasks), puts each annotator in a layer, says what it left out', async () => {
    const s = await store();
    const report = await s.importFiles({ format: 'label-studio', files: await folder(), extendTagset: true });
    const byName = Object.fromEntries(report.files.map((f) => [f.file, f]));
    expect(Object.keys(byName).sort()).toEqual([
      'export/project-3-at-2026-03-02-10-20-5d1f0a2c.json',
      'export/thumbnail.png',
    ]);
    expect(byName['export/thumbnail.png']?.skipped).toEqual(['binary file (it contains NUL bytes)']);
    const tasks = byName['export/project-3-at-2026-03-02-10-20-5d1f0a2c.json']!;
    expect(tasks.skipped).toEqual([]);
    expect(tasks.added).toMatchObject({ articles: 2, annotations: { CLAIM: 4, PER: 3, GPE: 4 }, links: 3 });
    expect(tasks.layers).toEqual([
      { annotator: 'user-2', added: 8, removed: 0, changed: 0 },
      { annotator: 'bob@newsroom.example', added: 3, removed: 0, changed: 0 },
    ]);
    expect(tasks.imported).toContain(
      "predictions of 1 task left out: they are a model's suggestions, not anyone's annotations",
    );
    expect(tasks.imported).toContain('labels read with the labelling config export/label_config.xml');
    expect(tasks.tagsetAdded).toEqual(['PER', 'GPE', 'CLAIM', 'said_by']);
    expect(tasks.labels).toEqual([
      { label: 'PER', role: 'span', count: 3, fate: 'new', becomes: 'PER' },
      { label: 'GPE', role: 'span', count: 4, fate: 'new', becomes: 'GPE' },
      { label: 'CLAIM', role: 'span', count: 4, fate: 'new', becomes: 'CLAIM' },
      { label: 'said_by', role: 'relation', count: 3, fate: 'new', becomes: 'said_by' },
    ]);

    const { tagset } = s.project();
    const kind = (k: string) => tagset.kinds.find((x) => x.kind === k);
    expect([kind('PER')?.color, kind('GPE')?.color, kind('CLAIM')?.color]).toEqual(['#ff0000', '#ffa500', '#ffa39e']);
    expect(kind('CLAIM')?.attributes).toEqual([
      {
        name: 'verdict',
        label: 'verdict',
        type: 'choice',
        options: ['true', 'false', 'misleading'],
        default: null,
        required: false,
      },
    ]);
    expect(tagset.relations.find((r) => r.type === 'said_by')).toMatchObject({ from: ['CLAIM'], to: ['PER'] });

    const [first, second] = await s.articles();
    const layer = await s.layer(first!.id);
    const alice = layerShape(layer, 'user-2');
    const claims = alice.spans.filter((x) => x.kind === 'CLAIM');
    expect(claims.map((c) => c.attributes)).toEqual([{ verdict: 'false' }, { verdict: null }]);
    expect(alice.links).toHaveLength(2);
    const bob = layerShape(layer, 'bob@newsroom.example');
    expect(bob.spans.map((x) => [x.kind, x.quote, x.attributes])).toEqual([
      ['GPE', 'Iraq', {}],
      ['PER', 'Hossein Dehghan', {}],
      ['CLAIM', '“the memorandum will help both countries fight terrorism”', { verdict: 'true' }],
    ]);
    expect(bob.links).toEqual([expect.stringMatching(/^said_by: CLAIM \d+–\d+ → PER \d+–\d+$/)]);
    const other = await s.layer(second!.id);
    expect(other.annotations.map((a) => [a.annotator, a.kind, a.quote, a.attributes])).toEqual([
      ['user-2', 'CLAIM', '“no foreign forces are fighting in Anbar”', { verdict: 'misleading' }],
      ['user-2', 'GPE', 'Anbar', {}],
      ['user-2', 'GPE', 'Baghdad', {}],
    ]);
  });

  it('with a label map, a value the tagset does not offer refuses the file, naming the task and region; nothing is saved', async () => {
    const s = await store();
    const before = await s.hash();
    const report = await s.importFiles({ format: 'label-studio', files: await folder(), map: MAP });
    const tasks = report.files.find((f) => f.file.endsWith('.json'))!;
    expect(tasks.added).toEqual({ articles: 0, annotations: {}, links: 0, entities: 0, events: 0 });
    expect(tasks.skipped).toEqual([
      expect.stringMatching(
        /^task 2 \(id 42\), annotation 1, result 1 \(region Tq1-zzA93k, 91–132\): Attribute "verdict" of a claim must be one of .*; got "misleading"$/,
      ),
    ]);
    expect(tasks.labels?.map((u) => [u.label, u.fate, u.becomes])).toEqual([
      ['PER', 'mapped', 'speaker'],
      ['GPE', 'mapped', 'place'],
      ['CLAIM', 'mapped', 'claim'],
      ['said_by', 'mapped', 'said-by'],
    ]);
    expect(await s.hash()).toEqual(before);
  });

  it('labels neither known nor mapped refuse the file, counted, with what to do', async () => {
    const s = await store();
    const report = await s.importFiles({ format: 'label-studio', files: [await fixture(TASKS, 'tasks.json')] });
    expect(report.files[0]?.skipped[0]).toBe(
      'labels the tagset does not have: "PER" (3 spans), "GPE" (4 spans), "CLAIM" (4 spans), "said_by" (3 links); map them to the tagset\'s (the import dialog\'s label step, or --map FILE) or add them to it (--extend-tagset)',
    );
    expect(report.files[0]?.labels).toHaveLength(4);
    expect(await s.articles()).toEqual([]);
  });

  it('a dry run reports what would be imported and the labels, and saves nothing', async () => {
    const t = await store();
    const before = await t.hash();
    const report = await t.importFiles({
      format: 'label-studio',
      files: await folder(),
      extendTagset: true,
      dryRun: true,
    });
    expect(report.dryRun).toBe(true);
    const tasks = report.files.find((f) => f.file.endsWith('.json'))!;
    expect(tasks.added.articles).toBe(2);
    expect(tasks.tagsetAdded).toEqual(['PER', 'GPE', 'CLAIM', 'said_by']);
    expect(await t.articles()).toEqual([]);
    expect(t.project().tagset.kinds.map((k) => k.kind)).not.toContain('PER');
    expect(await t.hash()).toEqual(before);
  });

  it('a label mapped to null leaves its spans and their links out, and says how many', async () => {
    const s = await store();
    const report = await s.importFiles({
      format: 'label-studio',
      files: [await fixture(TASKS, 'tasks.json')],
      map: { PER: null, CLAIM: null, GPE: 'place' },
    });
    const file = report.files[0]!;
    expect(file.skipped).toEqual([]);
    expect(file.imported).toContain('left out as the label map asks: 7 spans and 3 links touching them');
    expect(file.labels?.find((u) => u.label === 'PER')).toMatchObject({ fate: 'dropped', count: 3 });
    expect(file.labels?.find((u) => u.label === 'said_by')).toBeUndefined();
    expect(file.added).toMatchObject({ articles: 2, annotations: { place: 4 }, links: 0 });
    const [first] = await s.articles();
    expect((await s.layer(first!.id)).relations).toEqual([]);
  });

  it('JSON-MIN: regions and their per-region choices, in the layer its annotator names', async () => {
    const s = await store();
    const report = await s.importFiles({
      format: 'label-studio',
      files: [await fixture('label-studio/project-3-at-2026-03-02-10-21-json-min.json', 'min.json')],
      map: MAP,
    });
    expect(report.files[0]?.skipped).toEqual([]);
    const [article] = await s.articles();
    const layer = await s.layer(article!.id);
    expect(layer.annotations.map((a) => [a.annotator, a.kind, a.quote, a.attributes])).toEqual([
      [
        'alice@newsroom.example',
        'claim',
        '“no foreign forces are fighting in Anbar”',
        { verdict: 'false', checkWorthy: null, claimType: null },
      ],
      ['alice@newsroom.example', 'place', 'Anbar', {}],
    ]);
  });

  it('completed_by names the layer (a name, an email, user-<id>); without it, the import’s annotator', async () => {
    const s = await store();
    const text = 'Iran and Iraq signed a memorandum.';
    const region = (id: string) => ({
      id,
      from_name: 'label',
      to_name: 'text',
      type: 'labels',
      value: { start: 0, end: 4, text: 'Iran', labels: ['place'] },
    });
    const task = {
      id: 1,
      data: { text },
      annotations: [
        { id: 1, completed_by: 'dana', result: [region('a')] },
        { id: 2, completed_by: 7, result: [region('a')] },
        { id: 3, completed_by: { id: 8, email: 'eve@example.org' }, result: [region('a')] },
        { id: 4, result: [region('a')] },
      ],
    };
    const report = await s.importFiles({
      format: 'label-studio',
      annotator: 'frank',
      files: [fileOf('one-task.json', JSON.stringify(task))],
    });
    expect(report.files[0]?.skipped).toEqual([]);
    const layer = await s.layer((await s.articles())[0]!.id);
    // Each annotator's layer is its own file: the layers come in the order of their files.
    expect(layer.annotations.map((a) => a.annotator).sort()).toEqual(['dana', 'eve@example.org', 'frank', 'user-7']);
  });

  it('an unknown result type is reported as left out; a relation with no label refuses the file', async () => {
    const s = await store();
    const text = 'Iran and Iraq signed a memorandum.';
    const task = (extra: object) => [
      {
        data: { text },
        annotations: [
          {
            completed_by: 'dana',
            result: [
              {
                id: 'a',
                from_name: 'label',
                to_name: 'text',
                type: 'labels',
                value: { start: 0, end: 4, text: 'Iran', labels: ['place'] },
              },
              extra,
            ],
          },
        ],
      },
    ];
    const taxonomy = await s.importFiles({
      format: 'label-studio',
      files: [fileOf('t.json', JSON.stringify(task({ id: 'a', type: 'taxonomy', from_name: 'topic', value: {} })))],
    });
    expect(taxonomy.files[0]?.skipped).toEqual([
      'task 1, annotation 1, result 2: a "taxonomy" result is not text labelling (Factmark reads labels, choices, textarea, number, rating and relation results)',
    ]);
    expect(taxonomy.files[0]?.added.annotations).toEqual({ place: 1 });
    const unlabelled = await s.importFiles({
      format: 'label-studio',
      files: [
        fileOf('u.json', JSON.stringify(task({ type: 'relation', from_id: 'a', to_id: 'a', direction: 'right' }))),
      ],
    });
    expect(unlabelled.files[0]?.skipped).toEqual([
      expect.stringMatching(/^task 1, annotation 1, result 2: a relation from "a" to "a" has no label/),
    ]);
  });
});

describe("Label Studio: Factmark's own export comes back", () => {
  it('verdicts "true" and "false" stay the strings they are; unset stays unset; each layer to its annotator', async () => {
    const source = await store('alice');
    await source.importFiles({
      format: 'articles',
      files: [fileOf('a.txt', 'Iran said this. Iraq said that. Both lied.')],
    });
    const [article] = await source.articles();
    const create = async (q: string, attributes: object) => {
      const start = 'Iran said this. Iraq said that. Both lied.'.indexOf(q);
      return ok<{ value: Annotation }>(source.send, 'annotations/create', {
        articleId: article!.id,
        kind: 'claim',
        start,
        end: start + q.length,
        quote: q,
        attributes,
      });
    };
    await create('Iran said this.', { verdict: 'true', checkWorthy: false });
    await create('Iraq said that.', { verdict: 'false' });
    await create('Both lied.', {});
    const exported = await ok<ExportFile>(source.send, 'export/file', { format: 'label-studio' });
    expect(exported.encoding).toBe('base64');
    const { unzipSync, strFromU8 } = await import('fflate');
    const files = Object.entries(unzipSync(new Uint8Array(Buffer.from(exported.content, 'base64')))).map(
      ([name, bytes]) => fileOf(name, strFromU8(bytes)),
    );
    const target = await store('carol');
    const report = await target.importFiles({ format: 'label-studio', files });
    expect(report.files.flatMap((f) => f.skipped)).toEqual([]);
    const layer = await target.layer((await target.articles())[0]!.id);
    expect(layer.annotations.map((a) => [a.annotator, a.quote, a.attributes])).toEqual([
      ['alice', 'Iran said this.', { verdict: 'true', checkWorthy: false, claimType: null }],
      ['alice', 'Iraq said that.', { verdict: 'false', checkWorthy: null, claimType: null }],
      ['alice', 'Both lied.', { verdict: null, checkWorthy: null, claimType: null }],
    ]);
  });
});
