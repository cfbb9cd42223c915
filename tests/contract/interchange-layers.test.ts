import { afterEach, describe, expect, it } from 'vitest';
import type { ImportFileArg, TestStore } from '../support/interchange-store';
import { emptyStore, fileOf, layerShape } from '../support/interchange-store';

/**
 * Two annotators' files of the same text, with the same local ids ("1",
 * "2"), in Label Studio, doccano and W3C: imported in either order, and
 * again, both layers stay whole; a colleague's newer file changes their
 * layer only.
 */

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.dispose();
});

const TEXT = 'Minister Dehqan said Iran and Iraq signed a memorandum in Tehran.';
const CLAIM = 'Iran and Iraq signed a memorandum in Tehran';
const at = (q: string) => ({ start: TEXT.indexOf(q), end: TEXT.indexOf(q) + q.length });
const cp = (q: string) => ({
  start: Array.from(TEXT.slice(0, at(q).start)).length,
  end: Array.from(TEXT.slice(0, at(q).end)).length,
});

interface Work {
  who: string;
  speaker: string;
  verdict: string;
  /** Also tags Tehran as a place. */
  place?: boolean;
}
const ALICE: Work = { who: 'alice', speaker: 'Dehqan', verdict: 'false' };
const BOB: Work = { who: 'bob', speaker: 'Minister Dehqan', verdict: 'true' };

function labelStudio({ who, speaker, verdict, place }: Work): ImportFileArg[] {
  const region = (id: string, q: string, label: string) => ({
    id,
    from_name: 'label',
    to_name: 'text',
    type: 'labels',
    origin: 'manual',
    value: { ...at(q), text: q, labels: [label] },
  });
  const task = {
    id: 1,
    data: { text: TEXT },
    annotations: [
      {
        id: 1,
        completed_by: who,
        result: [
          region('1', speaker, 'speaker'),
          region('2', CLAIM, 'claim'),
          {
            id: '2',
            from_name: 'claim.verdict',
            to_name: 'text',
            type: 'choices',
            value: { ...at(CLAIM), text: CLAIM, choices: [verdict] },
          },
          { from_id: '2', to_id: '1', type: 'relation', direction: 'right', labels: ['said-by'] },
          ...(place ? [region('3', 'Tehran', 'place')] : []),
        ],
        was_cancelled: false,
        lead_time: 12.5,
      },
    ],
    predictions: [],
  };
  return [fileOf(`${who}/tasks.json`, JSON.stringify([task]))];
}

function doccano({ who, speaker }: Work): ImportFileArg[] {
  const line = {
    id: 1,
    text: TEXT,
    entities: [
      { id: 1, label: 'speaker', start_offset: at(speaker).start, end_offset: at(speaker).end },
      { id: 2, label: 'claim', start_offset: at(CLAIM).start, end_offset: at(CLAIM).end },
    ],
    relations: [{ id: 1, from_id: 2, to_id: 1, type: 'said-by' }],
    annotator: who,
  };
  return [fileOf(`${who}.jsonl`, `${JSON.stringify(line)}\n`)];
}

function w3c({ who, speaker, verdict }: Work): ImportFileArg[] {
  const target = (q: string) => ({
    source: 'http://example.org/story.txt',
    selector: [
      { type: 'TextQuoteSelector', exact: q },
      { type: 'TextPositionSelector', ...cp(q) },
    ],
  });
  const items = [
    {
      id: '1',
      type: 'Annotation',
      creator: { name: who },
      body: { purpose: 'tagging', value: 'speaker' },
      target: target(speaker),
    },
    {
      id: '2',
      type: 'Annotation',
      creator: { name: who },
      body: [
        { purpose: 'tagging', value: 'claim' },
        { purpose: 'classifying', value: `verdict=${verdict}` },
      ],
      target: target(CLAIM),
    },
    {
      id: '3',
      type: 'Annotation',
      motivation: 'linking',
      creator: { name: who },
      body: { purpose: 'tagging', value: 'said-by' },
      target: ['2', '1'],
    },
  ];
  return [fileOf(`${who}.jsonld`, JSON.stringify(items)), fileOf('story.txt', TEXT)];
}

const FORMATS = [
  ['label-studio', labelStudio, true],
  ['doccano', doccano, false],
  ['w3c', w3c, true],
] as const;

const expected = ({ speaker, verdict }: Work, values: boolean) => ({
  spans: [
    { kind: 'speaker', ...at(speaker), quote: speaker, attributes: {}, note: '' },
    {
      kind: 'claim',
      ...at(CLAIM),
      quote: CLAIM,
      attributes: { verdict: values ? verdict : null, checkWorthy: null, claimType: null },
      note: '',
    },
  ].sort((x, y) => x.start - y.start),
  links: [`said-by: claim ${at(CLAIM).start}–${at(CLAIM).end} → speaker ${at(speaker).start}–${at(speaker).end}`],
});

