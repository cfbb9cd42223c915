import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChangesSince, createSuggestionVersions } from '../../annotations/suggest/changes-since';
import type { Suggestion } from '../../annotations/suggest/recommender';

function suggestion(id: string, start: number, score = 0.9): Suggestion {
  return {
    id,
    recommender: 'gazetteer',
    kind: 'person',
    start,
    end: start + 5,
    quote: '',
    score,
    attributes: {},
    entityId: null,
    saidBy: null,
  };
}

/**
 * Lists of suggestions with unique ids drawn from a small pool (so that lists
 * share many), each id's content varying a little; in text order, as the
 * server gives them, or (`shuffled`) in any order.
 */
const list = (shuffled: boolean) =>
  fc
    .uniqueArray(fc.record({ n: fc.integer({ min: 0, max: 40 }), score: fc.constantFrom(0.5, 0.9) }), {
      selector: (s) => s.n,
      maxLength: 30,
    })
    .map((xs) => (shuffled ? xs : [...xs].sort((a, b) => a.n - b.n)))
    .map((xs) => xs.map(({ n, score }) => suggestion(`s${n}`, n * 10, score)));

describe('a list of suggestions as changes since one given earlier', () => {
  it('makes exactly the new list of the earlier one, keeping each unchanged suggestion as the same object', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(list(false), { minLength: 1, maxLength: 5 }), (shuffle, sorted) => {
        const lists = shuffle ? sorted.map((l) => [...l].reverse()) : sorted;
        const versions = createSuggestionVersions();
        let held = versions.changes('a1', lists[0]!, null);
        let shown = applyChangesSince([], held)!;
        expect(shown).toEqual(lists[0]);
        for (const next of lists.slice(1)) {
          const changes = versions.changes('a1', next, held.version);
          expect(changes.since).toBe(held.version);
          const made = applyChangesSince(shown, changes);
          expect(made).toEqual(next);
          // Only what changed is sent: every suggestion sent is new or different from the one of its id before.
          const before = new Map(shown.map((s) => [s.id, s]));
          for (const s of changes.came) if (before.has(s.id)) expect(before.get(s.id)).not.toEqual(s);
          expect(changes.gone.every((id) => before.has(id))).toBe(true);
          for (const s of made!) if (!changes.came.includes(s)) expect(before.get(s.id)).toBe(s);
          held = changes;
          shown = made!;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('makes exactly the new list also when suggestions change places', () => {
    fc.assert(
      fc.property(fc.array(list(true), { minLength: 2, maxLength: 5 }), (lists) => {
        const versions = createSuggestionVersions();
        let held = versions.changes('a1', lists[0]!, null);
        let shown = applyChangesSince([], held)!;
        for (const next of lists.slice(1)) {
          held = versions.changes('a1', next, held.version);
          shown = applyChangesSince(shown, held)!;
          expect(shown).toEqual(next);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is nothing when nothing changed: the same list', () => {
    const versions = createSuggestionVersions();
    const a = [suggestion('s1', 0), suggestion('s2', 10)];
    const first = versions.changes('a1', a, null);
    const shown = applyChangesSince([], first)!;
    const again = versions.changes(
      'a1',
      a.map((s) => ({ ...s })),
      first.version,
    );
    expect(again).toMatchObject({ since: first.version, gone: [], came: [], at: [] });
    expect(again.version).not.toBe(first.version);
    expect(applyChangesSince(shown, again)).toBe(shown);
  });

  it('is every suggestion for a version it does not know: another article’s, one from before a restart, one dropped for newer ones', () => {
    const a = [suggestion('s1', 0), suggestion('s2', 10)];
    const versions = createSuggestionVersions(2);
    const first = versions.changes('a1', a, null);
    expect(versions.changes('a2', a, first.version)).toMatchObject({ since: null, gone: [], came: a, at: [0, 1] });
    expect(createSuggestionVersions().changes('a1', a, first.version).since).toBeNull();
    // Two lists given since: the first is no longer kept.
    versions.changes('a1', a, null);
    expect(versions.changes('a1', a, first.version).since).toBeNull();
  });

  it('never takes a version from before a restart for one the new server gave, though both were its first lists', () => {
    const a = [suggestion('s1', 0), suggestion('s2', 10)];
    const b = [suggestion('s3', 20)];
    const before = createSuggestionVersions().changes('a1', a, null);
    const after = createSuggestionVersions();
    // The new server gives out as many lists as the old one had, of other suggestions.
    after.changes('a1', b, null);
    after.changes('a1', b, null);
    const asked = after.changes('a1', b, before.version);
    expect(asked.since).toBeNull();
    expect(applyChangesSince([], asked)).toEqual(b);
  });

  it('knows the version a page holds while another page asks, as long as it is among the last kept', () => {
    const a = [suggestion('s1', 0)];
    const versions = createSuggestionVersions(2);
    let mine = versions.changes('a1', a, null);
    for (const other of ['a2', 'a3']) {
      versions.changes(other, a, null);
      // The page asks after each change, so the version it holds is always one of the last two.
      const next = versions.changes('a1', a, mine.version);
      expect(next.since).toBe(mine.version);
      mine = next;
    }
  });

  it('refuses changes that do not fit the list held, so that the page asks for every suggestion', () => {
    const a = [suggestion('s1', 0), suggestion('s2', 10)];
    // A suggestion said gone that the list does not have.
    expect(applyChangesSince(a, { gone: ['s9'], came: [], at: [] })).toBeNull();
    // Places past the end of the new list, or fewer places than suggestions.
    expect(applyChangesSince(a, { gone: [], came: [suggestion('s3', 20)], at: [5] })).toBeNull();
    expect(applyChangesSince(a, { gone: [], came: [suggestion('s3', 20)], at: [] })).toBeNull();
    expect(applyChangesSince(a, { gone: ['s1'], came: [suggestion('s3', 20)], at: [1] })!.map((s) => s.id)).toEqual([
      's2',
      's3',
    ]);
  });
});
