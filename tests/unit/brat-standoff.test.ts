import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import { serializeBratAnn } from '../../annotations/formats/brat-standoff-format';
import { parseBratAnn } from '../../annotations/formats/brat-standoff-layer';
import { parseBratStandoff, roleBase } from '../../annotations/formats/brat-standoff-parse';
import type { Annotation, Article, Relation } from '../../annotations/model';
import { validateTagset } from '../../annotations/tagset';
import { bratExportProblems } from '../support/brat-layers';

const STAMP = '2026-01-01T00:00:00.000Z';
const TEXT = 'Alice met Bob in Paris.\nThey signed\nthe deal on Monday, "true" said Alice.';
const TAGSET = validateTagset({
  ...DEFAULT_TAGSET,
  kinds: [
    ...DEFAULT_TAGSET.kinds.map((k) =>
      k.kind === 'claim'
        ? {
            ...k,
            attributes: [
              ...k.attributes,
              { name: 'truth', label: 'Truth', type: 'choice', options: ['true', 'false'] },
            ],
          }
        : k,
    ),
  ],
  relations: [
    ...DEFAULT_TAGSET.relations,
    { type: 'Alias', label: 'alias', from: ['person'], to: ['person'], equivalence: true },
    { type: 'about', label: 'about', from: ['event'], to: ['event', 'claim'] },
  ],
});
const read = (ann: string, text = TEXT) =>
  parseBratAnn(text, ann, {
    articleId: 'doc',
    annotator: 'bob',
    tagset: TAGSET,
    stamp: STAMP,
    entities: new Map([['ent1', 'Q90']]),
    eventIds: new Set(['ev1']),
  });
const ok = (ann: string) => {
  const result = read(ann);
  expect(result.errors).toEqual([]);
  return result.layer;
};
const byId = (layer: { annotations: Annotation[] }, brat: string) =>
  layer.annotations.find((a) => a.id === `doc.bob.${brat}`)!;

describe('brat .ann lines', () => {
  it('reads every line type, with its line number; a relation line may end with a tab', () => {
    const { records, errors } = parseBratStandoff(
      'T1\tperson 0 5;10 13\tAlice Bob\nR1\tsaid-by Arg1:T1 Arg2:T2\t\nE1\tevent:T3 agent:T1 about:E2\n*\tAlias T1 T4 T5\nM1\tcheckWorthy T2\nA2\tverdict T2 mostly_true\nN1\tReference T1 Wikidata:Q90\tAlice\n#1\tAnnotatorNotes R1\ta\tnote\n',
    );
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.line, r.kind])).toEqual([
      [1, 'T'],
      [2, 'R'],
      [3, 'E'],
      [4, '*'],
      [5, 'A'],
      [6, 'A'],
      [7, 'N'],
      [8, '#'],
    ]);
    expect(records[0]).toMatchObject({
      pieces: [
        [0, 5],
        [10, 13],
      ],
      text: 'Alice Bob',
    });
    expect(records[6]).toMatchObject({ db: 'Wikidata', dbId: 'Q90', name: 'Alice' });
    expect(records[7]).toMatchObject({ target: 'R1', text: 'a\tnote' });
  });

  it('refuses malformed lines and repeated ids by line', () => {
    expect(
      parseBratStandoff('T1\tperson 0 5\tAlice\nT1\tperson 0 5\tAlice\nR1\tsaid-by T1 T2\nE1\tevent T3\nQ1\tx\n')
        .errors,
    ).toEqual([
      'line 2: id T1 is used before, on line 1',
      'line 3: not a relation ("R1<tab>Type Arg1:T1 Arg2:T2")',
      'line 4: not an event ("E1<tab>Type:T1 Role:T2 Role:E3…")',
      'line 5: unknown line type "Q1"',
    ]);
  });

  it('strips a numbered role to its base only where the base is a known role', () => {
    const known = (names: string[]) => (name: string) => names.includes(name);
    expect(roleBase('Org-Arg2', known(['Org-Arg']))).toBe('Org-Arg');
    expect(roleBase('Arg2', known(['Arg2', 'Arg']))).toBe('Arg2');
    expect(roleBase('Theme12', known(['Theme1']))).toBe('Theme1');
    expect(roleBase('Theme2', known([]))).toBe('Theme2');
  });
});

