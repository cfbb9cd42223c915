import { describe, expect, it } from 'vitest';
import type { ExportScope } from '../../annotations/contract';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import type { ExportFormat } from '../../annotations/formats/export-formats';
import { exportFiles } from '../../annotations/formats/export-formats';
import type { ExportInput } from '../../annotations/formats/export-input';
import { layerFolders } from '../../annotations/formats/export-input';
import type { Annotation, Article, ArticleLayer, Entity, Relation } from '../../annotations/model';

/**
 * One article with three layers on it — alice, bob and gold — that disagree:
 * each format must keep them apart and name each one, never write one
 * claim with two verdicts under no name.
 */
const STAMP = '2026-03-01T09:00:00.000Z';
const DECIDED = '2026-03-04T15:30:00.000Z';
const TEXT = 'Dehqan said: "Iran and Iraq signed a memorandum of understanding." The ministry confirmed it.';
const article: Article = {
  id: 'a1',
  title: 'MoU',
  text: TEXT,
  source: 'https://news.example/mou',
  addedAt: STAMP,
  contentHash: `sha256:${'0'.repeat(64)}`,
};
const CLAIM = '"Iran and Iraq signed a memorandum of understanding."';
const INNER = 'Iran and Iraq signed a memorandum of understanding';

function span(annotator: string, id: string, kind: string, quote: string, extra: Partial<Annotation> = {}) {
  const start = TEXT.indexOf(quote);
  if (start < 0) throw new Error(quote);
  return {
    id,
    articleId: 'a1',
    annotator,
    kind,
    start,
    end: start + quote.length,
    quote,
    attributes: {},
    note: '',
    entityId: null,
    eventId: null,
    createdAt: STAMP,
    updatedAt: STAMP,
    ...extra,
  } satisfies Annotation;
}
const saidBy = (annotator: string, id: string, from: string, to: Relation['to']): Relation => ({
  id,
  articleId: 'a1',
  annotator,
  type: 'said-by',
  from,
  to,
  createdAt: STAMP,
});
const dehqan: Entity = {
  id: 'dehqan',
  name: 'Hossein Dehqan',
  type: 'person',
  aliases: [],
  externalId: 'Q5906014',
  createdAt: STAMP,
  updatedAt: STAMP,
};
const ministry: Entity = {
  ...dehqan,
  id: 'ministry',
  name: 'Ministry of Defence',
  type: 'organisation',
  externalId: null,
};

const layer: ArticleLayer = {
  annotations: [
    span('alice', 'al-claim', 'claim', CLAIM, { attributes: { verdict: 'true', checkWorthy: null, claimType: null } }),
    span('alice', 'al-speaker', 'speaker', 'Dehqan', { entityId: 'dehqan' }),
    // bob marks the claim without its quotation marks, false, and leaves it unverified elsewhere
    span('bob', 'bob-claim', 'claim', INNER, { attributes: { verdict: 'false', checkWorthy: false } }),
    span('bob', 'bob-claim2', 'claim', 'The ministry confirmed it', { attributes: { verdict: 'unverified' } }),
    span('bob', 'bob-speaker', 'speaker', 'The ministry', { entityId: 'ministry' }),
    span('gold', 'gold-claim', 'claim', CLAIM, {
      attributes: { verdict: 'mostly true', checkWorthy: true },
      provenance: {
        action: 'accept',
        sources: [{ annotator: 'alice', id: 'al-claim' }],
        decidedBy: 'lead',
        decidedAt: DECIDED,
      },
    }),
  ],
  relations: [
    saidBy('alice', 'al-said', 'al-claim', { kind: 'annotation', id: 'al-speaker' }),
    saidBy('bob', 'bob-said', 'bob-claim2', { kind: 'annotation', id: 'bob-speaker' }),
    saidBy('gold', 'gold-said', 'gold-claim', { kind: 'entity', id: 'dehqan' }),
  ],
  documentLabels: [],
};

