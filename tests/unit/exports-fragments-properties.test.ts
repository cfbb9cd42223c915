import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import type { ExportFormat } from '../../annotations/formats/export-formats';
import { exportFiles } from '../../annotations/formats/export-formats';
import type { ExportInput } from '../../annotations/formats/export-input';
import { GAP_MARK } from '../../annotations/formats/span-text';
import type { Annotation, Article } from '../../annotations/model';
import { joinPieces, spanPieces } from '../../annotations/spans';

/**
 * For any text (astral characters, combining marks, line breaks) and any
 * spans, discontinuous ones among them, no export widens a span: every
 * format writes exactly its pieces (in its own offset unit), and the words
 * it quotes are the pieces' words, never a gap's.
 */
const STAMP = '2026-01-01T00:00:00.000Z';
const SEED = Number(process.env.FACTMARK_FUZZ_SEED ?? 20261130);
const SCALE = Number(process.env.FACTMARK_FUZZ_SCALE ?? 1);

const WORDS = ['Iran', 'al-Obeidi’s', ' ', ' ', '\n', ',', '.', '“', '👍🏽', 'café\u0301', '2017', 'سلام', '𝒳'];
const textArb = fc
  .array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 40 })
  .map((parts) => parts.join(''))
  .filter((t) => t.trim() !== '');

/** Offsets that never cut a surrogate pair in two. */
const boundaries = (text: string) =>
  [...Array(text.length + 1).keys()].filter(
    (i) => !(i > 0 && /[\uD800-\uDBFF]/.test(text[i - 1]!) && /[\uDC00-\uDFFF]/.test(text[i] ?? '')),
  );

/** A span from raw picks: two to four cuts make one piece or, where a gap holds more than white space, several. */
function annotationOf(text: string, cutsPicked: number[], kind: string, i: number): Annotation | null {
  const cuts = boundaries(text);
  const at = [...new Set(cutsPicked.map((n) => cuts[n % cuts.length]!))].sort((a, b) => a - b);
  const pieces =
    at.length >= 4
      ? [
          { start: at[0]!, end: at[1]! },
          { start: at[2]!, end: at[3]! },
        ]
      : at.length >= 2
        ? [{ start: at[0]!, end: at[at.length - 1]! }]
        : [];
  if (pieces.length === 0) return null;
  const span = joinPieces(text, pieces);
  return {
    id: `s${i}`,
    articleId: 'a',
    annotator: 'alice',
    kind,
    ...span,
    quote: text.slice(span.start, span.end),
    attributes: kind === 'claim' ? { verdict: 'true', checkWorthy: null, claimType: null } : {},
    note: '',
    entityId: null,
    eventId: null,
    createdAt: STAMP,
    updatedAt: STAMP,
  };
}

const caseArb = textArb.chain((text) =>
  fc.record({
    text: fc.constant(text),
    spans: fc.array(
      fc.tuple(fc.array(fc.nat(), { minLength: 2, maxLength: 4 }), fc.constantFrom('claim', 'speaker', 'place')),
      { minLength: 1, maxLength: 8 },
    ),
  }),
);

function exported(text: string, annotations: Annotation[], format: ExportFormat) {
  const article: Article = {
    id: 'a',
    title: 'a',
    text,
    source: 'test',
    addedAt: STAMP,
    contentHash: `sha256:${'0'.repeat(64)}`,
  };
  const input: ExportInput & { guidelines: string } = {
    articles: [{ article, layer: { annotations, relations: [], documentLabels: [] } }],
    tagset: DEFAULT_TAGSET,
    entities: [],
    events: [],
    scope: { layer: 'one', annotator: 'alice' },
    guidelines: '',
  };
  return exportFiles(format, input, STAMP);
}

/** RFC 4180 rows of cells. */
function csvRows(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!;
    if (quoted && c === '"' && csv[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted || (c !== '"' && c !== ',' && c !== '\r')) cell += c;
    else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++; // the "\n" of "\r\n"
    }
  }
  return rows;
}

const piecesOf = (a: Annotation) => spanPieces(a);
const wordsOf = (text: string, a: Annotation) => piecesOf(a).map((p) => text.slice(p.start, p.end));
const codePoint = (text: string, utf16: number) => Array.from(text.slice(0, utf16)).length;

