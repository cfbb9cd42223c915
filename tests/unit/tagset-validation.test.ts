import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import { FactmarkError } from '../../annotations/errors';
import type { Tagset } from '../../annotations/tagset';
import { findKind, findRelationType, validateTagset } from '../../annotations/tagset';

type Kind = Tagset['kinds'][number];

/** The message of the error validateTagset throws, after checking it is an invalid-argument FactmarkError. */
function problem(raw: unknown): string {
  try {
    validateTagset(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(FactmarkError);
    expect((error as FactmarkError).code).toBe('invalid-argument');
    return (error as Error).message;
  }
  throw new Error('the tagset was accepted');
}

const claim = DEFAULT_TAGSET.kinds[0]!;
const withKinds = (kinds: object[]) => ({ ...DEFAULT_TAGSET, kinds });
const editClaim = (patch: Partial<Kind> | Record<string, unknown>) =>
  withKinds(DEFAULT_TAGSET.kinds.map((k) => (k === claim ? { ...k, ...patch } : k)));
const minimal = (kinds: object[], rest: object = {}) => ({ name: 'Mini', kinds, ...rest });
const plainKind = { kind: 'claim', label: 'Claim', color: '#e8a317', hotkey: '1', attributes: [] };

describe('validateTagset', () => {
  it('accepts the default tagset unchanged', () => {
    expect(validateTagset(DEFAULT_TAGSET)).toEqual(DEFAULT_TAGSET);
    expect(validateTagset(structuredClone(DEFAULT_TAGSET))).toEqual(DEFAULT_TAGSET);
  });

  it('fills the optional parts: no links, no relations, no article labels, not required', () => {
    const tagset = validateTagset(
      minimal([
        {
          ...plainKind,
          attributes: [{ name: 'verdict', label: 'Verdict', type: 'choice', options: ['true'], default: null }],
        },
      ]),
    );
    expect(tagset.kinds[0]).toMatchObject({ linksEntity: false, linksEvent: false });
    expect(tagset.kinds[0]?.attributes[0]?.required).toBe(false);
    expect(tagset.relations).toEqual([]);
    expect(tagset.documentLabels).toEqual([]);
  });

  it("takes a real scheme's labels as ids, kinds without hotkeys, and more kinds than there are keys", () => {
    const names = ['PER', 'LOC', 'Located_in', 'Org-Aff', 'B.1', 'umls:C0011849', '_private'];
    const kinds = Array.from({ length: 45 }, (_, i) => ({
      kind: names[i] ?? `Type${i}`,
      label: `Type ${i}`,
      color: '#336699',
      hotkey: i < 3 ? String(i) : null,
      attributes: [{ name: 'Mention', label: 'Mention', type: 'choice', options: ['Name', 'Nominal'] }],
    }));
    const tagset = validateTagset(
      minimal(kinds, { relations: [{ type: 'Located_in', label: 'located in', from: ['PER'], to: ['LOC'] }] }),
    );
    expect(tagset.kinds).toHaveLength(45);
    expect(tagset.kinds.map((k) => k.kind).slice(0, names.length)).toEqual(names);
    expect(tagset.kinds[10]?.hotkey).toBeNull();
    // Left out, a default is unset; a relation is no equivalence.
    expect(tagset.kinds[0]?.attributes[0]).toMatchObject({ default: null, required: false });
    expect(tagset.relations[0]?.equivalence).toBe(false);
    expect(validateTagset(minimal([{ ...plainKind, hotkey: undefined }])).kinds[0]?.hotkey).toBeNull();
  });

  it('reserves the kind name "entity" for registry entities, and still refuses a hotkey used twice', () => {
    expect(problem(minimal([{ ...plainKind, kind: 'entity' }]))).toMatch(/kind "entity" is reserved/);
    expect(
      problem(
        minimal([plainKind, { ...plainKind, kind: 'other', hotkey: '1' }, { ...plainKind, kind: 'x', hotkey: null }]),
      ),
    ).toMatch(/hotkey "1" is used by more than one kind/);
    expect(() =>
      validateTagset(
        minimal([
          { ...plainKind, hotkey: null },
          { ...plainKind, kind: 'other', hotkey: null },
        ]),
      ),
    ).not.toThrow();
  });

  it('reports schema problems with their path', () => {
    expect(problem(editClaim({ color: 'orange' }))).toMatch(
      /^Invalid tagset: kinds\.0\.color: must be a colour like #e8a317$/,
    );
    expect(problem(editClaim({ hotkey: 'F1' }))).toMatch(/kinds\.0\.hotkey: must be one digit or lower-case letter/);
    expect(problem(editClaim({ kind: 'Claim kind' }))).toMatch(/kinds\.0\.kind: must start with a letter or "_"/);
    expect(problem(editClaim({ kind: '1st' }))).toMatch(/kinds\.0\.kind: must start with a letter or "_"/);
    expect(problem(editClaim({ kind: 'x'.repeat(65) }))).toMatch(/kinds\.0\.kind: .*at most 64/);
    expect(problem(editClaim({ label: '  ' }))).toMatch(/kinds\.0\.label: must not be empty/);
    expect(problem(withKinds([]))).toMatch(/kinds: needs at least one span kind/);
    expect(
      problem(
        minimal([
          { ...plainKind, attributes: [{ name: 'v', label: 'V', type: 'choice', options: [], default: null }] },
        ]),
      ),
    ).toMatch(/kinds\.0\.attributes\.0\.options: needs at least one option/);
    expect(
      problem(minimal([{ ...plainKind, attributes: [{ name: 'v', label: 'V', type: 'date', default: null }] }])),
    ).toMatch(/kinds\.0\.attributes\.0/);
    expect(problem('a tagset')).toMatch(/^Invalid tagset: tagset: /);
  });

  it('reports kinds, hotkeys, relations and attributes defined twice', () => {
    expect(problem(withKinds([...DEFAULT_TAGSET.kinds, { ...claim, hotkey: 'x' }]))).toBe(
      'Invalid tagset: kind "claim" is defined twice',
    );
    expect(problem(editClaim({ hotkey: '2' }))).toBe('Invalid tagset: hotkey "2" is used by more than one kind');
    expect(problem({ ...DEFAULT_TAGSET, relations: [...DEFAULT_TAGSET.relations, DEFAULT_TAGSET.relations[0]] })).toBe(
      'Invalid tagset: relation "said-by" is defined twice',
    );
    expect(problem(editClaim({ attributes: [...claim.attributes, claim.attributes[0]] }))).toBe(
      'Invalid tagset: claim: attribute "verdict" is defined twice',
    );
  });

  it('reports defaults that are not among the options, and repeated options', () => {
    const attribute = (def: object) => minimal([{ ...plainKind, attributes: [{ name: 'v', label: 'V', ...def }] }]);
    expect(problem(attribute({ type: 'choice', options: ['a'], default: 'b' }))).toBe(
      'Invalid tagset: claim.v: default "b" is not one of its options',
    );
    expect(problem(attribute({ type: 'multi-choice', options: ['a'], default: ['a', 'b', 'c'] }))).toBe(
      'Invalid tagset: claim.v: default "b", "c" not among its options',
    );
    expect(problem(attribute({ type: 'choice', options: ['a', 'b', 'a'], default: 'a' }))).toBe(
      'Invalid tagset: claim.v: options repeat a',
    );
    const label = { name: 'stance', label: 'Stance', type: 'choice', options: ['pro'], default: 'con' };
    expect(problem(minimal([plainKind], { documentLabels: [label] }))).toBe(
      'Invalid tagset: document label stance: default "con" is not one of its options',
    );
  });

  it('reports relations from or to unknown kinds; "entity" is a target, not a start', () => {
    const relations = (r: object) => ({ ...DEFAULT_TAGSET, relations: [...DEFAULT_TAGSET.relations, r] });
    expect(problem(relations({ type: 'cites', label: 'cites', from: ['source'], to: ['claim'] }))).toBe(
      'Invalid tagset: relation "cites" starts from unknown kind "source"',
    );
    expect(problem(relations({ type: 'cites', label: 'cites', from: ['claim'], to: ['source'] }))).toBe(
      'Invalid tagset: relation "cites" points to unknown kind "source"',
    );
    expect(problem(relations({ type: 'about', label: 'about', from: ['entity'], to: ['claim'] }))).toMatch(
      /starts from unknown kind "entity"/,
    );
    expect(
      validateTagset(relations({ type: 'about', label: 'about', from: ['claim'], to: ['entity'] })).relations,
    ).toHaveLength(6);
  });

  it('lists every problem in one message', () => {
    const bad = {
      ...DEFAULT_TAGSET,
      kinds: [
        ...DEFAULT_TAGSET.kinds.map((k) => (k.kind === 'event' ? { ...k, hotkey: '1' } : k)),
        { ...claim, hotkey: 'z' },
      ],
      relations: [...DEFAULT_TAGSET.relations, { type: 'cites', label: 'cites', from: ['claim'], to: ['source'] }],
    };
    expect(problem(bad)).toBe(
      'Invalid tagset: kind "claim" is defined twice; hotkey "1" is used by more than one kind; relation "cites" points to unknown kind "source"',
    );
  });
});

describe('findKind and findRelationType', () => {
  it('find definitions by name, or nothing', () => {
    expect(findKind(DEFAULT_TAGSET, 'speaker')?.label).toBe('Speaker');
    expect(findKind(DEFAULT_TAGSET, 'rumour')).toBeUndefined();
    expect(findRelationType(DEFAULT_TAGSET, 'said-by')).toMatchObject({ from: ['claim'], to: ['speaker'] });
    expect(findRelationType(DEFAULT_TAGSET, 'quoted-in')).toBeUndefined();
  });
});