describe.each(FORMATS)('%s: two annotators’ files of one text', (format, filesOf, values) => {
  async function importInOrder(works: Work[]) {
    const s = await emptyStore('carol');
    stores.push(s);
    for (const work of works) {
      const report = await s.importFiles({ format, files: filesOf(work) });
      expect(report.files.flatMap((f) => f.skipped)).toEqual([]);
    }
    const articles = await s.articles();
    expect(articles).toHaveLength(1);
    return { s, articleId: articles[0]!.id };
  }

  for (const order of [
    [ALICE, BOB],
    [BOB, ALICE],
  ])
    it(`imported ${order.map((w) => w.who).join(' then ')}: both layers whole`, async () => {
      const { s, articleId } = await importInOrder(order);
      const layer = await s.layer(articleId);
      expect(layerShape(layer, 'alice')).toEqual(expected(ALICE, values));
      expect(layerShape(layer, 'bob')).toEqual(expected(BOB, values));
      expect(layer.annotations).toHaveLength(4);
      expect(layer.relations).toHaveLength(2);
    });

  it('the same file again changes nothing; a newer file of bob’s changes bob’s layer only', async () => {
    const { s, articleId } = await importInOrder([ALICE, BOB]);
    const before = await s.layer(articleId);
    const again = await s.importFiles({ format, files: filesOf(ALICE) });
    expect(again.files[0]?.layers).toEqual([{ annotator: 'alice', added: 0, removed: 0, changed: 0 }]);
    expect(await s.layer(articleId)).toEqual(before);
    const newer = { ...BOB, verdict: 'mostly true' };
    const report = await s.importFiles({ format, files: filesOf(newer) });
    expect(report.files[0]?.layers).toEqual([{ annotator: 'bob', added: 0, removed: 0, changed: values ? 1 : 0 }]);
    const after = await s.layer(articleId);
    expect(layerShape(after, 'alice')).toEqual(layerShape(before, 'alice'));
    expect(layerShape(after, 'bob')).toEqual(expected(newer, values));
  });
});

describe('an import adds to the user’s own layer, never changes it', () => {
  it('the user’s own claim keeps its verdict when a file of theirs says otherwise; what is new is added', async () => {
    const s = await emptyStore('alice');
    stores.push(s);
    await s.importFiles({ format: 'label-studio', files: labelStudio(ALICE) });
    const articleId = (await s.articles())[0]!.id;
    const before = await s.layer(articleId);
    const changed = labelStudio({ ...ALICE, verdict: 'mostly true', place: true });
    const report = await s.importFiles({ format: 'label-studio', files: changed });
    expect(report.files[0]?.imported).toContain(
      '1 annotations already in your own layer kept as they are: an import only adds to them',
    );
    const after = await s.layer(articleId);
    expect(after.annotations.filter((a) => a.kind === 'claim').map((a) => a.attributes.verdict)).toEqual(['false']);
    expect(after.annotations.slice(0, 2)).toEqual(before.annotations);
    expect(after.annotations.slice(2).map((a) => [a.kind, a.quote])).toEqual([['place', 'Tehran']]);
    expect(report.files[0]?.layers).toEqual([{ annotator: 'alice', added: 1, removed: 0, changed: 0 }]);
  });
});

describe('a colleague’s file in a format that carries less never wipes what it cannot say', () => {
  it('bob’s doccano file after his Label Studio file keeps his verdicts and notes; his spans stay one each', async () => {
    const s = await emptyStore('carol');
    stores.push(s);
    await s.importFiles({ format: 'label-studio', files: labelStudio(BOB) });
    const articleId = (await s.articles())[0]!.id;
    const before = await s.layer(articleId);
    const report = await s.importFiles({ format: 'doccano', files: doccano(BOB) });
    expect(report.files[0]?.layers).toEqual([{ annotator: 'bob', added: 0, removed: 0, changed: 0 }]);
    expect(await s.layer(articleId)).toEqual(before);
    expect(layerShape(before, 'bob')).toEqual(expected(BOB, true));
  });
});

describe('another tool’s annotations never go straight into gold', () => {
  const GOLD_WORK: Work = { who: 'gold', speaker: 'Dehqan', verdict: 'false' };

  it.each(FORMATS)('%s: a file naming the gold layer is refused and changes no byte', async (format, filesOf) => {
    const s = await emptyStore('carol');
    stores.push(s);
    const before = await s.hash();
    const report = await s.importFiles({ format, files: filesOf(GOLD_WORK) });
    expect(report.files.flatMap((f) => f.skipped).join(' ')).toMatch(/gold layer holds adjudicated annotations only/);
    expect(await s.hash()).toEqual(before);
  });

  it('brat into the gold layer is refused before anything is read', async () => {
    const s = await emptyStore('carol');
    stores.push(s);
    const before = await s.hash();
    const envelope = await s.send('import/files', {
      format: 'brat',
      annotator: 'gold',
      files: [fileOf('a.txt', TEXT), fileOf('a.ann', `T1\tspeaker 9 15\tDehqan\n`)],
    });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(JSON.stringify(envelope)).toMatch(/gold layer holds adjudicated annotations only/);
    expect(await s.hash()).toEqual(before);
  });
});
