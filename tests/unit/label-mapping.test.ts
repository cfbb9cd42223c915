import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import { TagsetNameSchema } from '../../annotations/tagset';
import type { LabelRole } from '../../annotations/imports/label-mapping';
import {
  createLabelResolver,
  growTagset,
  LabelMapSchema,
  labelFor,
  tagsetNameFor,
} from '../../annotations/imports/label-mapping';

const SEED = Number(process.env.FACTMARK_FUZZ_SEED ?? 20261130);
const SCALE = Number(process.env.FACTMARK_FUZZ_SCALE ?? 1);

describe('the label resolver', () => {
  it('gives each label its fate and counts every use, in the order met', () => {
    const resolver = createLabelResolver(DEFAULT_TAGSET, {
      map: { PER: 'person', MISC: null, 'Said-By': 'said-by', GPE: 'place' },
    });
    const met: [string, LabelRole][] = [
      ['PER', 'span'],
      ['person', 'span'],
      ['PER', 'span'],
      ['MISC', 'span'],
      ['LOC', 'span'],
      ['Said-By', 'relation'],
      ['Located_in', 'relation'],
      ['LOC', 'span'],
      ['MISC', 'span'],
      ['MISC', 'span'],
    ];
    const resolved = met.map(([label, role]) => resolver.resolve(label, role));
    expect(resolved).toEqual([
      'person',
      'person',
      'person',
      null,
      undefined,
      'said-by',
      undefined,
      undefined,
      null,
      null,
    ]);
    expect(resolver.uses()).toEqual([
      { label: 'PER', role: 'span', count: 2, fate: 'mapped', becomes: 'person' },
      { label: 'person', role: 'span', count: 1, fate: 'known', becomes: 'person' },
      { label: 'MISC', role: 'span', count: 3, fate: 'dropped', becomes: null },
      { label: 'LOC', role: 'span', count: 2, fate: 'unknown', becomes: null },
      { label: 'Said-By', role: 'relation', count: 1, fate: 'mapped', becomes: 'said-by' },
      { label: 'Located_in', role: 'relation', count: 1, fate: 'unknown', becomes: null },
    ]);
    // GPE is in the map but the file never used it: not reported.
    expect(resolver.uses().map((u) => u.label)).not.toContain('GPE');
  });

  it('keeps a span label and a relation label of the same name apart', () => {
    const resolver = createLabelResolver(DEFAULT_TAGSET);
    expect(resolver.resolve('place', 'span')).toBe('place');
    expect(resolver.resolve('place', 'relation')).toBe('place');
    expect(resolver.resolve('speaker', 'relation')).toBeUndefined();
    expect(resolver.uses().map((u) => `${u.role}:${u.label}:${u.fate}`)).toEqual([
      'span:place:known',
      'relation:place:known',
      'relation:speaker:unknown',
    ]);
  });

  it('hands out copies: what it reported does not change as it counts on', () => {
    const resolver = createLabelResolver(DEFAULT_TAGSET);
    resolver.resolve('claim', 'span');
    const first = resolver.uses();
    first[0]!.count = 99;
    resolver.resolve('claim', 'span');
    expect(first[0]!.count).toBe(99);
    expect(resolver.uses()[0]!.count).toBe(2);
  });

  it('lists unknown labels with their counts in one refusal that points to the map and --extend-tagset', () => {
    const resolver = createLabelResolver(DEFAULT_TAGSET);
    expect(resolver.problems()).toEqual([]);
    for (const label of ['PER', 'PER', 'PER', 'ORG']) resolver.resolve(label, 'span');
    resolver.resolve('Located_in', 'relation');
    resolver.resolve('claim', 'span');
    expect(resolver.problems()).toEqual([
      'labels the tagset does not have: "PER" (3 spans), "ORG" (1 span), "Located_in" (1 link); map them to the tagset\'s (the import dialog\'s label step, or --map FILE) or add them to it (--extend-tagset)',
    ]);
  });

  it('refuses a map entry that names something the tagset lacks, unless the tagset may grow', () => {
    const strict = createLabelResolver(DEFAULT_TAGSET, { map: { PER: 'human', Rel: 'said-by' } });
    expect(strict.resolve('PER', 'span')).toBeUndefined();
    expect(strict.resolve('Rel', 'span')).toBeUndefined();
    expect(strict.uses().map((u) => u.fate)).toEqual(['unknown', 'unknown']);
    // Each badly mapped label is named once, for what is wrong with its entry, not again as merely unknown.
    expect(strict.problems()).toEqual([
      'the label map sends "PER" to "human", which is not a kind of the tagset',
      'the label map sends "Rel" to "said-by", which is not a kind of the tagset',
    ]);

    const growing = createLabelResolver(DEFAULT_TAGSET, { map: { PER: 'human' }, extendTagset: true });
    expect(growing.resolve('PER', 'span')).toBe('human');
    expect(growing.uses()).toEqual([{ label: 'PER', role: 'span', count: 1, fate: 'new', becomes: 'human' }]);
    expect(growing.problems()).toEqual([]);
  });

  it('with --extend-tagset makes new names of labels, and a name the tagset has is that one', () => {
    const tagset = growTagset(DEFAULT_TAGSET, { kinds: [{ kind: 'Los_Angeles' }] });
    const resolver = createLabelResolver(tagset, { extendTagset: true });
    expect(resolver.resolve('GPE', 'span')).toBe('GPE');
    expect(resolver.resolve('New York', 'span')).toBe('New_York');
    expect(resolver.resolve('Los Angeles', 'span')).toBe('Los_Angeles');
    expect(resolver.resolve('Org-Aff', 'relation')).toBe('Org-Aff');
    expect(resolver.uses().map((u) => u.fate)).toEqual(['new', 'new', 'mapped', 'new']);
    expect(resolver.problems()).toEqual([]);
  });

  it('never adds a kind called "entity" (the registry’s name): the label must be mapped', () => {
    const resolver = createLabelResolver(DEFAULT_TAGSET, { extendTagset: true, map: { Thing: 'entity' } });
    expect(resolver.resolve('entity', 'span')).toBeUndefined();
    expect(resolver.resolve('Thing', 'span')).toBeUndefined();
    expect(resolver.resolve('entity', 'relation')).toBe('entity');
    expect(resolver.problems()).toEqual([
      '"entity" cannot be added to the tagset as the kind "entity": that name is reserved for registry entities; map it to another kind',
      '"Thing" cannot be added to the tagset as the kind "entity": that name is reserved for registry entities; map it to another kind',
    ]);
    const mapped = createLabelResolver(DEFAULT_TAGSET, { extendTagset: true, map: { entity: 'organisation' } });
    expect(mapped.resolve('entity', 'span')).toBe('organisation');
    expect(mapped.problems()).toEqual([]);
  });

  it('counts every use and agrees with itself, whatever the labels, map and tagset growth (property)', () => {
    const label = fc.constantFrom('PER', 'person', 'place', 'LOC', 'said-by', 'Located in', 'entity', 'ünïcode', '42');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(label, fc.constantFrom<LabelRole>('span', 'relation')), { maxLength: 40 }),
        fc.dictionary(label, fc.option(fc.constantFrom('person', 'place', 'said-by', 'human'), { nil: null })),
        fc.boolean(),
        (uses, map, extendTagset) => {
          const resolver = createLabelResolver(DEFAULT_TAGSET, { map: LabelMapSchema.parse(map), extendTagset });
          const answers = uses.map(([l, role]) => ({ l, role, answer: resolver.resolve(l, role) }));
          const report = resolver.uses();
          expect(report.reduce((sum, u) => sum + u.count, 0)).toBe(uses.length);
          for (const { l, role, answer } of answers) {
            const use = report.find((u) => u.label === l && u.role === role)!;
            if (use.fate === 'unknown') expect(answer).toBeUndefined();
            else expect(answer).toBe(use.becomes);
            if (use.fate === 'dropped') expect(map[l]).toBeNull();
            if (use.fate === 'new') expect(extendTagset).toBe(true);
          }
          const unknown = report.some((u) => u.fate === 'unknown');
          expect(resolver.problems().length > 0).toBe(unknown);
        },
      ),
      { seed: SEED, numRuns: Math.round(200 * SCALE) },
    );
  });
});

