import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../annotations/content-hash';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import type { ExportFormat } from '../../annotations/formats/export-formats';
import { exportFiles } from '../../annotations/formats/export-formats';
import type { ExportInput } from '../../annotations/formats/export-input';
import type { Annotation, Article, ArticleLayer, Relation } from '../../annotations/model';
import { joinPieces } from '../../annotations/spans';
import type { AttributeDefinition, AttributeValue, Tagset } from '../../annotations/tagset';
import { validateTagset } from '../../annotations/tagset';
import { emptyStore, fileOf, layerShape } from '../support/interchange-store';
import { ok } from './contract-cases';

/**
 * Round trips through Label Studio, doccano, W3C and the Factmark bundle:
 * random articles (astral characters, combining marks, right-to-left
 * scripts) with one or two annotators' layers of random spans, values
 * (unset ones, and the choice strings "true" and "false" among them) and
 * links, exported by the app's exporters and imported into a fresh store,
 * come back equal layer by layer, ids aside.
 *
 * Discontinuous spans come back in every one (Label Studio: one region per
 * piece marked in `meta`; doccano: one entity per piece and the line's
 * `discontinuous` list; W3C: one target per piece). What a format cannot
 * carry is left out of its generator, so the rest is checked exactly:
 * - doccano: attribute values and notes (its lines hold spans and relations only).
 * - W3C: an empty multi-choice (no classifying body is written for it, so it reads back unset), and
 *   texts nobody annotated (no annotation names them, so they are not imported).
 * - Label Studio, bundle: nothing left out.
 *
 * Seeded, so a failure repeats: FACTMARK_FUZZ_SEED and FACTMARK_FUZZ_SCALE (a factor on the runs).
 */
const SEED = Number(process.env.FACTMARK_FUZZ_SEED ?? 20261130);
const SCALE = Number(process.env.FACTMARK_FUZZ_SCALE ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

const STAMP = '2026-03-01T12:00:00.000Z';
const ANNOTATORS = ['alice', 'bob'];

/** The default tagset and a kind with every other attribute type, its choices the strings "true" and "false" too. */
const TAGSET: Tagset = validateTagset({
  ...DEFAULT_TAGSET,
  kinds: [
    ...DEFAULT_TAGSET.kinds,
    {
      kind: 'quote',
      label: 'Quote',
      color: '#0ea5e9',
      hotkey: null,
      attributes: [
        { name: 'topics', label: 'Topics', type: 'multi-choice', options: ['true', 'false', 'economy'] },
        { name: 'weight', label: 'Weight', type: 'number' },
        { name: 'comment', label: 'Comment', type: 'text' },
      ],
    },
  ],
  relations: [...DEFAULT_TAGSET.relations, { type: 'cites', label: 'cites', from: ['quote'], to: ['claim', 'quote'] }],
});

interface Limits {
  fragments: boolean;
  values: boolean;
  notes: boolean;
  emptyMulti: boolean;
}
const LIMITS: Record<'label-studio' | 'doccano' | 'w3c' | 'bundle', Limits> = {
  'label-studio': { fragments: true, values: true, notes: true, emptyMulti: true },
  doccano: { fragments: true, values: false, notes: false, emptyMulti: true },
  w3c: { fragments: true, values: true, notes: true, emptyMulti: false },
  bundle: { fragments: true, values: true, notes: true, emptyMulti: true },
};

const PIECES = [
  'Iran',
  ' Iraq',
  ' Tehran',
  ' ',
  ' ',
  '\n',
  'said',
  '“',
  '”',
  '.',
  '👍🏽',
  '🇮🇶',
  '𝒳',
  'e\u0301',
  'café\u0301',
  ' سلام',
  ' שלום',
  '\u200f',
  'ü',
];
/** A text as the store holds one: "\n" line endings, no NUL, something besides white space. */
const textArb = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'grapheme', maxLength: 4 })), {
    minLength: 2,
    maxLength: 30,
  })
  .map((parts) => parts.join('').replace(/\r\n?/g, '\n').replaceAll('\u0000', '').replaceAll('\uFEFF', ''))
  .filter((t) => t.trim() !== '');

