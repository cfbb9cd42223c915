import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import type { ExportFormat } from '../../annotations/formats/export-formats';
import { exportFiles } from '../../annotations/formats/export-formats';
import type { ExportInput } from '../../annotations/formats/export-input';
import type { Annotation, Article, Relation } from '../../annotations/model';
import { annotationOver, STAMP } from '../support/store-records';

/**
 * A discontinuous claim ("Iran and Iraq 🇮🇶 signed … a memorandum 📜"), its
 * gap holding words and a place another span marks, exported in every
 * format: each writes the pieces, and no format marks or quotes the gap's
 * words as part of the claim.
 */
const TEXT = 'Dehqān 👍🏽 said Iran and Iraq 🇮🇶 signed, after long talks in Baghdad, a memorandum 📜 in Tehran.';
const GAP = ', after long talks in Baghdad, ';
const at = (quote: string) => {
  const start = TEXT.indexOf(quote);
  if (start < 0) throw new Error(quote);
  return { start, end: start + quote.length };
};
const FIRST = at('Iran and Iraq 🇮🇶 signed');
const SECOND = at('a memorandum 📜');
const codePoint = (utf16: number) => Array.from(TEXT.slice(0, utf16)).length;

const article: Article = {
  id: 'mou',
  title: 'MoU',
  text: TEXT,
  source: 'test',
  addedAt: STAMP,
  contentHash: `sha256:${'0'.repeat(64)}`,
};
const record = (id: string, kind: string, span: { start: number; end: number }, extra: Partial<Annotation> = {}) =>
  annotationOver(TEXT, 'mou', id, kind, span, extra);

const claim = record(
  'c1',
  'claim',
  { start: FIRST.start, end: SECOND.end },
  {
    fragments: [FIRST, SECOND],
    attributes: { verdict: 'true', checkWorthy: true, claimType: null },
    note: 'Both pieces.',
  },
);
const speaker = record('s1', 'speaker', at('Dehqān'));
const baghdad = record('p1', 'place', at('Baghdad'));
const saidBy: Relation = {
  id: 'r1',
  articleId: 'mou',
  annotator: 'alice',
  type: 'said-by',
  from: 'c1',
  to: { kind: 'annotation', id: 's1' },
  createdAt: STAMP,
};
const input: ExportInput & { guidelines: string } = {
  articles: [{ article, layer: { annotations: [speaker, claim, baghdad], relations: [saidBy], documentLabels: [] } }],
  tagset: DEFAULT_TAGSET,
  entities: [],
  events: [],
  scope: { layer: 'one', annotator: 'alice' },
  guidelines: '',
};
const file = (format: ExportFormat, path: string) => {
  const found = exportFiles(format, input, STAMP).find((f) => f.path === path);
  if (!found) throw new Error(`${format} has no ${path}`);
  return found.content;
};
const WORDS = 'Iran and Iraq 🇮🇶 signed … a memorandum 📜';

