import { describe, expect, it } from 'vitest';
import { requireKind, resolveAttributes } from '../../annotations/attributes';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import { FactmarkError } from '../../annotations/errors';
import { validateTagset } from '../../annotations/tagset';

/** The FactmarkError `fn` throws. */
function refusal(fn: () => unknown): FactmarkError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FactmarkError);
    return error as FactmarkError;
  }
  throw new Error('expected a FactmarkError, but nothing was thrown');
}

/** A small tagset with one attribute of every type, for the types the default tagset lacks. */
const NOTES_TAGSET = validateTagset({
  name: 'Every type',
  kinds: [
    {
      kind: 'note',
      label: 'Note',
      color: '#123456',
      hotkey: 'n',
      attributes: [
        { name: 'comment', label: 'Comment', type: 'text', default: '' },
        { name: 'topics', label: 'Topics', type: 'multi-choice', options: ['war', 'trade'], default: [] },
        { name: 'score', label: 'Score', type: 'number', default: null },
        { name: 'source', label: 'Source', type: 'choice', options: ['tv', 'web'], default: null, required: true },
      ],
    },
  ],
});

describe('resolveAttributes with the default tagset', () => {
  it('leaves every attribute of a claim unset when nothing is given: the default tagset suggests no value', () => {
    expect(resolveAttributes(DEFAULT_TAGSET, 'claim', {})).toEqual({
      verdict: null,
      checkWorthy: null,
      claimType: null,
    });
  });

  it('fills attributes with the defaults a tagset sets', () => {
    const tagset = validateTagset({
      ...DEFAULT_TAGSET,
      kinds: DEFAULT_TAGSET.kinds.map((k) =>
        k.kind === 'claim'
          ? {
              ...k,
              attributes: k.attributes.map((a) =>
                a.name === 'verdict'
                  ? { ...a, default: 'unverified' }
                  : a.type === 'boolean'
                    ? { ...a, default: false }
                    : a,
              ),
            }
          : k,
      ),
    });
    expect(resolveAttributes(tagset, 'claim', {})).toEqual({
      verdict: 'unverified',
      checkWorthy: false,
      claimType: null,
    });
  });

  it('gives a kind without attributes an empty record', () => {
    expect(resolveAttributes(DEFAULT_TAGSET, 'speaker', {})).toEqual({});
  });

  it('sets the attributes named in the patch and defaults the rest', () => {
    expect(resolveAttributes(DEFAULT_TAGSET, 'claim', { verdict: 'false', checkWorthy: true })).toEqual({
      verdict: 'false',
      checkWorthy: true,
      claimType: null,
    });
  });

  it('merges the patch over the base, keeping base values the patch does not name', () => {
    const base = { verdict: 'mixed', checkWorthy: true, claimType: 'opinion' };
    expect(resolveAttributes(DEFAULT_TAGSET, 'claim', { verdict: 'true' }, base)).toEqual({
      verdict: 'true',
      checkWorthy: true,
      claimType: 'opinion',
    });
    expect(base).toEqual({ verdict: 'mixed', checkWorthy: true, claimType: 'opinion' });
  });

  it('fills attributes missing from the base with their defaults', () => {
    expect(resolveAttributes(DEFAULT_TAGSET, 'claim', {}, { verdict: 'false' })).toEqual({
      verdict: 'false',
      checkWorthy: null,
      claimType: null,
    });
  });

  it('keeps a null saved in the base where null is allowed: unset stays unset', () => {
    const base = { verdict: null, checkWorthy: null, claimType: 'opinion' };
    expect(resolveAttributes(DEFAULT_TAGSET, 'claim', {}, base)).toEqual({
      verdict: null,
      checkWorthy: null,
      claimType: 'opinion',
    });
    expect(resolveAttributes(DEFAULT_TAGSET, 'claim', { claimType: 'factual' }, base).verdict).toBeNull();
  });

  it('refuses an unknown kind, listing the kinds the tagset has', () => {
    const error = refusal(() => resolveAttributes(DEFAULT_TAGSET, 'rumour', {}));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toContain('Unknown annotation kind "rumour"');
    expect(error.message).toContain('"claim", "speaker", "event"');
  });

  it('refuses an attribute the kind does not have instead of dropping it', () => {
    const error = refusal(() => resolveAttributes(DEFAULT_TAGSET, 'claim', { rating: 'high' }));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toContain('a claim has no attribute "rating"');
    expect(error.message).toContain('"verdict", "checkWorthy", "claimType"');
    expect(refusal(() => resolveAttributes(DEFAULT_TAGSET, 'speaker', { verdict: 'true' })).message).toContain(
      'it has none',
    );
  });

  it('refuses a choice that is not among the options, naming them', () => {
    const error = refusal(() => resolveAttributes(DEFAULT_TAGSET, 'claim', { verdict: 'fake news' }));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toMatch(/^Attribute "verdict" of a claim must be one of "unverified", "true"/);
    expect(error.message).toContain('got "fake news"');
    expect(refusal(() => resolveAttributes(DEFAULT_TAGSET, 'claim', { verdict: 3 })).message).toContain('got 3');
  });

  it('accepts null for a choice that is not required', () => {
    expect(resolveAttributes(DEFAULT_TAGSET, 'claim', { verdict: null }).verdict).toBeNull();
  });

  it('refuses a boolean given as anything but true, false or unset', () => {
    expect(resolveAttributes(DEFAULT_TAGSET, 'claim', { checkWorthy: null }).checkWorthy).toBeNull();
    for (const value of ['true', 'false', 1, 0, []]) {
      const error = refusal(() => resolveAttributes(DEFAULT_TAGSET, 'claim', { checkWorthy: value }));
      expect(error.code).toBe('invalid-argument');
      expect(error.message).toContain(
        `Attribute "checkWorthy" of a claim must be true or false; got ${JSON.stringify(value)}`,
      );
    }
  });

  it('checks the patch even when the base holds a valid value', () => {
    const base = { verdict: 'true', checkWorthy: false, claimType: 'factual' };
    expect(() => resolveAttributes(DEFAULT_TAGSET, 'claim', { claimType: 'gossip' }, base)).toThrow(/claimType/);
  });
});

