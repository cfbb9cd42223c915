import { afterEach, describe, expect, it } from 'vitest';
import { contentHash } from '../../annotations/content-hash';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import { exportFiles } from '../../annotations/formats/export-formats';
import type { ExportInput } from '../../annotations/formats/export-input';
import type { Annotation, Article, Relation } from '../../annotations/model';
import type { TestStore } from '../support/interchange-store';
import { emptyStore, fileOf, layerShape } from '../support/interchange-store';
import { annotationOver, STAMP } from '../support/store-records';

/**
 * A discontinuous claim exported by Factmark to Label Studio, doccano, W3C
 * and the bundle comes back, imported into another store, as one annotation
 * with the same fragments, values and links; and so it does from the files
 * Label Studio and doccano write back after a round through them (new
 * region or entity ids, the region's meta on each of its results, the
 * line's own fields kept as metadata).
 */
const TEXT = 'Dehqān 👍🏽 said Iran and Iraq 🇮🇶 signed,\nafter long talks in Baghdad, a memorandum 📜 in Tehran.';
const at = (quote: string) => {
  const start = TEXT.indexOf(quote);
  if (start < 0) throw new Error(quote);
  return { start, end: start + quote.length };
};
const FIRST = at('Iran and Iraq 🇮🇶 signed');
const SECOND = at('a memorandum 📜');

const record = (id: string, kind: string, span: { start: number; end: number }, extra: Partial<Annotation> = {}) =>
  annotationOver(TEXT, 'mou', id, kind, span, extra);

const claim = record(
  'c1',
  'claim',
  { start: FIRST.start, end: SECOND.end },
  {
    fragments: [FIRST, SECOND],
    attributes: { verdict: 'true', checkWorthy: true, claimType: null },
    note: 'two pieces',
  },
);
const annotations = [record('s1', 'speaker', at('Dehqān')), claim, record('p1', 'place', at('Baghdad'))];
const relations: Relation[] = [
  {
    id: 'r1',
    articleId: 'mou',
    annotator: 'alice',
    type: 'said-by',
    from: 'c1',
    to: { kind: 'annotation', id: 's1' },
    createdAt: STAMP,
  },
];

async function exported(format: 'label-studio' | 'doccano' | 'w3c' | 'bundle') {
  const article: Article = {
    id: 'mou',
    title: 'MoU',
    text: TEXT,
    source: 'test',
    addedAt: STAMP,
    contentHash: await contentHash(TEXT),
  };
  const input: ExportInput & { guidelines: string } = {
    articles: [{ article, layer: { annotations, relations, documentLabels: [] } }],
    tagset: DEFAULT_TAGSET,
    entities: [],
    events: [],
    scope: { layer: 'all' },
    guidelines: '',
  };
  return exportFiles(format, input, STAMP);
}

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.dispose();
});

/** Imports the files into a fresh store; alice's layer of the one article. */
async function imported(format: string, files: { path: string; content: string }[]) {
  const s = await emptyStore('carol');
  stores.push(s);
  const report = await s.importFiles({ format, files: files.map((f) => fileOf(f.path, f.content)) });
  expect(report.files.flatMap((f) => f.skipped)).toEqual([]);
  const [article] = await s.articles();
  expect(article?.contentHash).toBe(await contentHash(TEXT));
  return s.layer(article!.id);
}

const sent = { annotations, relations };
const withoutValues = {
  annotations: annotations.map((a) => ({
    ...a,
    attributes: Object.fromEntries(Object.keys(a.attributes).map((k) => [k, null])),
    note: '',
  })),
  relations,
};

describe('a discontinuous span comes back as one annotation with the same fragments', () => {
  for (const format of ['label-studio', 'w3c', 'bundle'] as const)
    it(`${format}: Factmark's export, imported into another store`, async () => {
      const layer = await imported(format, await exported(format));
      expect(layerShape(layer, 'alice')).toEqual(layerShape(sent, 'alice'));
      const back = layer.annotations.find((a) => a.kind === 'claim')!;
      expect(back.fragments).toEqual([FIRST, SECOND]);
      expect(layer.annotations).toHaveLength(3);
    });

  it('doccano: Factmark’s export, imported into another store (doccano holds no values or notes)', async () => {
    const layer = await imported('doccano', await exported('doccano'));
    expect(layerShape(layer, 'alice')).toEqual(layerShape(withoutValues, 'alice'));
    expect(layer.annotations.find((a) => a.kind === 'claim')!.fragments).toEqual([FIRST, SECOND]);
  });

  it('Label Studio: the task as Label Studio exports it again (its own region ids, the meta on every result of a region)', async () => {
    const [tasks, config] = await exported('label-studio');
    const [task] = JSON.parse(tasks!.content);
    const ids = new Map<string, string>();
    const idOf = (id: string) => {
      if (!ids.has(id)) ids.set(id, `Xk${ids.size}_aB9q`);
      return ids.get(id)!;
    };
    const metaOf = new Map<string, unknown>();
    for (const r of task.annotations[0].result) if (r.meta) metaOf.set(r.id, r.meta);
    task.annotations[0].result = task.annotations[0].result.map((r: Record<string, unknown>) =>
      r.type === 'relation'
        ? { ...r, from_id: idOf(r.from_id as string), to_id: idOf(r.to_id as string) }
        : {
            ...r,
            id: idOf(r.id as string),
            origin: 'manual',
            ...(metaOf.has(r.id as string) ? { meta: metaOf.get(r.id as string) } : {}),
          },
    );
    Object.assign(task, { project: 7, created_at: STAMP, updated_at: STAMP });
    Object.assign(task.annotations[0], { id: 41, completed_by: 'alice', was_cancelled: false, lead_time: 12.5 });
    const layer = await imported('label-studio', [{ path: tasks!.path, content: JSON.stringify([task]) }, config!]);
    expect(layerShape(layer, 'alice')).toEqual(layerShape(sent, 'alice'));
  });

  it('doccano: a sequence-labelling line as doccano exports it ([start, end, label] only, the discontinuous list kept)', async () => {
    const [file] = await exported('doccano');
    const line = JSON.parse(file!.content);
    const again = { id: 3, text: line.text, label: line.label, discontinuous: line.discontinuous, annotator: 'alice' };
    const layer = await imported('doccano', [{ path: 'all.jsonl', content: `${JSON.stringify(again)}\n` }]);
    expect(layerShape(layer, 'alice')).toEqual(layerShape({ ...withoutValues, relations: [] }, 'alice'));
  });

  it('doccano: the line as doccano exports it again (entities renumbered, the line’s discontinuous kept as its metadata)', async () => {
    const [file] = await exported('doccano');
    const line = JSON.parse(file!.content);
    const renumber = (id: number) => 400 + id * 3;
    const again = {
      id: 17,
      text: line.text,
      entities: line.entities.map((e: { id: number }) => ({ ...e, id: renumber(e.id) })),
      relations: line.relations.map((r: { id: number; from_id: number; to_id: number }) => ({
        ...r,
        id: 90 + r.id,
        from_id: renumber(r.from_id),
        to_id: renumber(r.to_id),
      })),
      Comments: [],
      discontinuous: line.discontinuous,
      title: line.title,
      annotator: line.annotator,
    };
    const layer = await imported('doccano', [{ path: 'admin.jsonl', content: `${JSON.stringify(again)}\n` }]);
    expect(layerShape(layer, 'alice')).toEqual(layerShape(withoutValues, 'alice'));
  });
});
