import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import { parseBratAnn } from '../../annotations/formats/brat-standoff-layer';
import { exportFiles } from '../../annotations/formats/export-formats';
import type { ExportInput } from '../../annotations/formats/export-input';
import { offsetMap } from '../../annotations/formats/offsets';
import { tokenize } from '../../annotations/formats/conll-iob2-format';
import type { Annotation, Article, Entity, Relation } from '../../annotations/model';

const stamp = '2026-01-01T00:00:00.000Z';
// Emoji (outside the BMP) and combining marks before and inside spans, and a span across a line break.
const text = 'Dehqān 👍🏽 said: "Iran ❤️ Iraq 🇮🇶 forever."\nThe café\u0301 met\nin Tehran 🕌 on Tuesday.';
const article: Article = {
  id: 'emoji',
  title: 'Emoji test',
  text,
  source: 'test',
  addedAt: stamp,
  contentHash: `sha256:${'0'.repeat(64)}`,
};

function span(
  id: string,
  kind: string,
  quote: string,
  attributes: Annotation['attributes'] = {},
  extra: Partial<Annotation> = {},
): Annotation {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(quote);
  return {
    id,
    articleId: 'emoji',
    annotator: 'alice',
    kind,
    start,
    end: start + quote.length,
    quote,
    attributes,
    note: '',
    entityId: null,
    eventId: null,
    createdAt: stamp,
    updatedAt: stamp,
    ...extra,
  };
}

const entity: Entity = {
  id: 'ent1',
  name: 'Hossein Dehqan',
  type: 'person',
  aliases: [],
  externalId: 'Q5906014',
  createdAt: stamp,
  updatedAt: stamp,
};
const annotations = [
  span('s1', 'speaker', 'Dehqān', {}, { entityId: 'ent1' }),
  span(
    'c1',
    'claim',
    '"Iran ❤️ Iraq 🇮🇶 forever."',
    { verdict: 'mostly true', checkWorthy: true, claimType: 'opinion' },
    { note: 'a note\twith a tab' },
  ),
  span('p1', 'place', 'Iraq 🇮🇶'),
  span('e1', 'event', 'café\u0301 met\nin', { eventType: 'meeting' }),
  span('p2', 'place', 'Tehran 🕌'),
];
const relations: Relation[] = [
  {
    id: 'r1',
    articleId: 'emoji',
    annotator: 'alice',
    type: 'said-by',
    from: 'c1',
    to: { kind: 'annotation', id: 's1' },
    createdAt: stamp,
  },
  {
    id: 'r2',
    articleId: 'emoji',
    annotator: 'alice',
    type: 'place',
    from: 'e1',
    to: { kind: 'annotation', id: 'p2' },
    createdAt: stamp,
  },
];
const input: ExportInput & { guidelines: string } = {
  articles: [{ article, layer: { annotations, relations, documentLabels: [] } }],
  tagset: DEFAULT_TAGSET,
  entities: [entity],
  events: [],
  scope: { layer: 'one', annotator: 'alice' },
  guidelines: '',
};
const file = (format: Parameters<typeof exportFiles>[0], path: string) => {
  const found = exportFiles(format, input, stamp).find((f) => f.path === path);
  if (!found) throw new Error(`${format} has no ${path}`);
  return found.content;
};
const codePoints = (s: string, start: number, end: number) => Array.from(s).slice(start, end).join('');

describe('offsets', () => {
  it('convert between UTF-16 and code points both ways', () => {
    const map = offsetMap('a👍b');
    expect([0, 1, 3, 4].map(map.toCodePoint)).toEqual([0, 1, 2, 3]);
    expect([0, 1, 2, 3].map(map.toUtf16)).toEqual([0, 1, 3, 4]);
    expect(map.codePointLength).toBe(3);
    expect(() => map.toUtf16(9)).toThrow(RangeError);
  });
});