describe('no export widens a discontinuous span, for any text and spans', () => {
  it('W3C, Label Studio, doccano, CSV, ClaimReview and FEVER write each span’s pieces and their words only', () => {
    fc.assert(
      fc.property(caseArb, ({ text, spans }) => {
        const annotations = spans.flatMap(([cuts, kind], i) => annotationOf(text, cuts, kind, i) ?? []);
        fc.pre(annotations.some((a) => a.fragments));

        const items = JSON.parse(exported(text, annotations, 'w3c')[0]!.content).first.items;
        for (const a of annotations) {
          const item = items.find((x: { id: string }) => x.id === `urn:factmark:annotation:${a.id}`);
          const targets = Array.isArray(item.target) ? item.target : [item.target];
          expect(
            targets.map((t: { selector: [{ exact: string }, { start: number; end: number }] }) => t.selector),
          ).toEqual(
            piecesOf(a).map((p) => [
              expect.objectContaining({ exact: text.slice(p.start, p.end) }),
              { type: 'TextPositionSelector', start: codePoint(text, p.start), end: codePoint(text, p.end) },
            ]),
          );
        }

        const [task] = JSON.parse(exported(text, annotations, 'label-studio')[0]!.content);
        const regions = task.annotations[0].result.filter((r: { type: string }) => r.type === 'labels');
        expect(regions.map((r: { value: object }) => r.value)).toEqual(
          annotations.flatMap((a) =>
            piecesOf(a).map((p) => ({ ...p, text: text.slice(p.start, p.end), labels: [a.kind] })),
          ),
        );

        const line = JSON.parse(exported(text, annotations, 'doccano')[0]!.content);
        expect(line.label).toEqual(annotations.flatMap((a) => piecesOf(a).map((p) => [p.start, p.end, a.kind])));
        expect(line.discontinuous).toEqual(
          annotations
            .filter((a) => a.fragments)
            .map((a) => ({ label: a.kind, fragments: piecesOf(a).map((p) => [p.start, p.end]) })),
        );

        const [header, ...rows] = csvRows(exported(text, annotations, 'csv')[0]!.content);
        const column = (name: string) => header!.indexOf(name);
        expect(rows).toHaveLength(annotations.length);
        rows.forEach((row, i) => {
          const a = annotations[i]!;
          const fragments = (unit: (o: number) => number) =>
            a.fragments ? a.fragments.map((f) => `${unit(f.start)}-${unit(f.end)}`).join(';') : '';
          expect(row[column('fragments_utf16')]).toBe(fragments((o) => o));
          expect(row[column('fragments_codepoint')]).toBe(fragments((o) => codePoint(text, o)));
          expect(row[column('quote')]).toBe(wordsOf(text, a).join(GAP_MARK));
        });

        const claims = annotations.filter((a) => a.kind === 'claim').map((a) => wordsOf(text, a).join(GAP_MARK));
        const reviews = JSON.parse(exported(text, annotations, 'claimreview')[0]!.content);
        expect(reviews.map((r: { claimReviewed: string }) => r.claimReviewed)).toEqual(claims);
        const fever = exported(text, annotations, 'fever')[0]!.content.split('\n').filter(Boolean);
        expect(fever.map((l) => JSON.parse(l).claim)).toEqual(claims);
      }),
      { seed: SEED, numRuns: Math.round(300 * SCALE) },
    );
  });

  it('CoNLL IOB2: a token is tagged with a kind only inside a piece of a span of that kind; each piece written starts with B-', () => {
    fc.assert(
      fc.property(caseArb, ({ text, spans }) => {
        const annotations = spans.flatMap(([cuts, kind], i) => annotationOf(text, cuts, kind, i) ?? []);
        fc.pre(annotations.some((a) => a.fragments));
        const [conll, report] = exported(text, annotations, 'conll');
        const tagged = conll!.content
          .split('\n')
          .filter((l) => l.includes('\t') && !l.startsWith('-DOCSTART-'))
          .map((l) => l.split('\t') as [string, string]);
        let from = 0;
        const tokens = tagged.map(([token, tag]) => {
          const start = text.indexOf(token, from);
          from = start + token.length;
          return { start, end: from, tag };
        });
        // Spans the report leaves out, by offsets and kind (two alike are interchangeable).
        const leftOut = new Map<string, number>();
        for (const l of report!.content.split('\n').filter((x) => x.endsWith('left out'))) {
          const [, offsets, kind] = l.split(' ');
          leftOut.set(`${offsets} ${kind}`, (leftOut.get(`${offsets} ${kind}`) ?? 0) + 1);
        }
        const written = annotations.filter((a) => {
          const key = `${piecesOf(a)
            .map((p) => `${p.start}–${p.end}`)
            .join(',')} ${a.kind}`;
          const n = leftOut.get(key) ?? 0;
          if (n > 0) leftOut.set(key, n - 1);
          return n === 0;
        });
        for (const t of tokens) {
          if (t.tag === 'O') continue;
          const kind = t.tag.slice(2);
          const inside = written.some(
            (a) => a.kind === kind && piecesOf(a).some((p) => p.start <= t.start && t.end <= p.end),
          );
          expect(inside, `${JSON.stringify(text.slice(t.start, t.end))} at ${t.start} tagged ${t.tag}`).toBe(true);
        }
        for (const a of written)
          for (const p of piecesOf(a))
            expect(tokens.find((t) => t.start === p.start)?.tag, `${a.id} piece at ${p.start}`).toBe(`B-${a.kind}`);
        const split = written.filter((a) => a.fragments).length;
        expect(report!.content.split('\n').filter((l) => l.includes('IOB2 cannot join them'))).toHaveLength(split);
      }),
      { seed: SEED, numRuns: Math.round(300 * SCALE) },
    );
  });
});