const input = (scope?: ExportScope, extra: Partial<ExportInput> = {}): ExportInput & { guidelines: string } => ({
  articles: [{ article, layer }],
  tagset: DEFAULT_TAGSET,
  entities: [dehqan, ministry],
  events: [],
  guidelines: '',
  ...(scope ? { scope } : {}),
  ...extra,
});
const file = (format: ExportFormat, path: string, scope: ExportScope = { layer: 'all' }, extra = {}) => {
  const found = exportFiles(format, input(scope, extra), STAMP).find((f) => f.path === path);
  if (!found) throw new Error(`${format} has no ${path}`);
  return found.content;
};
const jsonLines = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('an export of every layer keeps the layers apart and names each', () => {
  it('JSONL and doccano: one line per layer of the article, each naming its annotator', () => {
    const jsonl = jsonLines(file('jsonl', 'articles.jsonl'));
    expect(jsonl.map((l) => l.annotator)).toEqual(['alice', 'bob', 'gold']);
    for (const line of jsonl)
      expect((line.annotations as Annotation[]).every((a) => a.annotator === line.annotator)).toBe(true);
    const doccano = jsonLines(file('doccano', 'doccano.jsonl'));
    expect(doccano.map((l) => [l.annotator, l.label])).toEqual([
      [
        'alice',
        [
          [13, 66, 'claim'],
          [0, 6, 'speaker'],
        ],
      ],
      [
        'bob',
        [
          [14, 64, 'claim'],
          [67, 92, 'claim'],
          [67, 79, 'speaker'],
        ],
      ],
      ['gold', [[13, 66, 'claim']]],
    ]);
  });

  it('an article no layer touched is one line with no annotator, for its text', () => {
    const empty = { annotations: [], relations: [], documentLabels: [] };
    const lines = jsonLines(
      exportFiles('jsonl', { ...input({ layer: 'all' }), articles: [{ article, layer: empty }] }, STAMP)[0]!.content,
    );
    expect(lines.map((l) => [l.annotator, l.annotations])).toEqual([[null, []]]);
  });

  it('Label Studio: one task, one annotation per layer with completed_by', () => {
    const [task] = JSON.parse(file('label-studio', 'label-studio-tasks.json')) as {
      annotations: { completed_by: string; result: { id?: string; type: string }[] }[];
    }[];
    expect(task!.annotations.map((a) => a.completed_by)).toEqual(['alice', 'bob', 'gold']);
    expect(task!.annotations[1]!.result.filter((r) => r.type === 'labels').map((r) => r.id)).toEqual([
      'bob-claim',
      'bob-claim2',
      'bob-speaker',
    ]);
  });

  it('CSV and FEVER: an annotator on every record', () => {
    const rows = file('csv', 'annotations.csv').trimEnd().split('\r\n');
    const header = rows[0]!.split(',');
    const annotatorColumn = header.indexOf('annotator');
    expect(rows.slice(1).map((r) => r.split(',')[annotatorColumn])).toEqual([
      'alice',
      'alice',
      'bob',
      'bob',
      'bob',
      'gold',
    ]);
    expect(jsonLines(file('fever', 'fever.jsonl')).map((l) => [l.annotator, l.verdict, l.label])).toEqual([
      ['alice', 'true', 'SUPPORTS'],
      ['bob', 'false', 'REFUTES'],
      ['gold', 'mostly true', 'SUPPORTS'],
    ]);
  });

  it('CoNLL: one folder per annotator, so overlapping spans of two layers are each tagged', () => {
    const files = exportFiles('conll', input({ layer: 'all' }), STAMP).map((f) => f.path);
    expect(files).toEqual([
      'alice/iob2.conll',
      'alice/iob2-report.txt',
      'bob/iob2.conll',
      'bob/iob2-report.txt',
      'gold/iob2.conll',
      'gold/iob2-report.txt',
    ]);
    expect(file('conll', 'alice/iob2.conll')).toContain('"\tB-claim\nIran\tI-claim');
    expect(file('conll', 'bob/iob2.conll')).toContain('"\tO\nIran\tB-claim');
    // Within one layer, an overlap is still reported and left out.
    expect(file('conll', 'bob/iob2-report.txt')).toBe(
      'a1 67–79 speaker "The ministry": overlaps a span already tagged; left out\n',
    );
    expect(file('conll', 'alice/iob2-report.txt')).toBe(
      'Every span starts and ends on a token boundary; none overlap.\n',
    );
    // One layer in scope: one file, as before.
    expect(
      exportFiles(
        'conll',
        input({ layer: 'one', annotator: 'bob' }, { articles: [{ article, layer: bobOnly() }] }),
        STAMP,
      ).map((f) => f.path),
    ).toEqual(['iob2.conll', 'iob2-report.txt']);
  });

  it('W3C: each annotation and each link names its annotator as creator; links are linking annotations', () => {
    const items = JSON.parse(file('w3c', 'annotations.jsonld')).first.items as {
      id: string;
      motivation: string;
      creator: { name: string };
    }[];
    expect(items.map((i) => i.creator.name)).toEqual([
      'alice',
      'alice',
      'bob',
      'bob',
      'bob',
      'gold',
      'alice',
      'bob',
      'gold',
    ]);
    const links = items.filter((i) => i.motivation === 'linking');
    expect(links[0]).toEqual({
      type: 'Annotation',
      id: 'urn:factmark:relation:al-said',
      motivation: 'linking',
      body: { type: 'TextualBody', purpose: 'tagging', value: 'said-by' },
      target: ['urn:factmark:annotation:al-claim', 'urn:factmark:annotation:al-speaker'],
      creator: { id: 'urn:factmark:annotator:alice', type: 'Person', name: 'alice' },
    });
    // A link to an entity targets the entity's IRI (its Wikidata item here).
    expect(links[2]!).toMatchObject({
      target: ['urn:factmark:annotation:gold-claim', 'http://www.wikidata.org/entity/Q5906014'],
    });
  });

  it('layer folders stay distinct and safe whatever the names', () => {
    expect([...layerFolders(['a/b', 'a_b', '..', 'A_B']).values()]).toEqual(['a_b', 'a_b-2', '_..', 'A_B-3']);
  });
});

