import { describe, expect, it } from 'vitest';
import { resolveAttributes } from '../../annotations/attributes';
import type { Change } from '../../annotations/changes';
import { invert, sameJson } from '../../annotations/changes';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import { validateTagset } from '../../annotations/tagset';

const withKinds = (patch: (kinds: typeof DEFAULT_TAGSET.kinds) => unknown[]) => ({
  ...DEFAULT_TAGSET,
  kinds: patch(DEFAULT_TAGSET.kinds),
});

describe('tagset validation', () => {
  it('accepts the default tagset', () => {
    expect(validateTagset(DEFAULT_TAGSET)).toEqual(DEFAULT_TAGSET);
  });

  it('lists every problem of an invalid tagset in one error', () => {
    const bad = {
      ...DEFAULT_TAGSET,
      kinds: [
        ...DEFAULT_TAGSET.kinds.map((k) => (k.kind === 'event' ? { ...k, hotkey: '1' } : k)),
        { ...DEFAULT_TAGSET.kinds[0]!, label: 'Claim again' },
      ],
      relations: [...DEFAULT_TAGSET.relations, { type: 'cites', label: 'cites', from: ['source'], to: ['claim'] }],
    };
    expect(() => validateTagset(bad)).toThrow(
      /kind "claim" is defined twice.*hotkey "1" is used by more than one kind.*starts from unknown kind "source"/,
    );
  });

  it('refuses bad colours, hotkeys and defaults that are not options', () => {
    expect(() => validateTagset(withKinds((k) => [{ ...k[0]!, color: 'orange' }]))).toThrow(/must be a colour/);
    expect(() => validateTagset(withKinds((k) => [{ ...k[0]!, hotkey: 'F1' }]))).toThrow(
      /one digit or lower-case letter/,
    );
    const verdictDefault = withKinds((k) => [
      { ...k[0]!, attributes: [{ name: 'verdict', label: 'Verdict', type: 'choice', options: ['a'], default: 'b' }] },
    ]);
    expect(() => validateTagset({ ...verdictDefault, relations: [] })).toThrow(/default "b" is not one of its options/);
  });
});

describe('attributes', () => {
  it('leaves values unset, merges a patch over saved values, and refuses what the tagset does not allow', () => {
    expect(resolveAttributes(DEFAULT_TAGSET, 'claim', {})).toEqual({
      verdict: null,
      checkWorthy: null,
      claimType: null,
    });
    expect(
      resolveAttributes(
        DEFAULT_TAGSET,
        'claim',
        { verdict: 'false' },
        { verdict: 'true', checkWorthy: true, claimType: 'promise' },
      ),
    ).toEqual({
      verdict: 'false',
      checkWorthy: true,
      claimType: 'promise',
    });
    expect(() => resolveAttributes(DEFAULT_TAGSET, 'rumour', {})).toThrow(/Unknown annotation kind "rumour"/);
    expect(() => resolveAttributes(DEFAULT_TAGSET, 'claim', { colour: 'red' })).toThrow(/no attribute "colour"/);
    expect(() => resolveAttributes(DEFAULT_TAGSET, 'claim', { checkWorthy: 'yes' })).toThrow(/true or false/);
    expect(() => resolveAttributes(DEFAULT_TAGSET, 'speaker', { name: 'x' })).toThrow(/it has none/);
  });
});

describe('change sets', () => {
  const a: Change = { type: 'guidelines', before: 'one', after: 'two' };
  const b: Change = { type: 'guidelines', before: 'two', after: 'three' };

  it('invert reverses the order and swaps before and after', () => {
    expect(invert({ label: 'x', changes: [a, b] })).toEqual({
      label: 'x',
      changes: [
        { type: 'guidelines', before: 'three', after: 'two' },
        { type: 'guidelines', before: 'two', after: 'one' },
      ],
    });
  });

  it('compares JSON structurally, whatever the key order', () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: [] }, { a: {} })).toBe(false);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson('1', 1)).toBe(false);
  });
});
