import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import { exportConll, tokenize } from '../../annotations/formats/conll-iob2-format';
import type { Annotation, Article } from '../../annotations/model';
import { syntheticAnnotations, syntheticArticle } from '../../scripts/bench-corpus';

const STAMP = '2026-01-01T00:00:00.000Z';

/**
 * The export as it was written first, token search and line count from the
 * start of the text for every span and token: slow on long texts, but plainly
 * right. The export must write exactly what it wrote.
 */
function reference(article: Article, annotations: readonly Annotation[]): { conll: string; report: string } {
  const out: string[] = [];
  const report: string[] = [];
  const tokens = tokenize(article.text);
  const tags = tokens.map(() => 'O');
  const spans = [...annotations].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const a of spans) {
    const first = tokens.findIndex((t) => t.end > a.start);
    let last = first;
    while (last + 1 < tokens.length && tokens[last + 1]!.start < a.end) last++;
    const where = `${article.id} ${a.start}–${a.end} ${a.kind} ${JSON.stringify(a.quote)}`;
    if (first < 0 || tokens[first]!.start !== a.start || tokens[last]!.end !== a.end) {
      report.push(`${where}: does not start and end on token boundaries; left out`);
      continue;
    }
    if (tags.slice(first, last + 1).some((t) => t !== 'O')) {
      report.push(`${where}: overlaps a span already tagged; left out`);
      continue;
    }
    for (let i = first; i <= last; i++) tags[i] = `${i === first ? 'B' : 'I'}-${a.kind}`;
  }
  out.push('-DOCSTART-\tO', '');
  let line = -1;
  tokens.forEach((t, i) => {
    const tokenLine = article.text.slice(0, t.start).split('\n').length;
    if (line !== -1 && tokenLine !== line) out.push('');
    line = tokenLine;
    out.push(`${t.text}\t${tags[i]}`);
  });
  out.push('');
  return {
    conll: `${out.join('\n')}\n`,
    report:
      report.length > 0 ? `${report.join('\n')}\n` : 'Every span starts and ends on a token boundary; none overlap.\n',
  };
}

const articleOf = (text: string): Article => ({
  id: 'a',
  title: 'a',
  text,
  source: 'test',
  addedAt: STAMP,
  contentHash: `sha256:${'0'.repeat(64)}`,
});

function exported(article: Article, annotations: Annotation[]) {
  const [conll, report] = exportConll({
    articles: [{ article, layer: { annotations, relations: [], documentLabels: [] } }],
    tagset: DEFAULT_TAGSET,
    entities: [],
    events: [],
    scope: { layer: 'one', annotator: 'alice' },
  });
  return { conll: conll!.content, report: report!.content };
}

const piece = fc.constantFrom(
  'Iran',
  'al-Obeidi’s',
  ' ',
  ' ',
  '\n',
  '\n\n',
  ',',
  '.',
  '“',
  '👍🏽',
  'café\u0301',
  '2017',
  '—',
);

describe('CoNLL IOB2 export', () => {
  it('writes what the plain token-by-token export writes, for any text and spans (tokens, lines, overlaps)', () => {
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join('')),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('claim', 'speaker', 'place')), { maxLength: 12 }),
        (text, raw) => {
          const annotations = raw.flatMap(([x, y, kind], i): Annotation[] => {
            if (text.length === 0) return [];
            const start = Math.min(x, y) % text.length;
            const end = Math.min(text.length, start + 1 + (Math.max(x, y) % 12));
            return [
              {
                id: `s${i}`,
                articleId: 'a',
                annotator: 'alice',
                kind,
                start,
                end,
                quote: text.slice(start, end),
                attributes: {},
                note: '',
                entityId: null,
                eventId: null,
                createdAt: STAMP,
                updatedAt: STAMP,
              },
            ];
          });
          const article = articleOf(text);
          expect(exported(article, annotations)).toEqual(reference(article, annotations));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('copies out of the text in proportion to its length, not to its square', async () => {
    const article = await syntheticArticle('long', 17_000, 5);
    const annotations = syntheticAnnotations(article, 2000);
    let copied = 0;
    const slice = String.prototype.slice;
    const spy = vi.spyOn(String.prototype, 'slice').mockImplementation(function (this: string, ...args) {
      const part = slice.apply(this, args);
      copied += part.length;
      return part;
    });
    try {
      exported(article, annotations);
    } finally {
      spy.mockRestore();
    }
    expect(article.text.length).toBeGreaterThan(100_000);
    expect(copied).toBeLessThan(2 * article.text.length);
  });

  it('writes the same on a long article with 2,000 spans', async () => {
    const article = await syntheticArticle('long', 9_000, 5);
    const annotations = syntheticAnnotations(article, 2000);
    expect(exported(article, annotations)).toEqual(reference(article, annotations));
  });
});
