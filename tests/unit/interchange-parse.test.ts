import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import { parseDoccano } from '../../annotations/formats/doccano-parse';
import { cssColor, parseLabelStudioConfig } from '../../annotations/formats/label-studio-config';
import { parseLabelStudio } from '../../annotations/formats/label-studio-parse';
import { parseW3C, sourceNames, w3cItems } from '../../annotations/formats/w3c-parse';
import { valuesFromFile } from '../../annotations/imports/interchange-values';
import { findKind } from '../../annotations/tagset';
import { readValue } from '../../annotations/typed-values';
import { fixtureText } from '../support/interchange-store';

const claim = findKind(DEFAULT_TAGSET, 'claim')!.attributes;
const def = (name: string) => claim.find((d) => d.name === name)!;

describe('values are read by the attribute’s type, never guessed from their spelling', () => {
  it('a choice keeps "true" and "false" as the strings they are', () => {
    expect(readValue(def('verdict'), 'true')).toBe('true');
    expect(readValue(def('verdict'), ['false'])).toBe('false');
    expect(() => readValue(def('verdict'), true)).toThrow(/takes one of its options; got true/);
  });
  it('a yes/no attribute takes true/false and the words true, false, yes, no', () => {
    expect(['true', 'YES', ' no ', 'false', true, false].map((v) => readValue(def('checkWorthy'), v))).toEqual([
      true,
      true,
      false,
      false,
      true,
      false,
    ]);
    expect(() => readValue(def('checkWorthy'), 'maybe')).toThrow(/is yes or no/);
  });
  it('numbers from numbers or their digits; lists of one; null and [] are unset', () => {
    const n = { name: 'n', label: 'n', type: 'number', default: null, required: false } as const;
    expect([readValue(n, '3.5'), readValue(n, ['2']), readValue(n, []), readValue(n, null)]).toEqual([
      3.5,
      2,
      null,
      null,
    ]);
    expect(() => readValue(n, 'three')).toThrow(/takes a number/);
  });
  it('what a file does not give is unset, never the default; free texts are the note unless a text attribute has their name', () => {
    expect(valuesFromFile(claim, { verdict: ['false'] }, [{ name: 'note', text: 'check' }], 'a claim')).toEqual({
      attributes: { verdict: 'false', checkWorthy: null, claimType: null },
      note: ['check'],
    });
  });
});

describe('Label Studio', () => {
  it('reads the labelling config: text key, labels with colours, per-region controls, relations', async () => {
    const config = parseLabelStudioConfig(await fixtureText('label-studio/label_config.xml'));
    if (config instanceof Error) throw config;
    expect(config.textKey).toBe('text');
    expect(config.labels).toEqual([
      { value: 'PER', color: '#ff0000' },
      { value: 'ORG', color: '#22ff77' },
      { value: 'GPE', color: '#ffa500' },
      { value: 'CLAIM', color: '#ffa39e' },
    ]);
    expect(config.controls.get('verdict')).toEqual({
      name: 'verdict',
      type: 'choices',
      multiple: false,
      options: ['true', 'false', 'misleading'],
      forLabels: ['CLAIM'],
    });
    expect(config.relations).toEqual(['said_by']);
    expect(parseLabelStudioConfig('<tasks/>')).toBeInstanceOf(Error);
    expect([cssColor('#ABC'), cssColor('navy'), cssColor('hsl(0,0%,0%)')]).toEqual(['#aabbcc', '#000080', null]);
  });

  it('reads a full export: one document per annotation, completed_by as the layer, regions and their choices', async () => {
    const outcome = parseLabelStudio(
      JSON.parse(await fixtureText('label-studio/project-3-at-2026-03-02-10-20-5d1f0a2c.json')),
      null,
    );
    expect(outcome.errors).toEqual([]);
    expect(outcome.documents.map((d) => [d.where, d.annotator, d.spans.length, d.relations.length])).toEqual([
      ['task 1 (id 41), annotation 1', 'user-2', 5, 2],
      ['task 1 (id 41), annotation 2', 'bob@newsroom.example', 3, 1],
      ['task 2 (id 42), annotation 1', 'user-2', 3, 0],
    ]);
    const claim = outcome.documents[0]!.spans[2]!;
    expect([claim.label, claim.attributes]).toEqual(['CLAIM', { verdict: ['false'] }]);
    expect(outcome.notes).toEqual([
      "predictions of 1 task left out: they are a model's suggestions, not anyone's annotations",
    ]);
  });

  it('takes a single task, and says what is wrong with a task by its index and id', () => {
    const one = parseLabelStudio({ id: 5, data: { text: 'x' }, annotations: [] }, null);
    expect(one.documents).toHaveLength(1);
    const bad = parseLabelStudio([{ id: 9, data: { body: 'x' } }, 'nope'], null);
    expect(bad.errors).toEqual(['task 1 (id 9): needs data.text', expect.stringMatching(/^task 2: /)]);
    const keyed = parseLabelStudio([{ data: { body: 'Text here' } }], {
      textKey: 'body',
      labels: [],
      controls: new Map(),
      relations: [],
    });
    expect(keyed.documents[0]?.text).toBe('Text here');
  });
});

