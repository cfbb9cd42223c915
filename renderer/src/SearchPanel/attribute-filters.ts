import type { Args } from '../../../annotations/contract';
import type { SpanKindDefinition } from '../../../annotations/tagset';

type FilterValue = NonNullable<Args<'search/query'>['attribute']>['value'];

/** One value the search panel offers for an attribute, typed as the attribute is. */
export interface FilterOption {
  label: string;
  value: FilterValue;
}

/** A `kind.attribute` filter and the values it offers. */
export interface AttributeFilter {
  key: string;
  kind: string;
  name: string;
  label: string;
  options: FilterOption[];
}

const UNSET: FilterOption = { label: 'unset', value: null };

/**
 * The attribute filters a tagset offers: a choice (or multi-choice) its
 * options as the strings they are (an option "false" is the string), and
 * unset; a yes/no attribute yes, no and unset. Numbers and texts are not
 * offered.
 */
export function attributeFilters(kinds: readonly SpanKindDefinition[]): AttributeFilter[] {
  return kinds.flatMap((k) =>
    k.attributes.flatMap((a): AttributeFilter[] => {
      const base = { key: `${k.kind}.${a.name}`, kind: k.kind, name: a.name, label: `${k.label}: ${a.label}` };
      if (a.type === 'choice' || a.type === 'multi-choice')
        return [{ ...base, options: [...a.options.map((o) => ({ label: o, value: o })), UNSET] }];
      if (a.type === 'boolean')
        return [
          {
            ...base,
            options: [{ label: 'yes', value: true }, { label: 'no', value: false }, UNSET],
          },
        ];
      return [];
    }),
  );
}

/** The `search/query` attribute filter for the option chosen (by its index), or none. */
export function attributeQuery(
  filter: AttributeFilter | undefined,
  chosen: string,
): Args<'search/query'>['attribute'] | undefined {
  if (!filter || chosen === '') return undefined;
  const option = filter.options[Number(chosen)];
  return option ? { name: filter.name, value: option.value } : undefined;
}
