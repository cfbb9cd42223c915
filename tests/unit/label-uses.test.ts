import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import type { LabelUse } from '../../annotations/imports/label-mapping';
import { closeMatch, combineLabelUses, describeLabelUse, labelMapSkeleton } from '../../annotations/imports/label-uses';

const use = (
  label: string,
  fate: LabelUse['fate'],
  becomes: string | null,
  count = 1,
  role: LabelUse['role'] = 'span',
) => ({ label, role, count, fate, becomes }) satisfies LabelUse;

describe('label uses', () => {
  it('reads as one line of a labels table', () => {
    expect(describeLabelUse(use('PER', 'mapped', 'person', 12))).toBe('PER → person (mapped, 12 spans)');
    expect(describeLabelUse(use('MISC', 'dropped', null, 3))).toBe('MISC dropped (3 spans)');
    expect(describeLabelUse(use('Located_in', 'new', 'Located_in', 4, 'relation'))).toBe(
      'Located_in → Located_in (new, 4 links)',
    );
    expect(describeLabelUse(use('claim', 'known', 'claim'))).toBe('claim → claim (known, 1 span)');
    expect(describeLabelUse(use('LOC', 'unknown', null, 1, 'relation'))).toBe('LOC unknown (1 link)');
  });

  it('adds up the labels of several files, once per label and role, in the order first met', () => {
    const combined = combineLabelUses([
      { labels: [use('PER', 'unknown', null, 2), use('LOC', 'unknown', null, 1)] },
      {},
      {
        labels: [
          use('LOC', 'unknown', null, 4),
          use('LOC', 'unknown', null, 1, 'relation'),
          use('PER', 'unknown', null, 1),
        ],
      },
    ]);
    expect(combined.map((u) => [u.label, u.role, u.count])).toEqual([
      ['PER', 'span', 3],
      ['LOC', 'span', 5],
      ['LOC', 'relation', 1],
    ]);
  });

  it('suggests the name equal but for case and separators', () => {
    const kinds = DEFAULT_TAGSET.kinds.map((k) => k.kind);
    expect(closeMatch('person', kinds)).toBe('person');
    expect(closeMatch('Person', kinds)).toBe('person');
    expect(closeMatch('ORGANISATION', kinds)).toBe('organisation');
    expect(closeMatch('Located_in', ['located-in', 'place'])).toBe('located-in');
    expect(closeMatch('said by', ['said-by'])).toBe('said-by');
    expect(closeMatch('PER', kinds)).toBeUndefined();
    expect(closeMatch('--', ['_'])).toBeUndefined();
  });

  it('makes a map to edit: the entries given, then each unknown label to its close match or null', () => {
    const skeleton = labelMapSkeleton(
      [
        use('PER', 'mapped', 'person', 3),
        use('Place', 'unknown', null, 2),
        use('MISC', 'unknown', null, 1),
        use('Said_By', 'unknown', null, 1, 'relation'),
        use('GPE', 'unknown', null, 1),
        use('claim', 'known', 'claim'),
      ],
      { PER: 'person', GPE: 'nowhere' },
      DEFAULT_TAGSET,
    );
    expect(skeleton).toEqual({ PER: 'person', GPE: 'nowhere', Place: 'place', MISC: null, Said_By: 'said-by' });
    expect(Object.keys(skeleton)).toEqual(['PER', 'GPE', 'Place', 'MISC', 'Said_By']);
  });
});
