import { FactmarkError } from '../errors';
import type { RelationType, SpanKindDefinition, Tagset } from '../tagset';
import { validateTagset } from '../tagset';
import type { ElementDefinition } from './semantic-conflicts';
import type { TagsetElement } from './snapshot-problems';

const replaceOrAdd = <T>(list: readonly T[], item: T, same: (x: T) => boolean): T[] =>
  list.some(same) ? list.map((x) => (same(x) ? item : x)) : [...list, item];

/**
 * The tagset with `element` as `definition` has it: what keeping a tagset
 * element that the other side removed or changed means. A kind whose hotkey
 * another kind took meanwhile comes back without one; a relation type comes
 * back limited to the kinds that still exist.
 */
export function restoreElement(tagset: Tagset, element: TagsetElement, definition: ElementDefinition): Tagset {
  let next: Tagset;
  if (element.type === 'kind') {
    const kind = definition as SpanKindDefinition;
    const clash = tagset.kinds.some((k) => k.kind !== kind.kind && k.hotkey !== null && k.hotkey === kind.hotkey);
    const restored = clash ? { ...kind, hotkey: null } : kind;
    next = { ...tagset, kinds: replaceOrAdd(tagset.kinds, restored, (k) => k.kind === kind.kind) };
  } else if (element.type === 'relation') {
    const type = definition as RelationType;
    const kinds = new Set(tagset.kinds.map((k) => k.kind));
    const restored = {
      ...type,
      from: type.from.filter((k) => kinds.has(k)),
      to: type.to.filter((k) => k === 'entity' || kinds.has(k)),
    };
    if (restored.from.length === 0 || restored.to.length === 0)
      throw new FactmarkError('conflict', `Cannot keep relation "${type.type}": the kinds it joins were removed`);
    next = { ...tagset, relations: replaceOrAdd(tagset.relations, restored, (r) => r.type === type.type) };
  } else {
    next = { ...tagset, documentLabels: definition as Tagset['documentLabels'] };
  }
  try {
    return validateTagset(next);
  } catch (error) {
    throw new FactmarkError('conflict', `Cannot keep ${element.type} "${element.name}": ${(error as Error).message}`);
  }
}