describe('doccano', () => {
  it('reads both shapes, and a line’s annotator', async () => {
    const seq = parseDoccano(await fixtureText('doccano/admin.jsonl'));
    expect(seq.documents.map((d) => d.spans.map((s) => [s.localId, s.label]))).toEqual([
      [
        ['l0', 'LOC'],
        ['l1', 'PER'],
      ],
      [['l0', 'LOC']],
    ]);
    const rel = parseDoccano(await fixtureText('doccano/relations-bob.jsonl'));
    expect(rel.documents[0]).toMatchObject({ annotator: 'bob', relations: [{ label: 'said_by', from: 'e2' }] });
    expect(parseDoccano('{"text": "x", "annotator": "  "}').errors).toEqual([
      'line 1: annotator names an annotator with an empty name',
    ]);
  });
});

describe('W3C', () => {
  it('names a source by its last segment, percent-decoded, with and without .txt; Factmark’s own by the article id', () => {
    expect(sourceNames('https://x.example/texts/news%202.txt?v=1#p')).toEqual(['news 2.txt', 'news 2']);
    expect(sourceNames('urn:factmark:article:abc')).toEqual(['abc', 'abc.txt']);
    expect(sourceNames('http://x.example/doc')).toEqual(['doc', 'doc.txt']);
  });

  it('converts code points to UTF-16 and keeps the file’s own offsets for messages', () => {
    const text = '👍🏽 Tehran';
    const items = w3cItems([
      {
        id: 'a1',
        body: { purpose: 'tagging', value: 'place' },
        target: { source: 'x.txt', selector: { type: 'TextPositionSelector', start: 3, end: 9 } },
      },
    ])!;
    const outcome = parseW3C(items, new Map([['x.txt', { text, articleId: null }]]));
    expect(outcome.errors).toEqual([]);
    const span = outcome.documents[0]!.spans[0]!;
    expect(span.pieces).toEqual([{ start: 5, end: 11 }]);
    expect(span.where).toBe('annotation 1 (a1), position 3–9');
  });

  it('refuses a negative end as it refuses a negative start', () => {
    const items = w3cItems([
      {
        id: 'a1',
        body: { purpose: 'tagging', value: 'place' },
        target: { source: 'x.txt', selector: { type: 'TextPositionSelector', start: 3, end: -61 } },
      },
    ])!;
    expect(parseW3C(items, new Map([['x.txt', { text: 'Tehran', articleId: null }]])).errors).toEqual([
      'annotation 1 (a1): position 3–-61: start and end must be whole numbers of code points, 0 or more',
    ]);
  });

  it('refuses a start past the end of the text with the file’s own offsets, whatever the end', () => {
    const text = '👍🏽 Tehran';
    for (const [start, end] of [
      [999999, 4],
      [10, 10],
      [3, 999999],
    ]) {
      const items = w3cItems([
        {
          id: 'a1',
          body: { purpose: 'tagging', value: 'place' },
          target: { source: 'x.txt', selector: { type: 'TextPositionSelector', start, end } },
        },
      ])!;
      const outcome = parseW3C(items, new Map([['x.txt', { text, articleId: null }]]));
      expect(outcome.errors).toEqual([
        `annotation 1 (a1): position ${start}–${end} is outside the text (9 code points long)`,
      ]);
    }
  });
});

