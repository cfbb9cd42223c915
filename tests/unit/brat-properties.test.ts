import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportBrat } from '../../annotations/formats/brat-standoff-format';
import { parseBratAnn } from '../../annotations/formats/brat-standoff-layer';
import type { Annotation, Article, ArticleLayer, Entity, EventRecord, Relation } from '../../annotations/model';
import { joinPieces } from '../../annotations/spans';
import type { AttributeValue, Tagset } from '../../annotations/tagset';
import { validateTagset } from '../../annotations/tagset';
import { bratExportProblems, layerShape } from '../support/brat-layers';

/** Seeded, so a failure repeats; FACTMARK_FUZZ_SEED and FACTMARK_FUZZ_SCALE (a factor on the runs) hunt further. */
const SEED = Number(process.env.FACTMARK_FUZZ_SEED ?? 20261130);
const SCALE = Number(process.env.FACTMARK_FUZZ_SCALE ?? 1);
const STAMP = '2026-01-01T00:00:00.000Z';

const TAGSET: Tagset = validateTagset({
  name: 'brat round trip',
  kinds: [
    {
      kind: 'Person',
      label: 'Person',
      color: '#3b82f6',
      linksEntity: true,
      attributes: [
        { name: 'Mention', label: 'Mention', type: 'choice', options: ['Name', 'Nominal', 'true', 'false'] },
        { name: 'Individual', label: 'Individual', type: 'boolean' },
      ],
    },
    {
      kind: 'Claim',
      label: 'Claim',
      color: '#e8a317',
      attributes: [
        { name: 'verdict', label: 'Verdict', type: 'choice', options: ['true', 'mostly true', 'false'] },
        { name: 'checkWorthy', label: 'Check-worthy', type: 'boolean' },
        { name: 'tags', label: 'Tags', type: 'multi-choice', options: ['local', 'health care'] },
        { name: 'score', label: 'Score', type: 'number' },
      ],
    },
    {
      kind: 'Meet',
      label: 'Meeting',
      color: '#16a34a',
      linksEvent: true,
      attributes: [{ name: 'Individual', label: 'Individual', type: 'boolean' }],
    },
  ],
  relations: [
    { type: 'said-by', label: 'said by', from: ['Claim'], to: ['Person'] },
    { type: 'Alias', label: 'alias', from: ['Person'], to: ['Person'], equivalence: true },
    { type: 'agent', label: 'agent', from: ['Meet'], to: ['Person', 'Meet'] },
    { type: 'about', label: 'about', from: ['Meet', 'Claim'], to: ['Claim'] },
  ],
});
const ENTITIES: Entity[] = (
  [
    ['e1', 'Q42'],
    ['e2', 'MESH:D001943'],
    ['e3', null],
  ] as const
).map(([id, externalId]) => ({
  id,
  name: `Entity ${id}`,
  type: 'person',
  aliases: [],
  externalId,
  createdAt: STAMP,
  updatedAt: STAMP,
}));
const EVENTS: EventRecord[] = [
  {
    id: 'ev1',
    title: 'A meeting',
    type: 'meeting',
    date: null,
    place: null,
    participants: [],
    createdAt: STAMP,
    updatedAt: STAMP,
  },
];

/** Text with astral characters (emoji, flags), combining marks, right-to-left scripts and line breaks. */
const textArb = fc
  .array(
    fc.constantFrom(
      'Dehqān',
      'said',
      ' ',
      ' ',
      ' ',
      '\n',
      '👍🏽',
      '🇮🇶',
      'cafe\u0301',
      'שלום',
      'مرحبا',
      '\u200f',
      '"',
      '…',
      'x',
    ),
    { minLength: 4, maxLength: 40 },
  )
  .map((parts) => parts.join(''));

const noteArb = fc.option(
  fc
    .array(fc.constantFrom('a note', 'שלום', '👍', '\n', ' ', 'true', ''), { minLength: 1, maxLength: 4 })
    .map((p) => p.join('')),
  { nil: undefined },
);

const spanArb = fc.record({
  kind: fc.constantFrom('Person', 'Claim', 'Meet'),
  cuts: fc.uniqueArray(fc.nat(10_000), { minLength: 2, maxLength: 6 }),
  values: fc.array(fc.nat(20), { minLength: 4, maxLength: 4 }),
  note: noteArb,
  link: fc.nat(5),
});
const linkArb = fc.record({ type: fc.nat(3), from: fc.nat(50), to: fc.nat(50), note: noteArb });
const layerArb = fc.record({ spans: fc.array(spanArb, { maxLength: 8 }), links: fc.array(linkArb, { maxLength: 8 }) });

/** A value for each attribute, or unset: the n-th option, yes or no, a number, or nothing. */
function valueFor(def: Tagset['kinds'][number]['attributes'][number], n: number): AttributeValue {
  if (n % 4 === 0) return null;
  if (def.type === 'choice') return def.options[n % def.options.length]!;
  if (def.type === 'multi-choice') return def.options.filter((_, i) => (n >> i) & 1);
  if (def.type === 'boolean') return n % 2 === 0;
  if (def.type === 'number') return n - 7.5;
  return null;
}

