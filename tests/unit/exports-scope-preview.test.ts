import { describe, expect, it } from 'vitest';
import type { ReviewSummary } from '../../annotations/contract';
import { scopeOf, scopePreview } from '../../renderer/src/ExportDialog/scope-preview';
import { outOfScopeText } from '../../renderer/src/state/out-of-scope';

/** Three articles: alice and bob on the first (adjudicated), bob on the second, nobody on the third. */
const counts: ReviewSummary = {
  annotators: ['alice', 'bob'],
  articles: 3,
  adjudicated: 1,
  annotated: [
    { annotator: 'alice', articles: 1 },
    { annotator: 'bob', articles: 2 },
  ],
};
/** The first article alone. */
const first: ReviewSummary = { ...counts, articles: 1, annotated: [{ annotator: 'alice', articles: 1 }] };

describe('the Export dialog’s scope', () => {
  it('is nothing until chosen, and another layer needs its name', () => {
    expect(scopeOf(null, 'alice', '', false)).toBeNull();
    expect(scopeOf('other', 'alice', '', false)).toBeNull();
    expect(scopeOf('other', 'alice', 'bob', false)).toEqual({ layer: 'one', annotator: 'bob' });
    expect(scopeOf('mine', 'alice', 'bob', true)).toEqual({ layer: 'one', annotator: 'alice' });
    expect(scopeOf('gold', 'alice', '', true)).toEqual({ layer: 'gold', includeUnadjudicated: true });
    expect(scopeOf('gold', 'alice', '', false)).toEqual({ layer: 'gold' });
    expect(scopeOf('all', 'alice', '', false)).toEqual({ layer: 'all' });
  });

  it('says beforehand what it will leave out', () => {
    expect(scopePreview({ layer: 'gold' }, counts)).toBe(
      '1 of 3 articles are adjudicated; the other 2 are left out (not every difference is decided yet).',
    );
    expect(scopePreview({ layer: 'gold', includeUnadjudicated: true }, counts)).toBe(
      '2 of 3 articles are not adjudicated yet: their gold layer is written as it stands.',
    );
    expect(scopePreview({ layer: 'one', annotator: 'alice' }, counts)).toBe(
      'alice has annotated 1 of 3 articles; the other 2 are left out (nothing of theirs to export there).',
    );
    expect(scopePreview({ layer: 'gold' }, first)).toBeNull();
    expect(scopePreview({ layer: 'all' }, counts)).toBeNull();
    expect(scopePreview({ layer: 'one', annotator: 'carol' }, first)).toBe(
      'carol has annotated 0 of 1 articles; the other 1 are left out (nothing of theirs to export there).',
    );
    // Nothing to say before the counts come, or of no article.
    expect(scopePreview({ layer: 'gold' }, null)).toBeNull();
    expect(scopePreview({ layer: 'gold' }, { ...counts, articles: 0, adjudicated: 0, annotated: [] })).toBeNull();
  });

  it('the notice after an export names what was left out and why', () => {
    const out = (id: string) => ({ articleId: id, title: `T${id}`, reason: 'r' });
    expect(outOfScopeText([out('1'), out('2'), out('3'), out('4')], [], ['No reviewing organisation.'])).toBe(
      'Left out 4 article(s) not adjudicated yet (gold covers adjudicated articles only): “T1”, “T2”, “T3” and 1 more. No reviewing organisation.',
    );
    expect(outOfScopeText([], [out('1')], [])).toBe('Left out 1 article(s) with nothing in that layer: “T1”');
    expect(outOfScopeText([], [], [])).toBe('');
  });
});