/** Offsets that never cut a surrogate pair in two. */
function boundaries(text: string): number[] {
  const at: number[] = [];
  for (let i = 0; i <= text.length; i++)
    if (!(i > 0 && /[\uD800-\uDBFF]/.test(text[i - 1]!) && /[\uDC00-\uDFFF]/.test(text[i] ?? ''))) at.push(i);
  return at;
}

function valueArb(def: AttributeDefinition, limits: Limits): fc.Arbitrary<AttributeValue> {
  if (!limits.values) return fc.constant(null);
  const some = (() => {
    switch (def.type) {
      case 'choice':
        return fc.constantFrom(...def.options);
      case 'multi-choice':
        return fc.subarray(def.options, { minLength: limits.emptyMulti ? 0 : 1 });
      case 'boolean':
        return fc.boolean();
      case 'number':
        return fc.integer({ min: -10_000, max: 10_000 }).map((n) => n / 4);
      case 'text':
        return fc.string({ minLength: 1, maxLength: 12 });
    }
  })() as fc.Arbitrary<AttributeValue>;
  return fc.option(some, { nil: null });
}

/** Raw picks for one annotation: turned into a valid one against its text by `annotationFrom`. */
const pickArb = (limits: Limits): fc.Arbitrary<Pick> =>
  fc.constantFrom(...TAGSET.kinds).chain((kind) =>
    fc.record<Pick>({
      kind: fc.constant(kind.kind),
      a: fc.nat(),
      b: fc.nat(),
      gap: limits.fragments
        ? fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: null })
        : fc.constant<[number, number] | null>(null),
      attributes: fc.record(Object.fromEntries(kind.attributes.map((d) => [d.name, valueArb(d, limits)]))),
      note: limits.notes ? fc.oneof(fc.constant(''), fc.string({ maxLength: 20 })) : fc.constant(''),
    }),
  );
interface Pick {
  kind: string;
  a: number;
  b: number;
  gap: [number, number] | null;
  attributes: Record<string, AttributeValue>;
  note: string;
}

function annotationFrom(pick: Pick, text: string, articleId: string, annotator: string, id: string): Annotation {
  const cuts = boundaries(text);
  const x = cuts[pick.a % cuts.length]!;
  let y = cuts[pick.b % cuts.length]!;
  if (x === y) y = cuts[cuts.indexOf(x) + 1] ?? cuts[cuts.indexOf(x) - 1]!;
  let span: { start: number; end: number; fragments?: { start: number; end: number }[] } = {
    start: Math.min(x, y),
    end: Math.max(x, y),
  };
  if (pick.gap) {
    const inner = cuts.filter((c) => c > span.start && c < span.end);
    if (inner.length >= 2) {
      const p = inner[pick.gap[0] % inner.length]!;
      const q = inner[pick.gap[1] % inner.length]!;
      if (p !== q) {
        const joined = joinPieces(text, [
          { start: span.start, end: Math.min(p, q) },
          { start: Math.max(p, q), end: span.end },
        ]);
        if (joined.fragments) span = joined;
      }
    }
  }
  return {
    id,
    articleId,
    annotator,
    kind: pick.kind,
    ...span,
    quote: text.slice(span.start, span.end),
    attributes: pick.attributes,
    note: pick.note,
    entityId: null,
    eventId: null,
    createdAt: STAMP,
    updatedAt: STAMP,
  };
}

function relationsFrom(picks: [number, number, number][], annotations: Annotation[], annotator: string) {
  const relations: Relation[] = [];
  for (const [t, f, g] of picks) {
    if (annotations.length < 2) break;
    const type = TAGSET.relations[t % TAGSET.relations.length]!;
    const from = annotations[f % annotations.length]!;
    const to = annotations[g % annotations.length]!;
    if (from === to || !type.from.includes(from.kind) || !type.to.includes(to.kind)) continue;
    relations.push({
      id: `${from.id}-${type.type}-${relations.length}`,
      articleId: from.articleId,
      annotator,
      type: type.type,
      from: from.id,
      to: { kind: 'annotation', id: to.id },
      createdAt: STAMP,
    });
  }
  return relations;
}

