import type { Annotation, Entity, EventRecord, Relation } from '../../../annotations/model';

/** "your" for the session's own layer; otherwise the name with ’s ("alice’s", "James’s"). */
export function possessive(name: string, me: string): string {
  return name === me ? 'your' : `${name}’s`;
}

/** The label of a column's accept button: "Accept your version" or "Accept alice’s". */
export function acceptLabel(name: string, me: string): string {
  return name === me ? 'Accept your version' : `Accept ${possessive(name, me)}`;
}

/**
 * Where the adjudicator's edit starts: their own annotation in the group when
 * there is one, else the gold version already decided, else the first layer's.
 */
export function editBase(
  items: readonly Annotation[],
  gold: readonly Annotation[],
  me: string,
): Annotation | undefined {
  return items.find((a) => a.annotator === me) ?? gold[0] ?? items[0];
}

/** What a card needs to name a link's target. */
export interface LinkTargets {
  relations: readonly Relation[];
  annotations: readonly Annotation[];
  entities: readonly Entity[];
  events: readonly EventRecord[];
}

const UNKNOWN = '(deleted)';

/**
 * An annotation's links, each named by its target: the entity's name, the
 * event's title, or the quote of the annotation a relation points to (never a raw id).
 */
export function linkTexts(a: Annotation, targets: LinkTargets): string[] {
  const entityName = (id: string) => targets.entities.find((e) => e.id === id)?.name ?? UNKNOWN;
  const links: string[] = [];
  if (a.entityId) links.push(`entity: ${entityName(a.entityId)}`);
  if (a.eventId) links.push(`event: ${targets.events.find((e) => e.id === a.eventId)?.title ?? UNKNOWN}`);
  for (const r of targets.relations) {
    if (r.from !== a.id) continue;
    if (r.to.kind === 'entity') links.push(`${r.type} → ${entityName(r.to.id)}`);
    else {
      const quote = targets.annotations.find((x) => x.id === r.to.id)?.quote;
      links.push(`${r.type} → ${quote === undefined ? UNKNOWN : `“${quote}”`}`);
    }
  }
  return links;
}

/**
 * What is announced when the current difference moves (indexes from 0): after
 * a decision "Next difference: 3 of 12", or that the last one was decided.
 */
export function moveMessage(from: number, to: number, count: number, why: 'decided' | 'moved'): string {
  if (why === 'decided' && to === from) return `Decided the last difference (${to + 1} of ${count}).`;
  return `${why === 'decided' ? 'Next difference' : 'Difference'}: ${to + 1} of ${count}`;
}

/** What is announced after a click decides a difference (indexes from 0): the page stays on it. */
export function stayMessage(at: number, count: number): string {
  return `Decided difference ${at + 1} of ${count}; staying on it (j moves on).`;
}

/** What is announced when a decision made by key is refused (index from 0): the page goes back to that difference. */
export function backMessage(at: number, count: number): string {
  return `Difference ${at + 1} of ${count} was not decided; back to it.`;
}