function bobOnly(): ArticleLayer {
  return {
    annotations: layer.annotations.filter((a) => a.annotator === 'bob'),
    relations: layer.relations.filter((r) => r.annotator === 'bob'),
    documentLabels: [],
  };
}

describe('CSV says who said each claim', () => {
  it('said_by: the speaker spans’ quotes; said_by_entity: the entities they link to', () => {
    const rows = file('csv', 'annotations.csv').trimEnd().split('\r\n');
    const header = rows[0]!.split(',');
    const cells = (id: string) => {
      const row = rows.find((r) => r.includes(`,${id},`))!;
      // No cell of these rows holds a comma except the quoted claim: split after it.
      const values = row.replace(/"(?:[^"]|"")*"/g, 'Q').split(',');
      return Object.fromEntries(header.map((h, i) => [h, values[i]]));
    };
    expect(cells('al-claim')).toMatchObject({ said_by: 'Dehqan', said_by_entity: 'Hossein Dehqan' });
    expect(cells('bob-claim2')).toMatchObject({ said_by: 'The ministry', said_by_entity: 'Ministry of Defence' });
    // Linked straight to an entity: no speaker span to quote.
    expect(cells('gold-claim')).toMatchObject({ said_by: '', said_by_entity: 'Hossein Dehqan' });
    expect(cells('bob-claim')).toMatchObject({ said_by: '', said_by_entity: '' });
  });
});

describe('unset values stay unset in every format', () => {
  const alice = () => ({
    annotations: layer.annotations.filter((a) => a.annotator === 'alice'),
    relations: [],
    documentLabels: [],
  });
  const one = (format: ExportFormat) =>
    exportFiles(
      format,
      input({ layer: 'one', annotator: 'alice' }, { articles: [{ article, layer: alice() }] }),
      STAMP,
    );

  it('JSON null in the bundle and JSONL; no choices item in Label Studio, no body in W3C; an empty CSV cell', () => {
    const bundle = JSON.parse(one('bundle')[0]!.content);
    expect(bundle.articles[0].annotations[0].attributes).toEqual({
      verdict: 'true',
      checkWorthy: null,
      claimType: null,
    });
    const line = JSON.parse(one('jsonl')[0]!.content);
    expect(line.annotations[0].attributes).toEqual({ verdict: 'true', checkWorthy: null, claimType: null });
    const [task] = JSON.parse(one('label-studio')[0]!.content);
    expect(task.annotations[0].result.map((r: { from_name: string }) => r.from_name)).toEqual([
      'label',
      'claim.verdict',
      'label',
    ]);
    const w3c = JSON.parse(one('w3c')[0]!.content);
    expect(w3c.first.items[0].body.map((b: { value: string }) => b.value)).toEqual(['claim', 'verdict=true']);
    const csv = one('csv')[0]!.content.split('\r\n');
    const header = csv[0]!.split(',');
    const row = csv[1]!.replace(/"(?:[^"]|"")*"/g, 'Q').split(',');
    expect([row[header.indexOf('checkWorthy')], row[header.indexOf('claimType')]]).toEqual(['', '']);
    for (const format of ['jsonl', 'label-studio', 'w3c', 'csv', 'fever'] as const)
      expect(one(format)[0]!.content, format).not.toMatch(/false/);
    expect(JSON.parse(one('fever')[0]!.content).check_worthy).toBeNull();
  });
});