/** One to three articles of distinct texts, each with one or two annotators' layers. */
const corpusArb = (limits: Limits): fc.Arbitrary<Corpus> =>
  fc
    .uniqueArray(
      fc.record({
        text: textArb,
        layers: fc.subarray(ANNOTATORS, { minLength: 1 }).chain((who) =>
          fc.tuple(
            ...who.map((annotator) =>
              fc.record({
                annotator: fc.constant(annotator),
                picks: fc.array(pickArb(limits), { maxLength: 6 }),
                links: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 6 }),
              }),
            ),
          ),
        ),
      }),
      { minLength: 1, maxLength: 3, selector: (a) => a.text },
    )
    .map((items) =>
      items.map((item, i) => {
        const articleId = `a${i}`;
        const layer: ArticleLayer = { annotations: [], relations: [], documentLabels: [] };
        for (const { annotator, picks, links } of item.layers) {
          const mine = picks.map((p, j) =>
            annotationFrom(p, item.text, articleId, annotator, `${articleId}-${annotator}-${j}`),
          );
          layer.annotations.push(...mine);
          layer.relations.push(...relationsFrom(links, mine, annotator));
        }
        return { text: item.text, articleId, layer };
      }),
    );
type Corpus = { text: string; articleId: string; layer: ArticleLayer }[];

async function exportInput(corpus: Corpus): Promise<ExportInput & { guidelines: string }> {
  const articles = [];
  for (const { text, articleId, layer } of corpus) {
    const article: Article = {
      id: articleId,
      title: `Article ${articleId}`,
      text,
      source: 'generated',
      addedAt: STAMP,
      contentHash: await contentHash(text),
    };
    articles.push({ article, layer });
  }
  return { articles, tagset: TAGSET, entities: [], events: [], scope: { layer: 'all' }, guidelines: '' };
}

/** The same corpus with "\r\n" line endings, its offsets moved to match. */
function withCrlf(corpus: Corpus): Corpus {
  return corpus.map(({ text, articleId, layer }) => {
    const move = (o: number) => o + (text.slice(0, o).match(/\n/g)?.length ?? 0);
    const crlf = text.replace(/\n/g, '\r\n');
    const annotations = layer.annotations.map((a) => ({
      ...a,
      start: move(a.start),
      end: move(a.end),
      ...(a.fragments ? { fragments: a.fragments.map((f) => ({ start: move(f.start), end: move(f.end) })) } : {}),
      quote: crlf.slice(move(a.start), move(a.end)),
    }));
    return { text: crlf, articleId, layer: { ...layer, annotations } };
  });
}

async function roundTrip(format: ExportFormat, corpus: Corpus, exported: Corpus = corpus): Promise<void> {
  const input = await exportInput(exported);
  const files = exportFiles(format, input, STAMP).map((f) => fileOf(f.path, f.content));
  const target = await emptyStore('carol');
  try {
    if (format !== 'bundle') await ok(target.send, 'tagset/update', { tagset: TAGSET });
    const report = await target.importFiles({ format, files });
    expect(report.files.flatMap((f) => f.skipped)).toEqual([]);
    const articles = await target.articles();
    for (const { text, layer } of corpus) {
      const hash = await contentHash(text);
      const found = articles.find((a) => a.contentHash === hash);
      if (!found) {
        // Only W3C leaves out a text nobody annotated: no annotation names it.
        expect(format === 'w3c' && layer.annotations.length === 0, `article ${JSON.stringify(text)}`).toBe(true);
        continue;
      }
      const got = await target.layer(found.id);
      for (const who of ANNOTATORS) expect(layerShape(got, who), who).toEqual(layerShape(layer, who));
      expect(got.annotations).toHaveLength(layer.annotations.length);
    }
  } finally {
    await target.dispose();
  }
}

describe('exported and imported into a fresh store, every layer comes back', () => {
  for (const format of ['label-studio', 'doccano', 'w3c', 'bundle'] as const)
    it(`${format}`, async () => {
      await fc.assert(
        fc.asyncProperty(corpusArb(LIMITS[format]), (corpus) => roundTrip(format, corpus)),
        { seed: SEED, numRuns: runs(40) },
      );
    }, 300_000);

  for (const format of ['label-studio', 'doccano', 'w3c'] as const)
    it(`${format}: a text written with "\\r\\n" line endings is read with "\\n", its offsets moved to match`, async () => {
      await fc.assert(
        fc.asyncProperty(corpusArb(LIMITS[format]), (corpus) => roundTrip(format, corpus, withCrlf(corpus))),
        { seed: SEED, numRuns: runs(15) },
      );
    }, 300_000);
});