describe('names and labels for what an import adds', () => {
  it('makes a tagset name of any label, and a display label of a name', () => {
    expect(tagsetNameFor('Located_in')).toBe('Located_in');
    expect(tagsetNameFor('New York')).toBe('New_York');
    expect(tagsetNameFor('Café')).toBe('Cafe');
    expect(tagsetNameFor('New  York ')).toBe('New_York_');
    // More than spaces and accents lost: a hash of the label tells such labels apart.
    expect(tagsetNameFor('2nd place')).toMatch(/^nd_place_[0-9a-f]{8}$/);
    expect(tagsetNameFor('北京')).toMatch(/^label_[0-9a-f]{8}$/);
    expect(tagsetNameFor('上海')).not.toBe(tagsetNameFor('北京'));
    expect(tagsetNameFor('Person/人')).not.toBe(tagsetNameFor('Person/物'));
    expect(tagsetNameFor('123')).toMatch(/^label_[0-9a-f]{8}$/);
    expect(tagsetNameFor('x '.repeat(100))).toHaveLength(64);
    for (const label of ['北京', '2nd place', 'a/b', '123', '-', 'x '.repeat(100), 'Ünï côdé'])
      expect(TagsetNameSchema.safeParse(tagsetNameFor(label)).success, label).toBe(true);
    expect(labelFor('Located_in')).toBe('Located in');
    expect(labelFor('___')).toBe('___');
  });
});