/** One annotator's layer on `text`: spans cut at code-point boundaries (some discontinuous), never ending at a line break. */
type LayerSpec = typeof layerArb extends fc.Arbitrary<infer T> ? T : never;

function layerFrom(text: string, annotator: string, spec: LayerSpec) {
  const bounds = Array.from(text).reduce<number[]>((at, ch) => [...at, at[at.length - 1]! + ch.length], [0]);
  const annotations: Annotation[] = [];
  spec.spans.forEach((s, i) => {
    const cuts = [...new Set(s.cuts.map((c) => bounds[c % bounds.length]!))].sort((a, b) => a - b);
    const pieces = [];
    for (let k = 0; k + 1 < cuts.length; k += 2) pieces.push({ start: cuts[k]!, end: cuts[k + 1]! });
    if (pieces.length === 0) return;
    const span = joinPieces(text, pieces);
    const parts = span.fragments ?? [span];
    if (parts.some((p) => text[p.start] === '\n' || text[p.end - 1] === '\n')) return;
    const kind = TAGSET.kinds.find((k) => k.kind === s.kind)!;
    annotations.push({
      id: `${annotator.replace(/\W/g, '')}-a${i}`,
      articleId: 'doc',
      annotator,
      kind: s.kind,
      start: span.start,
      end: span.end,
      quote: text.slice(span.start, span.end),
      ...(span.fragments ? { fragments: span.fragments } : {}),
      attributes: Object.fromEntries(kind.attributes.map((d, k) => [d.name, valueFor(d, s.values[k]!)])),
      note: s.note ?? '',
      entityId: s.kind === 'Person' && s.link < 3 ? ENTITIES[s.link]!.id : null,
      eventId: s.kind === 'Meet' && s.link < 1 ? 'ev1' : null,
      createdAt: STAMP,
      updatedAt: STAMP,
    });
  });
  const relations: Relation[] = [];
  spec.links.forEach((l, i) => {
    const type = TAGSET.relations[l.type]!;
    const from = annotations.filter((a) => type.from.includes(a.kind));
    const to = annotations.filter((a) => type.to.includes(a.kind));
    if (from.length === 0 || to.length === 0) return;
    const [a, b] = [from[l.from % from.length]!, to[l.to % to.length]!];
    if (a.id === b.id) return;
    relations.push({
      id: `${annotator.replace(/\W/g, '')}-r${i}`,
      articleId: 'doc',
      annotator,
      type: type.type,
      from: a.id,
      to: { kind: 'annotation', id: b.id },
      ...(l.note !== undefined ? { note: l.note } : {}),
      createdAt: STAMP,
    });
  });
  return { annotations, relations };
}

describe('brat export and import, at random', () => {
  it('two random layers exported to brat validate against the export’s annotation.conf and come back equal, layer by layer', () => {
    fc.assert(
      fc.property(textArb, layerArb, layerArb, (text, alice, bob) => {
        const article: Article = {
          id: 'doc',
          title: 'Doc',
          text,
          source: 'test',
          addedAt: STAMP,
          contentHash: `sha256:${'0'.repeat(64)}`,
        };
        const layers = [layerFrom(text, 'alice', alice), layerFrom(text, 'bob smith', bob)];
        const layer: ArticleLayer = {
          annotations: layers.flatMap((l) => l.annotations),
          relations: layers.flatMap((l) => l.relations),
          documentLabels: [],
        };
        const files = exportBrat({
          articles: [{ article, layer }],
          tagset: TAGSET,
          entities: ENTITIES,
          events: EVENTS,
        });
        expect(bratExportProblems(files)).toEqual([]);
        for (const annotator of ['alice', 'bob smith']) {
          const annFile =
            files.find((f) => f.path === `${annotator.replace(' ', '_')}/doc.ann`) ??
            files.find((f) => f.path === 'doc.ann' && layer.annotations.some((a) => a.annotator === annotator));
          const expected = layerShape(layer, annotator, TAGSET);
          if (!annFile) {
            expect(expected.annotations).toEqual([]);
            continue;
          }
          expect(files.find((f) => f.path === annFile.path.replace(/\.ann$/, '.txt'))?.content).toBe(text);
          const back = parseBratAnn(text, annFile.content, {
            articleId: 'doc',
            annotator,
            tagset: TAGSET,
            stamp: STAMP,
            entities: new Map(ENTITIES.map((e) => [e.id, e.externalId])),
            eventIds: new Set(['ev1']),
          });
          expect(back.errors).toEqual([]);
          expect(back.leftOut).toEqual([]);
          expect(layerShape(back.layer, annotator, TAGSET)).toEqual(expected);
        }
      }),
      { seed: SEED, numRuns: Math.round(200 * SCALE) },
    );
  });
});
