import { attributeProblem, requireKind, resolveAttributes } from './attributes';
import type { Attributes } from './attributes';
import { FactmarkError } from './errors';
import type { Annotation, Relation } from './model';
import type { Tagset } from './tagset';
import { findKind, findRelationType } from './tagset-lookup';

/** An annotation given another kind, and what of it the new kind cannot keep. */
export interface Retyped {
  annotation: Annotation;
  /** Relations from or to it that the tagset does not allow for the new kind. */
  removedRelations: Relation[];
}

/**
 * Gives `current` the kind `kind`: values of attributes the new kind also has
 * (same name, value allowed) are kept, the others dropped; the entity and
 * event links stay only if the new kind links them; relations the tagset no
 * longer allows from or to it are removed.
 */
export function retype(tagset: Tagset, current: Annotation, kind: string, relations: readonly Relation[]): Retyped {
  const definition = requireKind(tagset, kind);
  const kept: Attributes = {};
  for (const def of definition.attributes) {
    const value = current.attributes[def.name];
    if (Object.hasOwn(current.attributes, def.name) && value !== undefined && attributeProblem(def, value) === null)
      kept[def.name] = value;
  }
  const annotation: Annotation = {
    ...current,
    kind,
    attributes: resolveAttributes(tagset, kind, kept),
    entityId: definition.linksEntity ? current.entityId : null,
    eventId: definition.linksEvent ? current.eventId : null,
  };
  const removedRelations = relations.filter((r) => {
    const type = findRelationType(tagset, r.type);
    if (r.from === current.id) return !type?.from.includes(kind);
    if (r.to.kind === 'annotation' && r.to.id === current.id) return !type?.to.includes(kind);
    return false;
  });
  return { annotation, removedRelations };
}

/**
 * Moves a span's ends to [start, end): a discontinuous span moves its first
 * piece's start and its last piece's end, and loses the pieces the move left
 * outside (one piece left: it is continuous). The quote follows the text.
 */
export function respan(text: string, current: Annotation, start: number, end: number): Annotation {
  if (end <= start)
    throw new FactmarkError('invalid-argument', `Span ${start}–${end} is empty or reversed: end must be after start`);
  const { fragments: pieces, ...rest } = current;
  const continuous = { ...rest, start, end, quote: text.slice(start, end) };
  const kept = (pieces ?? []).filter((p) => p.end > start && p.start < end);
  if (kept.length < 2) return continuous;
  const fragments = kept.map((p, i) => ({
    start: i === 0 ? start : p.start,
    end: i === kept.length - 1 ? end : p.end,
  }));
  return { ...continuous, fragments };
}

/** What a change of kind dropped, in words for the user: "verdict", "said-by link to “Dehqan”"… */
export function droppedByRetype(
  tagset: Tagset,
  before: Annotation,
  after: Annotation,
  removedRelations: readonly Relation[],
  quoteOf: (id: string) => string | undefined,
): string[] {
  const dropped: string[] = [];
  const was = findKind(tagset, before.kind);
  for (const [name, value] of Object.entries(before.attributes)) {
    const set = value !== null && value !== '' && !(Array.isArray(value) && value.length === 0);
    if (set && JSON.stringify(after.attributes[name]) !== JSON.stringify(value)) {
      const label = was?.attributes.find((a) => a.name === name)?.label ?? name;
      dropped.push(`${label} “${Array.isArray(value) ? value.join(', ') : String(value)}”`);
    }
  }
  if (before.entityId !== null && after.entityId === null) dropped.push('entity link');
  if (before.eventId !== null && after.eventId === null) dropped.push('event record link');
  for (const relation of removedRelations) {
    const label = findRelationType(tagset, relation.type)?.label ?? relation.type;
    const otherId =
      relation.from !== before.id ? relation.from : relation.to.kind === 'annotation' ? relation.to.id : null;
    const other = otherId === null ? undefined : quoteOf(otherId);
    dropped.push(other === undefined ? `${label} link` : `${label} link with “${other}”`);
  }
  return dropped;
}