describe('growTagset', () => {
  it('adds kinds with no hotkey and a colour of their own, leaving the tagset it was given alone', () => {
    const before = JSON.stringify(DEFAULT_TAGSET);
    const grown = growTagset(DEFAULT_TAGSET, { kinds: [{ kind: 'GPE' }, { kind: 'Located_in', color: '#123456' }] });
    expect(JSON.stringify(DEFAULT_TAGSET)).toBe(before);
    const gpe = grown.kinds.find((k) => k.kind === 'GPE')!;
    expect(gpe).toMatchObject({ label: 'GPE', hotkey: null, linksEntity: false, linksEvent: false, attributes: [] });
    expect(gpe.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(grown.kinds.find((k) => k.kind === 'Located_in')).toMatchObject({ label: 'Located in', color: '#123456' });
    expect(grown.kinds.map((k) => k.hotkey).filter((h) => h !== null)).toEqual(
      DEFAULT_TAGSET.kinds.map((k) => k.hotkey).filter((h) => h !== null),
    );
    // Any number of kinds: more than there are hotkeys.
    const many = growTagset(DEFAULT_TAGSET, { kinds: Array.from({ length: 40 }, (_, i) => ({ kind: `K${i}` })) });
    expect(many.kinds).toHaveLength(DEFAULT_TAGSET.kinds.length + 40);
  });

  it('gives an existing kind the attributes it lacks, keeping those it has', () => {
    const grown = growTagset(DEFAULT_TAGSET, {
      kinds: [
        {
          kind: 'claim',
          attributes: [
            { name: 'verdict', label: 'Other verdict', type: 'text', default: null, required: false },
            { name: 'Negated', label: 'Negated', type: 'boolean', default: null, required: false },
          ],
        },
      ],
    });
    const claim = grown.kinds.find((k) => k.kind === 'claim')!;
    expect(claim.attributes.find((a) => a.name === 'verdict')!.type).toBe('choice');
    expect(claim.attributes.find((a) => a.name === 'Negated')).toMatchObject({ type: 'boolean', default: null });
    expect(grown.kinds).toHaveLength(DEFAULT_TAGSET.kinds.length);
  });

  it('merges the kinds a relation joins into an existing relation, and adds new relations', () => {
    const grown = growTagset(DEFAULT_TAGSET, {
      kinds: [{ kind: 'GPE' }],
      relations: [
        { type: 'place', from: ['event', 'claim'], to: ['GPE', 'place'] },
        { type: 'Located_in', from: ['GPE', 'GPE'], to: ['place'], equivalence: false },
        { type: 'Equiv', from: ['person'], to: ['person'], equivalence: true },
      ],
    });
    const place = grown.relations.find((r) => r.type === 'place')!;
    expect(place.from).toEqual(['event', 'claim']);
    expect(place.to).toEqual(['place', 'entity', 'GPE']);
    expect(grown.relations.find((r) => r.type === 'Located_in')).toEqual({
      type: 'Located_in',
      label: 'Located in',
      from: ['GPE'],
      to: ['place'],
      equivalence: false,
    });
    expect(grown.relations.find((r) => r.type === 'Equiv')!.equivalence).toBe(true);
  });

  it('refuses a result that is not a valid tagset, naming what is wrong', () => {
    expect(() =>
      growTagset(DEFAULT_TAGSET, { relations: [{ type: 'Located_in', from: ['GPE'], to: ['place'] }] }),
    ).toThrow('relation "Located_in" starts from unknown kind "GPE"');
    expect(() => growTagset(DEFAULT_TAGSET, { kinds: [{ kind: 'entity' }] })).toThrow('kind "entity" is reserved');
    expect(() => growTagset(DEFAULT_TAGSET, { kinds: [{ kind: 'Bad name' }] })).toThrow(/kinds\.\d+\.kind: must start/);
  });
});