describe('a discontinuous span is written as its pieces in every format, never widened', () => {
  it('bundle and JSONL keep the record’s fragments', () => {
    const bundle = JSON.parse(file('bundle', 'factmark-bundle.json'));
    expect(bundle.articles[0].annotations[1]).toMatchObject({ id: 'c1', fragments: [FIRST, SECOND] });
    const line = JSON.parse(file('jsonl', 'articles.jsonl'));
    expect(line.annotations[1]).toMatchObject({ id: 'c1', fragments: [FIRST, SECOND] });
  });

  it('W3C: one annotation whose targets are the pieces, each with its own quote and position in code points', () => {
    const items = JSON.parse(file('w3c', 'annotations.jsonld')).first.items;
    const w3c = items.find((i: { id: string }) => i.id === 'urn:factmark:annotation:c1');
    expect(w3c.target).toEqual([
      {
        source: 'urn:factmark:article:mou',
        selector: [
          {
            type: 'TextQuoteSelector',
            exact: 'Iran and Iraq 🇮🇶 signed',
            prefix: 'Dehqān 👍🏽 said ',
            suffix: Array.from(TEXT.slice(FIRST.end)).slice(0, 32).join(''),
          },
          { type: 'TextPositionSelector', start: codePoint(FIRST.start), end: codePoint(FIRST.end) },
        ],
      },
      {
        source: 'urn:factmark:article:mou',
        selector: [
          {
            type: 'TextQuoteSelector',
            exact: 'a memorandum 📜',
            prefix: Array.from(TEXT.slice(0, SECOND.start)).slice(-32).join(''),
            suffix: ' in Tehran.',
          },
          { type: 'TextPositionSelector', start: codePoint(SECOND.start), end: codePoint(SECOND.end) },
        ],
      },
    ]);
    // A continuous span keeps its one target object.
    const place = items.find((i: { id: string }) => i.id === 'urn:factmark:annotation:p1');
    expect(place.target.selector[0].exact).toBe('Baghdad');
  });

  it('Label Studio: one labels region per piece, marked in meta; values and the note on the first piece', () => {
    const [task] = JSON.parse(file('label-studio', 'label-studio-tasks.json'));
    const result = task.annotations[0].result as {
      id?: string;
      type: string;
      from_name?: string;
      value?: { start: number; end: number; text: string | string[] };
      meta?: unknown;
    }[];
    const regions = result.filter((r) => r.type === 'labels' && r.id?.startsWith('c1'));
    expect(regions).toEqual([
      {
        id: 'c1',
        from_name: 'label',
        to_name: 'text',
        type: 'labels',
        value: { ...FIRST, text: 'Iran and Iraq 🇮🇶 signed', labels: ['claim'] },
        meta: { factmark_span: 'c1', fragment: 1 },
      },
      {
        id: 'c1~2',
        from_name: 'label',
        to_name: 'text',
        type: 'labels',
        value: { ...SECOND, text: 'a memorandum 📜', labels: ['claim'] },
        meta: { factmark_span: 'c1', fragment: 2 },
      },
    ]);
    const onClaim = result.filter((r) => r.id === 'c1' && r.type !== 'labels');
    expect(onClaim.map((r) => [r.from_name, r.value?.start, r.value?.end])).toEqual([
      ['claim.verdict', FIRST.start, FIRST.end],
      ['claim.checkWorthy', FIRST.start, FIRST.end],
      ['note', FIRST.start, FIRST.end],
    ]);
    expect(result.some((r) => typeof r.value?.text === 'string' && r.value.text.includes('talks'))).toBe(false);
    expect(result).toContainEqual({
      from_id: 'c1',
      to_id: 's1',
      type: 'relation',
      direction: 'right',
      labels: ['said-by'],
    });
    // A continuous span's region has no meta.
    expect(result.find((r) => r.id === 'p1')).not.toHaveProperty('meta');
  });

  it('doccano: one entity and label per piece; the line lists which pieces are one span; links from the first piece', () => {
    const line = JSON.parse(file('doccano', 'doccano.jsonl'));
    expect(line.label).toEqual([
      [speaker.start, speaker.end, 'speaker'],
      [FIRST.start, FIRST.end, 'claim'],
      [SECOND.start, SECOND.end, 'claim'],
      [baghdad.start, baghdad.end, 'place'],
    ]);
    expect(line.entities.map((e: { id: number }) => e.id)).toEqual([1, 2, 3, 4]);
    expect(line.relations).toEqual([{ id: 1, from_id: 2, to_id: 1, type: 'said-by' }]);
    expect(line.discontinuous).toEqual([
      {
        label: 'claim',
        fragments: [
          [FIRST.start, FIRST.end],
          [SECOND.start, SECOND.end],
        ],
      },
    ]);
  });

  it('doccano: a line without discontinuous spans has no discontinuous field', () => {
    const plain = exportFiles(
      'doccano',
      { ...input, articles: [{ article, layer: { annotations: [speaker], relations: [], documentLabels: [] } }] },
      STAMP,
    );
    expect(JSON.parse(plain[0]!.content)).not.toHaveProperty('discontinuous');
  });

  it('CSV: the pieces in both units, the quote the pieces’ words; a continuous span’s fragments are empty', () => {
    const rows = file('csv', 'annotations.csv').trimEnd().split('\r\n');
    const header = rows[0]!.split(',');
    const cells = (row: string) => row.replace(/"(?:[^"]|"")*"/g, 'Q').split(',');
    const get = (row: string, name: string) => cells(row)[header.indexOf(name)];
    const claimRow = rows.find((r) => r.includes(',c1,'))!;
    expect(get(claimRow, 'fragments_utf16')).toBe(`${FIRST.start}-${FIRST.end};${SECOND.start}-${SECOND.end}`);
    expect(get(claimRow, 'fragments_codepoint')).toBe(
      `${codePoint(FIRST.start)}-${codePoint(FIRST.end)};${codePoint(SECOND.start)}-${codePoint(SECOND.end)}`,
    );
    expect(get(claimRow, 'start_utf16')).toBe(String(FIRST.start));
    expect(get(claimRow, 'end_utf16')).toBe(String(SECOND.end));
    expect(get(claimRow, 'quote')).toBe(WORDS);
    expect(claimRow).not.toContain('talks');
    const placeRow = rows.find((r) => r.includes(',p1,'))!;
    expect([get(placeRow, 'fragments_utf16'), get(placeRow, 'fragments_codepoint'), get(placeRow, 'quote')]).toEqual([
      '',
      '',
      'Baghdad',
    ]);
  });

  it('CSV: said_by gives a discontinuous speaker’s words, not its gap', () => {
    const split = record(
      's2',
      'speaker',
      { start: speaker.start, end: at('said').end },
      {
        fragments: [at('Dehqān'), at('said')],
      },
    );
    const csv = exportFiles(
      'csv',
      {
        ...input,
        articles: [
          {
            article,
            layer: {
              annotations: [split, claim],
              relations: [{ ...saidBy, to: { kind: 'annotation', id: 's2' } }],
              documentLabels: [],
            },
          },
        ],
      },
      STAMP,
    )[0]!.content;
    expect(csv).toContain('Dehqān … said');
    expect(csv).not.toContain('👍🏽');
  });

  it('CoNLL IOB2: each piece a chunk, the gap’s tokens keep their own tags; the report says IOB2 cannot join them', () => {
    const conll = file('conll', 'iob2.conll');
    expect(conll).toContain(
      'Iran\tB-claim\nand\tI-claim\nIraq\tI-claim\n🇮\tI-claim\n🇶\tI-claim\nsigned\tI-claim\n,\tO\n',
    );
    expect(conll).toContain(
      'after\tO\nlong\tO\ntalks\tO\nin\tO\nBaghdad\tB-place\n,\tO\na\tB-claim\nmemorandum\tI-claim\n📜\tI-claim\nin\tO',
    );
    const report = file('conll', 'iob2-report.txt');
    expect(report).toBe(
      'Every span starts and ends on a token boundary; none overlap.\n' +
        `mou ${FIRST.start}–${FIRST.end},${SECOND.start}–${SECOND.end} claim ${JSON.stringify(WORDS)}: discontinuous, written as 2 chunks (IOB2 cannot join them)\n`,
    );
  });

  it('CoNLL IOB2: a discontinuous span with a piece off token boundaries is left out whole, never moved', () => {
    const off = record(
      'c2',
      'claim',
      { start: FIRST.start, end: SECOND.end - 2 },
      {
        fragments: [FIRST, { start: SECOND.start, end: SECOND.end - 2 }],
      },
    );
    const [conll, report] = exportFiles(
      'conll',
      { ...input, articles: [{ article, layer: { annotations: [off], relations: [], documentLabels: [] } }] },
      STAMP,
    );
    expect(conll!.content).not.toMatch(/-claim/);
    expect(report!.content).toMatch(
      /^mou \d+–\d+,\d+–\d+ claim "Iran and Iraq 🇮🇶 signed … a memorandum ": does not start and end on token boundaries; left out\n$/,
    );
  });

  it('ClaimReview and FEVER: the claim is its pieces’ words joined by " … "', () => {
    const [review] = JSON.parse(file('claimreview', 'claimreview.jsonld'));
    expect(review.claimReviewed).toBe(WORDS);
    expect(review.itemReviewed.author.name).toBe('Dehqān');
    const fever = JSON.parse(file('fever', 'fever.jsonl'));
    expect(fever).toMatchObject({ claim: WORDS, label: 'SUPPORTS' });
    expect(JSON.stringify(fever)).not.toContain(GAP.trim());
  });
});