describe('resolveAttributes with text, multi-choice, number and required attributes', () => {
  it('accepts values of the right types', () => {
    expect(
      resolveAttributes(NOTES_TAGSET, 'note', { comment: 'ok', topics: ['trade', 'war'], score: 2.5, source: 'tv' }),
    ).toEqual({ comment: 'ok', topics: ['trade', 'war'], score: 2.5, source: 'tv' });
  });

  it('refuses text given as another type', () => {
    for (const value of [42, true, ['a']]) {
      const error = refusal(() => resolveAttributes(NOTES_TAGSET, 'note', { comment: value, source: 'tv' }));
      expect(error.code).toBe('invalid-argument');
      expect(error.message).toContain(`Attribute "comment" of a note must be text; got ${JSON.stringify(value)}`);
    }
  });

  it('refuses a multi-choice that is not a list, holds an unknown option, or repeats one', () => {
    expect(() => resolveAttributes(NOTES_TAGSET, 'note', { topics: 'war' })).toThrow(/must be a list of options/);
    expect(() => resolveAttributes(NOTES_TAGSET, 'note', { topics: ['war', 'sport'] })).toThrow(
      /has "sport", which is not one of "war", "trade"/,
    );
    expect(() => resolveAttributes(NOTES_TAGSET, 'note', { topics: ['war', 'war'] })).toThrow(/lists an option twice/);
  });

  it('refuses a number that is not finite', () => {
    expect(() => resolveAttributes(NOTES_TAGSET, 'note', { score: '3' })).toThrow(/must be a number; got "3"/);
    expect(() => resolveAttributes(NOTES_TAGSET, 'note', { score: Number.NaN })).toThrow(/must be a number/);
    expect(resolveAttributes(NOTES_TAGSET, 'note', { score: null }).score).toBeNull();
  });

  it('keeps a saved null number, and defaults a saved null for a required choice', () => {
    const scored = validateTagset({
      ...NOTES_TAGSET,
      kinds: [
        {
          ...NOTES_TAGSET.kinds[0]!,
          attributes: NOTES_TAGSET.kinds[0]!.attributes.map((a) =>
            a.name === 'score' ? { ...a, default: 5 } : a.name === 'source' ? { ...a, default: 'web' } : a,
          ),
        },
      ],
    });
    const saved = resolveAttributes(scored, 'note', {}, { comment: 'x', topics: [], score: null, source: null });
    expect(saved).toEqual({ comment: 'x', topics: [], score: null, source: 'web' });
  });

  it('refuses an empty value for a required attribute', () => {
    for (const value of [null, '']) {
      expect(() => resolveAttributes(NOTES_TAGSET, 'note', { source: value })).toThrow(
        /Attribute "source" of a note is required/,
      );
    }
  });

  it('reads only own keys of the base, so "constructor" or "toString" take their defaults', () => {
    const inherited = validateTagset({
      name: 'Inherited names',
      kinds: [
        {
          kind: 'note',
          label: 'Note',
          color: '#123456',
          hotkey: 'n',
          attributes: [
            { name: 'constructor', label: 'Constructor', type: 'text', default: '' },
            { name: 'toString', label: 'To string', type: 'choice', options: ['a'], default: null },
          ],
        },
      ],
    });
    expect(resolveAttributes(inherited, 'note', {}, {})).toEqual({ constructor: '', toString: null });
    expect(resolveAttributes(inherited, 'note', { constructor: 'x' }, {})).toEqual({
      constructor: 'x',
      toString: null,
    });
  });
});

describe('requireKind', () => {
  it('returns the definition of a known kind', () => {
    const claim = requireKind(DEFAULT_TAGSET, 'claim');
    expect(claim.kind).toBe('claim');
    expect(claim.hotkey).toBe('1');
    expect(claim.attributes.map((a) => a.name)).toEqual(['verdict', 'checkWorthy', 'claimType']);
    expect(requireKind(DEFAULT_TAGSET, 'event').linksEvent).toBe(true);
  });

  it('refuses an unknown kind with invalid-argument, and is case-sensitive', () => {
    for (const kind of ['Claim', '', 'opinion']) {
      const error = refusal(() => requireKind(DEFAULT_TAGSET, kind));
      expect(error.code).toBe('invalid-argument');
      expect(error.message).toContain(`Unknown annotation kind "${kind}"`);
    }
  });
});