describe('every export keeps offsets exact in its own unit, with emoji and combining marks', () => {
  it('brat: code points, fragments at line breaks, the .txt is the text', () => {
    expect(file('brat', 'emoji.txt')).toBe(text);
    const ann = file('brat', 'emoji.ann');
    for (const line of ann.split('\n').filter((l) => l.startsWith('T'))) {
      const [, middle, quote] = line.split('\t') as [string, string, string];
      const pieces = middle
        .split(' ')
        .slice(1)
        .join(' ')
        .split(';')
        .map((p) => p.split(' ').map(Number) as [number, number]);
      expect(pieces.map(([s, e]) => codePoints(text, s, e)).join(' ')).toBe(quote);
    }
    expect(ann).toMatch(/^T\d+\tevent \d+ \d+;\d+ \d+\tcafé\u0301 met in$/m);
    expect(ann).toMatch(/^A\d+\tverdict T2 mostly_true$/m);
    expect(ann).toMatch(/^A\d+\tcheckWorthy T2$/m);
    expect(ann).toMatch(/^R1\tsaid-by Arg1:T2 Arg2:T1$/m);
    expect(ann).toMatch(/^E1\tevent:T4 place:T5$/m);
    expect(ann).toMatch(/^N\d+\tReference T1 Wikidata:Q5906014\tHossein Dehqan$/m);
    expect(ann).toMatch(/^#1\tAnnotatorNotes T2\ta note with a tab$/m);
    expect(file('brat', 'annotation.conf')).toMatch(
      /\[events\]\nevent\tagent\*:speaker\|person\|organisation, participant\*:speaker\|person\|organisation, place\*:place, time\*:date/,
    );
  });

  it('brat round trip gives back the same spans, labels, attributes, links and notes', () => {
    const parsed = parseBratAnn(text, file('brat', 'emoji.ann'), {
      articleId: 'emoji',
      annotator: 'bob',
      tagset: DEFAULT_TAGSET,
      entities: new Map([['ent1', 'Q5906014']]),
      eventIds: new Set(),
      stamp,
    });
    expect(parsed.errors).toEqual([]);
    const back = parsed.layer;
    const strip = (a: Annotation) => [
      a.kind,
      a.start,
      a.end,
      a.quote,
      a.attributes,
      a.entityId,
      a.note.replace(/\s+/g, ' '),
    ];
    expect(back.annotations.map(strip)).toEqual(annotations.map(strip));
    const rel = (r: Relation, list: Annotation[]) => [
      r.type,
      list.find((a) => a.id === r.from)?.quote,
      r.to.kind === 'annotation' ? list.find((a) => a.id === r.to.id)?.quote : r.to.id,
    ];
    expect(back.relations.map((r) => rel(r, back.annotations)).sort()).toEqual(
      relations.map((r) => rel(r, annotations)).sort(),
    );
  });

  it('brat import refuses a malformed file line by line and imports nothing', () => {
    const bad = [
      'T1\tclaim 0 6\tDehqan',
      'T2\tclaim 0 999\tx',
      'T3\trumour 0 1\tD',
      'A1\tverdict T9 true',
      'R1\tsaid-by Arg1:T1 Arg2:T7',
      'X1\twhat',
    ].join('\n');
    const parsed = parseBratAnn(text, bad, {
      articleId: 'emoji',
      annotator: 'bob',
      tagset: DEFAULT_TAGSET,
      entities: new Map(),
      eventIds: new Set(),
      stamp,
    });
    expect(parsed.errors).toEqual([
      'line 1: the text at 0 6 is "Dehqān", not "Dehqan"',
      `line 2: offsets 0 999 are outside the text (${Array.from(text).length} code points)`,
      'line 3: unknown type "rumour"',
      'line 4: attribute of "T9" is not a T or E annotation of this file',
      'line 5: argument "T7" is not a T or E annotation of this file',
      'line 6: unknown line type "X1"',
    ]);
  });

  it('W3C: TextPositionSelector in code points, TextQuoteSelector with whole-character context', () => {
    const collection = JSON.parse(file('w3c', 'annotations.jsonld'));
    const all = collection.first.items as { motivation: string }[];
    const items = all.filter((item) => item.motivation !== 'linking') as unknown as {
      target: { selector: [{ exact: string; prefix: string; suffix: string }, { start: number; end: number }] };
      body: { purpose: string; value?: string; id?: string }[];
    }[];
    expect(items).toHaveLength(annotations.length);
    expect(all).toHaveLength(annotations.length + relations.length);
    for (const item of items) {
      const [quote, position] = item.target.selector;
      expect(codePoints(text, position.start, position.end)).toBe(quote.exact);
      expect(text).toContain(`${quote.prefix}${quote.exact}${quote.suffix}`);
    }
    expect(items[1]!.body).toEqual(
      expect.arrayContaining([
        { type: 'TextualBody', purpose: 'tagging', value: 'claim' },
        { type: 'TextualBody', purpose: 'classifying', value: 'verdict=mostly true' },
      ]),
    );
    expect(items[0]!.body).toContainEqual({ id: 'http://www.wikidata.org/entity/Q5906014', purpose: 'identifying' });
  });

  it('Label Studio and doccano: JavaScript string offsets', () => {
    const [task] = JSON.parse(file('label-studio', 'label-studio-tasks.json'));
    for (const r of task.annotations[0].result.filter((x: { type: string }) => x.type === 'labels')) {
      expect(task.data.text.slice(r.value.start, r.value.end)).toBe(r.value.text);
    }
    expect(task.annotations[0].result).toContainEqual({
      from_id: 'c1',
      to_id: 's1',
      type: 'relation',
      direction: 'right',
      labels: ['said-by'],
    });
    expect(file('label-studio', 'label-studio-config.xml')).toContain(
      '<Choices name="claim.verdict" toName="text" perRegion="true"',
    );
    const line = JSON.parse(file('doccano', 'doccano.jsonl'));
    for (const [start, end, label] of line.label)
      expect([line.text.slice(start, end), label]).toEqual([
        annotations.find((a) => a.start === start)!.quote,
        annotations.find((a) => a.start === start)!.kind,
      ]);
  });

  it('CSV: both units per row, RFC 4180 quoting', () => {
    const rows = file('csv', 'annotations.csv').trimEnd().split('\r\n');
    expect(rows[0]).toBe(
      'article_id,article_title,annotation_id,annotator,kind,start_utf16,end_utf16,start_codepoint,end_codepoint,fragments_utf16,fragments_codepoint,quote,verdict,checkWorthy,claimType,eventType,said_by,said_by_entity,entity,event,note,created_at,updated_at',
    );
    expect(rows[2]).toContain('"""Iran ❤️ Iraq 🇮🇶 forever."""');
    const claim = annotations[1]!;
    expect(rows[2]).toContain(
      `,${claim.start},${claim.end},${Array.from(text.slice(0, claim.start)).length},${Array.from(text.slice(0, claim.end)).length},`,
    );
  });

  it('CoNLL IOB2: stated tokenisation, spans off token boundaries reported, not moved', () => {
    expect(tokenize('al-Obeidi’s 👍🏽 (ISIL).').map((t) => t.text)).toEqual([
      'al-Obeidi’s',
      '👍',
      '🏽',
      '(',
      'ISIL',
      ')',
      '.',
    ]);
    const conll = file('conll', 'iob2.conll');
    expect(conll).toContain('Dehqān\tB-speaker');
    expect(conll).toContain('Tehran\tB-place\n🕌\tI-place');
    expect(conll).toContain('"\tB-claim\nIran\tI-claim');
    const report = file('conll', 'iob2-report.txt');
    expect(report).toContain('emoji');
    expect(report).toMatch(/p1 .*overlaps|Iraq 🇮🇶.*overlaps/);
  });

  it('ClaimReview and FEVER: claims with verdicts, their speakers and labels', () => {
    const [review] = JSON.parse(file('claimreview', 'claimreview.jsonld'));
    expect(review).toMatchObject({
      '@type': 'ClaimReview',
      claimReviewed: '"Iran ❤️ Iraq 🇮🇶 forever."',
      reviewRating: { '@type': 'Rating', alternateName: 'mostly true' },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'Hossein Dehqan', sameAs: 'https://www.wikidata.org/wiki/Q5906014' },
        appearance: { headline: 'Emoji test' },
      },
    });
    expect(JSON.parse(file('fever', 'fever.jsonl'))).toMatchObject({
      claim: '"Iran ❤️ Iraq 🇮🇶 forever."',
      label: 'SUPPORTS',
      speaker: 'Hossein Dehqan',
    });
  });
});