describe('discontinuous spans as Factmark’s exports write them come back whole', () => {
  const text = 'Iran, said the minister, and Iraq agree.';
  const at = (q: string) => ({ start: text.indexOf(q), end: text.indexOf(q) + q.length });

  it('Label Studio: regions marked as pieces of one span (meta) join, their choices and links with them', () => {
    const region = (id: string, q: string, meta?: object) => ({
      id,
      from_name: 'label',
      to_name: 'text',
      type: 'labels',
      value: { ...at(q), text: q, labels: ['claim'] },
      ...(meta ? { meta } : {}),
    });
    const outcome = parseLabelStudio(
      [
        {
          data: { text },
          annotations: [
            {
              completed_by: 'alice',
              result: [
                region('c1', 'Iran', { factmark_span: 'c1', fragment: 1 }),
                region('c1~2', 'and Iraq agree', { factmark_span: 'c1', fragment: 2 }),
                { id: 'c1', from_name: 'claim.verdict', type: 'choices', value: { ...at('Iran'), choices: ['true'] } },
                region('s1', 'the minister'),
                { type: 'relation', from_id: 'c1~2', to_id: 's1', labels: ['said-by'] },
              ],
            },
          ],
        },
      ],
      null,
    );
    expect(outcome.errors).toEqual([]);
    const [claim, speaker] = outcome.documents[0]!.spans;
    expect(claim!.pieces).toEqual([at('Iran'), at('and Iraq agree')]);
    expect(claim!.attributes).toEqual({ verdict: ['true'] });
    expect(speaker!.localId).toBe('s1');
    expect(outcome.documents[0]!.relations[0]).toMatchObject({ from: 'c1', to: { span: 's1' } });
  });

  it('doccano: the entities a line’s discontinuous list names join into one span; a piece not there is an error', () => {
    const line = (fragments: [number, number][]) =>
      JSON.stringify({
        text,
        entities: [
          { id: 1, label: 'claim', start_offset: at('Iran').start, end_offset: at('Iran').end },
          { id: 2, label: 'claim', start_offset: at('and Iraq agree').start, end_offset: at('and Iraq agree').end },
          { id: 3, label: 'speaker', start_offset: at('the minister').start, end_offset: at('the minister').end },
        ],
        relations: [{ id: 1, from_id: 2, to_id: 3, type: 'said-by' }],
        discontinuous: [{ label: 'claim', fragments }],
      });
    const good = parseDoccano(
      line([
        [at('Iran').start, at('Iran').end],
        [at('and Iraq agree').start, at('and Iraq agree').end],
      ]),
    );
    expect(good.errors).toEqual([]);
    expect(good.documents[0]!.spans.map((s) => [s.localId, s.pieces])).toEqual([
      ['e1', [at('Iran'), at('and Iraq agree')]],
      ['e3', [at('the minister')]],
    ]);
    expect(good.documents[0]!.relations[0]).toMatchObject({ from: 'e1', to: { span: 'e3' } });
    expect(
      parseDoccano(
        line([
          [0, 4],
          [6, 9],
        ]),
      ).errors,
    ).toEqual(['line 1: discontinuous span 1 (claim) names a piece that is no claim entity of the line']);
  });
});