describe('brat .ann into a layer', () => {
  it('keeps a discontinuous span’s fragments (never widened); joins pieces brat split at a line break', () => {
    const layer = ok('T1\tperson 0 5;10 13\tAlice Bob\nT2\tevent 29 35;36 44\tsigned the deal\n');
    expect(byId(layer, 'T1')).toMatchObject({
      start: 0,
      end: 13,
      quote: 'Alice met Bob',
      fragments: [
        { start: 0, end: 5 },
        { start: 10, end: 13 },
      ],
    });
    expect(byId(layer, 'T2')).toMatchObject({ start: 29, end: 44, quote: 'signed\nthe deal' });
    expect(byId(layer, 'T2').fragments).toBeUndefined();
    expect(read('T1\tperson 0 5;10 13\tAliceBob\n').errors).toEqual([
      'line 1: the text at 0 5;10 13 is "Alice Bob", not "AliceBob"',
    ]);
  });

  it('events: arguments that are events or come later, numbered roles, one trigger for two events', () => {
    const layer = ok(
      [
        'E2\tevent:T3 about:E1 agent:T1 agent2:T2',
        'T1\tperson 0 5\tAlice',
        'T2\tperson 10 13\tBob',
        'T3\tevent 6 9\tmet',
        'T4\tevent 29 35\tsigned',
        'E1\tevent:T4 agent:T1',
        'E3\tevent:T4 agent:T2',
        'A1\teventType E3 agreement_signing',
        '#1\tAnnotatorNotes E3\tthe second',
      ].join('\n'),
    );
    expect(layer.annotations.map((a) => `${a.id} ${a.quote} ${a.attributes.eventType} ${a.note}`)).toEqual([
      'doc.bob.T1 Alice undefined ',
      'doc.bob.T2 Bob undefined ',
      'doc.bob.T3 met null ',
      'doc.bob.T4 signed null ',
      'doc.bob.E3 signed agreement signing the second',
    ]);
    const links = (r: Relation) => `${r.type} ${r.from.slice(8)} ${r.to.id.slice(8)}`;
    expect(layer.relations.map(links)).toEqual([
      'about T3 T4',
      'agent T3 T1',
      'agent T3 T2',
      'agent T4 T1',
      'agent E3 T2',
    ]);
    expect(read('T1\tperson 0 5\tAlice\nE1\tperson:T1\nT2\tevent 6 9\tmet\nE2\tmeeting:T2\n').errors).toEqual([
      "line 2: E1's trigger is a person, which is not an event kind of the tagset",
      'line 4: E2 is a meeting, but its trigger T2 is a event',
    ]);
  });

  it('attributes: unset when not given, the choice "true" stays a string, yes/no read from presence or "true"/"false"', () => {
    const layer = ok(
      [
        'T1\tclaim 56 62\t"true"',
        'T2\tclaim 29 35;36 44\tsigned the deal',
        'A1\ttruth T1 true',
        'A2\tverdict T1 mostly_true',
        'A3\tcheckWorthy T1',
        'A4\tcheckWorthy T2 false',
      ].join('\n'),
    );
    expect(byId(layer, 'T1').attributes).toEqual({
      verdict: 'mostly true',
      checkWorthy: true,
      claimType: null,
      truth: 'true',
    });
    expect(byId(layer, 'T2').attributes).toEqual({ verdict: null, checkWorthy: false, claimType: null, truth: null });
    expect(
      read(
        'T1\tclaim 56 62\t"true"\nA1\tverdict T1 maybe\nA2\tcheckWorthy T1 yes\nA3\tverdict T1 true\nA4\tverdict T1 false\nA5\tmood T1 x\n',
      ).errors,
    ).toEqual([
      'line 2: "maybe" is not a value of verdict ("unverified", "true", "mostly true", "mixed", "mostly false", "false", "unverifiable", "opinion")',
      'line 3: "yes" is not a value of checkWorthy (yes/no: present, "true" or "false")',
      'line 5: a second value of verdict for T1',
      'line 6: a claim has no attribute "mood"; add it to the tagset, or import with --extend-tagset',
    ]);
  });

  it('notes join with line breaks, on spans and links; what cannot be held is left out by line, never in silence', () => {
    const result = read(
      [
        'T1\tclaim 29 35;36 44\tsigned the deal',
        'T2\tspeaker 68 73\tAlice',
        'R1\tsaid-by Arg1:T1 Arg2:T2',
        '#1\tAnnotatorNotes T1\tfirst',
        '#2\tAnnotatorNotes T1\tsecond',
        '#3\tAnnotatorNotes R1\ton the link',
        'A1\tverdict R1 true',
        '#4\tAnnotatorNotes A1\ton an attribute',
      ].join('\n'),
    );
    expect(result.errors).toEqual([]);
    expect(byId(result.layer, 'T1').note).toBe('first\nsecond');
    expect(result.layer.relations[0]?.note).toBe('on the link');
    expect(result.leftOut).toEqual([
      'line 7: attribute verdict of relation R1 left out (Factmark links carry no attributes)',
      'line 8: note #4 on A1 left out (Factmark keeps notes on annotations and links)',
    ]);
  });

  it('normalisations: Factmark ids, another database through the registry, the kind must link entities', () => {
    const layer = ok(
      'T1\tperson 0 5\tAlice\nN1\tReference T1 Wikidata:Q90\tAlice\nT2\tevent 6 9\tmet\nN2\tReference T2 FactmarkEvent:ev1\tA meeting\n',
    );
    expect([byId(layer, 'T1').entityId, byId(layer, 'T2').eventId]).toEqual(['ent1', 'ev1']);
    expect(
      read(
        'T1\tclaim 0 5\tAlice\nN1\tReference T1 Wikidata:Q90\tAlice\nT2\tperson 10 13\tBob\nN2\tReference T2 Factmark:nobody\tBob\n',
      ).errors,
    ).toEqual([
      'line 2: T1 is a claim, whose mentions do not link to entities; let claim link entities in the tagset, or import with --extend-tagset',
      'line 4: no entity "nobody" in this project',
    ]);
  });
});

