import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../../annotations/default-tagset';
import { attributeFilters, attributeQuery } from '../../../renderer/src/SearchPanel/attribute-filters';

describe('the search panel’s attribute filter', () => {
  const filters = attributeFilters(DEFAULT_TAGSET.kinds);
  const verdict = filters.find((f) => f.key === 'claim.verdict')!;
  const checkWorthy = filters.find((f) => f.key === 'claim.checkWorthy')!;

  it('offers a choice’s options as the strings they are, and unset', () => {
    expect(verdict.options.find((o) => o.label === 'false')).toEqual({ label: 'false', value: 'false' });
    expect(verdict.options.at(-1)).toEqual({ label: 'unset', value: null });
  });

  it('offers a yes/no attribute yes, no and unset', () => {
    expect(checkWorthy.options).toEqual([
      { label: 'yes', value: true },
      { label: 'no', value: false },
      { label: 'unset', value: null },
    ]);
  });

  it('sends the value typed as the attribute is: "false" for the verdict, false for check-worthy', () => {
    const index = (f: typeof verdict, label: string) => String(f.options.findIndex((o) => o.label === label));
    expect(attributeQuery(verdict, index(verdict, 'false'))).toEqual({ name: 'verdict', value: 'false' });
    expect(attributeQuery(checkWorthy, index(checkWorthy, 'no'))).toEqual({ name: 'checkWorthy', value: false });
    expect(attributeQuery(checkWorthy, index(checkWorthy, 'unset'))).toEqual({ name: 'checkWorthy', value: null });
    expect(attributeQuery(verdict, '')).toBeUndefined();
  });
});