describe('FEVER', () => {
  it('leaves out claims whose verdict is unset or unverified, and opinions; keeps the verdict beside the label', () => {
    const claims = ['true', 'mostly false', 'mixed', 'unverifiable', 'unverified', 'opinion', null, 'toString'].map(
      (verdict, i) => span('alice', `c${i}`, 'claim', CLAIM, { attributes: { verdict } }),
    );
    const lines = jsonLines(
      exportFiles(
        'fever',
        {
          ...input({ layer: 'one', annotator: 'alice' }),
          articles: [{ article, layer: { annotations: claims, relations: [], documentLabels: [] } }],
        },
        STAMP,
      )[0]!.content,
    );
    expect(lines.map((l) => [l.verdict, l.label, l.verifiable])).toEqual([
      ['true', 'SUPPORTS', 'VERIFIABLE'],
      ['mostly false', 'REFUTES', 'VERIFIABLE'],
      ['mixed', 'NOT ENOUGH INFO', 'NOT VERIFIABLE'],
      ['unverifiable', 'NOT ENOUGH INFO', 'NOT VERIFIABLE'],
    ]);
  });
});

describe('ClaimReview', () => {
  const reviews = (scope: ExportScope, extra: Partial<ExportInput> = {}) =>
    JSON.parse(file('claimreview', 'claimreview.jsonld', scope, extra)) as Record<string, unknown>[];

  it('the reviewing organisation is the author; the speaker’s entity is the claim’s author, with its type', () => {
    const [review] = reviews(
      { layer: 'gold' },
      {
        articles: [
          { article, layer: { ...layer, annotations: layer.annotations.filter((a) => a.annotator === 'gold') } },
        ],
        reviewingOrganisation: 'Example Fact Check',
      },
    );
    expect(review).toMatchObject({
      author: { '@type': 'Organization', name: 'Example Fact Check' },
      contributor: { '@type': 'Person', name: 'lead' },
      // The day of the decision, not of the export.
      datePublished: '2026-03-04',
      reviewRating: { alternateName: 'mostly true' },
      itemReviewed: {
        author: { '@type': 'Person', name: 'Hossein Dehqan', sameAs: 'https://www.wikidata.org/wiki/Q5906014' },
        appearance: { url: 'https://news.example/mou' },
      },
    });
  });

  it('without a reviewing organisation there is no author; an organisation speaks as an Organization', () => {
    const all = reviews({ layer: 'all' });
    expect(all.every((r) => !('author' in r))).toBe(true);
    const bobs = all.filter((r) => (r.contributor as { name: string }).name === 'bob');
    // bob's claim with a verdict has no speaker: the Claim has no author; his unverified one is no review.
    expect(bobs).toHaveLength(1);
    expect(bobs[0]!.itemReviewed as object).not.toHaveProperty('author');
    const speaking = {
      ...layer,
      relations: [
        ...layer.relations,
        saidBy('bob', 'bob-said2', 'bob-claim', { kind: 'annotation', id: 'bob-speaker' }),
      ],
    };
    const [bob] = (
      JSON.parse(
        exportFiles('claimreview', { ...input({ layer: 'all' }), articles: [{ article, layer: speaking }] }, STAMP)[0]!
          .content,
      ) as Record<string, { author?: unknown }>[]
    ).filter((r) => r.identifier === ('bob-claim' as unknown));
    expect(bob!.itemReviewed!.author).toEqual({ '@type': 'Organization', name: 'Ministry of Defence' });
    // Not gold: the date of the claim's last change.
    expect(all.find((r) => r.identifier === 'al-claim')!.datePublished).toBe('2026-03-01');
  });
});