describe('brat .ann written from a layer', () => {
  const article: Article = {
    id: 'doc',
    title: 'Doc',
    text: TEXT,
    source: 'test',
    addedAt: STAMP,
    contentHash: `sha256:${'0'.repeat(64)}`,
  };
  const span = (id: string, kind: string, start: number, end: number, extra: Partial<Annotation> = {}): Annotation => ({
    id,
    articleId: 'doc',
    annotator: 'alice',
    kind,
    start,
    end,
    quote: TEXT.slice(start, end),
    attributes: {},
    note: '',
    entityId: null,
    eventId: null,
    createdAt: STAMP,
    updatedAt: STAMP,
    ...extra,
  });
  const link = (id: string, type: string, from: string, to: string, note?: string): Relation => ({
    id,
    articleId: 'doc',
    annotator: 'alice',
    type,
    from,
    to: { kind: 'annotation', id: to },
    ...(note !== undefined ? { note } : {}),
    createdAt: STAMP,
  });

  it('writes fragments, numbered roles, event arguments by E id, equivalences, notes on links, and nothing for unset values', () => {
    const annotations = [
      span('a', 'person', 0, 13, {
        fragments: [
          { start: 0, end: 5 },
          { start: 10, end: 13 },
        ],
      }),
      span('b', 'person', 10, 13),
      span('c', 'event', 29, 44, { note: 'two\nlines' }),
      span('d', 'event', 6, 9),
      span('e', 'claim', 56, 62, {
        attributes: { verdict: null, checkWorthy: false, claimType: 'opinion', truth: 'true' },
      }),
      span('f', 'speaker', 68, 73),
      span('g', 'person', 68, 73),
    ];
    const relations = [
      link('r1', 'agent', 'c', 'a'),
      link('r2', 'agent', 'c', 'b'),
      link('r3', 'about', 'c', 'd'),
      link('r4', 'said-by', 'e', 'f', 'she said so'),
      link('r5', 'Alias', 'a', 'b'),
      link('r6', 'Alias', 'g', 'b'),
      link('r7', 'agent', 'd', 'a', 'unsure'),
    ];
    const style = { valuedBooleans: new Set(['checkWorthy']), tokens: new Map(), relationLines: new Set<string>() };
    const ann = serializeBratAnn(article, { annotations, relations, documentLabels: [] }, TAGSET, {
      entities: [],
      style,
    });
    expect(ann).toBe(
      [
        'T1\tperson 0 5;10 13\tAlice Bob',
        'T2\tperson 10 13\tBob',
        'T3\tevent 29 35;36 44\tsigned the deal',
        'T4\tevent 6 9\tmet',
        'T5\tclaim 56 62\t"true"',
        'T6\tspeaker 68 73\tAlice',
        'T7\tperson 68 73\tAlice',
        'E1\tevent:T3 agent:T1 agent2:T2 about:E2',
        'E2\tevent:T4',
        'R1\tsaid-by Arg1:T5 Arg2:T6',
        'R2\tagent Arg1:E2 Arg2:T1',
        '*\tAlias T1 T2 T7',
        'A1\tcheckWorthy T5 false',
        'A2\tclaimType T5 opinion',
        'A3\ttruth T5 true',
        '#1\tAnnotatorNotes E1\ttwo',
        '#2\tAnnotatorNotes E1\tlines',
        '#3\tAnnotatorNotes R1\tshe said so',
        '#4\tAnnotatorNotes R2\tunsure',
        '',
      ].join('\n'),
    );
    expect(style.relationLines).toEqual(new Set(['said-by', 'agent']));
  });
});

describe('the checked-in brat golden export', () => {
  it('is valid against its own annotation.conf', async () => {
    const dir = join(__dirname, '..', 'fixtures', 'golden', 'brat');
    const files = await Promise.all(
      (await readdir(dir)).map(async (path) => ({ path, content: await readFile(join(dir, path), 'utf8') })),
    );
    expect(files.filter((f) => f.path.endsWith('.ann'))).toHaveLength(2);
    expect(bratExportProblems(files)).toEqual([]);
  });
});
