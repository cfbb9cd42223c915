import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import type { ExportFormat } from '../../annotations/formats/export-formats';
import { exportFiles } from '../../annotations/formats/export-formats';
import type { ExportInput } from '../../annotations/formats/export-input';
import { exportPieces } from '../../annotations/formats/export-stream';
import type { Annotation, Article, Relation } from '../../annotations/model';
import { GOLD } from '../../annotations/model';
import { wholeBrat, wholeJsonl, wholeW3C } from '../support/whole-exports';

/**
 * The JSONL, brat and W3C exports written piece by piece give, file for
 * file and byte for byte, what building each file whole as one string gave,
 * for any articles (astral characters, combining marks, line breaks), spans,
 * links, layers and scope.
 */
const STAMP = '2026-01-01T00:00:00.000Z';
const WORDS = ['Iran', 'al-Obeidi’s', ' ', '\n', '\r\n', ',', '“', '👍🏽', 'café\u0301', 'سلام', '𝒳', '"quoted"'];

const textArb = fc
  .array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 30 })
  .map((parts) => parts.join(''))
  .filter((t) => t.trim() !== '');

const spanArb = fc.record({
  at: fc.tuple(fc.nat(), fc.nat()),
  kind: fc.constantFrom('claim', 'speaker', 'place'),
  annotator: fc.constantFrom('alice', 'bob', GOLD),
  checkWorthy: fc.constantFrom(true, false, null),
});

const articleArb = fc.record({
  text: textArb,
  spans: fc.array(spanArb, { maxLength: 6 }),
  links: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
});

type RawArticle = typeof articleArb extends fc.Arbitrary<infer T> ? T : never;

function entryOf(i: number, raw: RawArticle) {
  const article: Article = {
    id: `art-${i}`,
    title: `Article ${i}`,
    text: raw.text,
    source: 'test',
    addedAt: STAMP,
    contentHash: `hash-${i}`,
  };
  // Spans never cut a surrogate pair: offsets fall between code points.
  const cuts = [0, ...[...raw.text].map((_, k, all) => all.slice(0, k + 1).join('').length)];
  const annotations: Annotation[] = raw.spans.map((s, k) => {
    const [a, b] = [cuts[s.at[0] % cuts.length]!, cuts[s.at[1] % cuts.length]!].sort((x, y) => x - y) as [
      number,
      number,
    ];
    const end = b > a ? b : Math.min(raw.text.length, cuts[Math.min(cuts.indexOf(a) + 1, cuts.length - 1)]!);
    return {
      id: `${article.id}.s${k}`,
      articleId: article.id,
      annotator: s.annotator,
      kind: s.kind,
      start: a,
      end: Math.max(end, a),
      quote: raw.text.slice(a, Math.max(end, a)),
      attributes:
        s.kind === 'claim'
          ? { verdict: 'true', checkWorthy: s.checkWorthy, claimType: null }
          : ({} as Annotation['attributes']),
      note: '',
      entityId: null,
      eventId: null,
      createdAt: STAMP,
      updatedAt: STAMP,
    };
  });
  const relations: Relation[] = raw.links.flatMap(([f, t], k) => {
    const from = annotations[f % Math.max(1, annotations.length)];
    const to = annotations[t % Math.max(1, annotations.length)];
    if (!from || !to || from === to || from.annotator !== to.annotator) return [];
    return [
      {
        id: `${article.id}.r${k}`,
        articleId: article.id,
        annotator: from.annotator,
        type: 'said-by',
        from: from.id,
        to: { kind: 'annotation' as const, id: to.id },
        createdAt: STAMP,
      },
    ];
  });
  return { article, layer: { annotations, relations, documentLabels: [] } };
}

const inputArb = fc
  .record({
    articles: fc.array(articleArb, { maxLength: 5 }),
    scope: fc.constantFrom<ExportInput['scope']>(
      undefined,
      { layer: 'all' },
      { layer: 'one', annotator: 'alice' },
      { layer: 'gold' },
    ),
  })
  .map(({ articles, scope }): ExportInput => ({
    articles: articles.map((raw, i) => entryOf(i, raw)),
    tagset: DEFAULT_TAGSET,
    entities: [],
    events: [],
    ...(scope ? { scope } : {}),
  }));

const WHOLE: Record<'jsonl' | 'brat' | 'w3c', (input: ExportInput) => { path: string; content: string }[]> = {
  jsonl: wholeJsonl,
  brat: wholeBrat,
  w3c: wholeW3C,
};

/** The files a streamed export writes, each the concatenation of its pieces, by path. */
function streamed(format: ExportFormat, input: ExportInput) {
  const files = new Map<string, string>();
  for (const { path, text } of exportPieces(format, { ...input, guidelines: '' }, STAMP))
    files.set(path, (files.get(path) ?? '') + text);
  return files;
}

describe('exports written piece by piece', () => {
  it.each(['jsonl', 'brat', 'w3c'] as const)(
    '%s: the same files, byte for byte, as building each whole',
    async (format) => {
      await fc.assert(
        fc.asyncProperty(inputArb, async (input) => {
          const whole = WHOLE[format](input);
          expect(Object.fromEntries(streamed(format, input))).toEqual(
            Object.fromEntries(whole.map((f) => [f.path, f.content])),
          );
          // The files handed whole (a zip, the contract's answer) keep their order too.
          expect(exportFiles(format, { ...input, guidelines: '' }, STAMP)).toEqual(whole);
        }),
        { numRuns: 150, seed: 20261201 },
      );
    },
  );
});
