import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../../annotations/default-tagset';
import { growTagset } from '../../../annotations/imports/label-mapping';
import type { LabelUse } from '../../../annotations/imports/label-mapping';
import {
  choiceOf,
  choiceValue,
  conflictingLabels,
  labelOptions,
  labelRows,
  rowKey,
} from '../../../renderer/src/ImportDialog/label-choices';
import type { LabelChoice } from '../../../renderer/src/ImportDialog/label-choices';

const use = (label: string, role: LabelUse['role'] = 'span', count = 1): LabelUse => ({
  label,
  role,
  count,
  fate: 'new',
  becomes: label,
});

const tagset = growTagset(DEFAULT_TAGSET, { relations: [{ type: 'located-in', from: ['place'], to: ['place'] }] });

describe('the label step’s choices', () => {
  it('defaults: the tagset’s own name, else a loose match marked as suggested, else new; span labels first', () => {
    const rows = labelRows(
      [
        use('Located_in', 'relation', 2),
        use('person', 'span', 3),
        use('Person'),
        use('ORG-X'),
        use('said by', 'relation'),
      ],
      tagset,
    );
    expect(rows.map((r) => [r.label, r.role, r.count, r.choice, r.suggested])).toEqual([
      ['person', 'span', 3, { to: 'person' }, null],
      ['Person', 'span', 1, { to: 'person' }, 'person'],
      ['ORG-X', 'span', 1, 'new', null],
      ['Located_in', 'relation', 2, { to: 'located-in' }, 'located-in'],
      ['said by', 'relation', 1, { to: 'said-by' }, 'said-by'],
    ]);
  });

  it('keeps what the user chose over the default', () => {
    const chosen = new Map<string, LabelChoice>([
      [rowKey({ label: 'PER', role: 'span' }), { to: 'person' }],
      [rowKey({ label: 'person', role: 'span' }), 'drop'],
    ]);
    const rows = labelRows([use('PER'), use('person'), use('PER', 'relation')], tagset, chosen);
    expect(rows.map((r) => r.choice)).toEqual([{ to: 'person' }, 'drop', 'new']);
  });

  it('sends a map entry for each choice that is not the label itself, and extendTagset only when a label is new', () => {
    const rows = labelRows(
      [use('PER'), use('LOC'), use('MISC'), use('person'), use('Person')],
      tagset,
      new Map<string, LabelChoice>([
        [rowKey({ label: 'PER', role: 'span' }), { to: 'person' }],
        [rowKey({ label: 'LOC', role: 'span' }), { to: 'place' }],
        [rowKey({ label: 'MISC', role: 'span' }), 'drop'],
      ]),
    );
    expect(labelOptions(rows)).toEqual({ map: { PER: 'person', LOC: 'place', MISC: null, Person: 'person' } });
    const withNew = labelRows([use('GPE'), use('claim')], tagset);
    expect(labelOptions(withNew)).toEqual({ extendTagset: true });
    expect(labelOptions([])).toEqual({});
  });

  it('says when one label serves spans and links with different choices (a map names labels, not roles)', () => {
    const rows = labelRows(
      [use('place'), use('place', 'relation'), use('X'), use('X', 'relation')],
      tagset,
      new Map<string, LabelChoice>([[rowKey({ label: 'X', role: 'relation' }), 'drop']]),
    );
    expect(conflictingLabels(rows)).toEqual(['X']);
  });

  it('reads back the select’s values', () => {
    for (const choice of [{ to: 'person' }, 'new', 'drop'] as LabelChoice[])
      expect(choiceOf(choiceValue(choice))).toEqual(choice);
  });
});
