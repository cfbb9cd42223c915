import type { Annotation, Decision, DocumentLabels, Entity, EventRecord, Rejection, Relation } from './model';
import type { Assignment, TeamMember } from './project';
import type { Tagset } from './tagset';

/**
 * One record's change: what it was and what it became (null: absent).
 * Undo applies the inverse; redo applies it again. Both check that the record
 * is still what the change expects, so an undo never overwrites later work.
 */
export type Change =
  | { type: 'annotation'; articleId: string; before: Annotation | null; after: Annotation | null }
  | { type: 'relation'; articleId: string; before: Relation | null; after: Relation | null }
  | { type: 'documentLabels'; articleId: string; before: DocumentLabels | null; after: DocumentLabels | null }
  | { type: 'decision'; articleId: string; before: Decision | null; after: Decision | null }
  /** A suggestion rejected (before null) or the rejection undone (after null); its identity is annotator and id. */
  | { type: 'rejection'; articleId: string; before: Rejection | null; after: Rejection | null }
  | { type: 'entity'; before: Entity | null; after: Entity | null }
  | { type: 'event'; before: EventRecord | null; after: EventRecord | null }
  | { type: 'tagset'; before: Tagset; after: Tagset }
  | { type: 'guidelines'; before: string; after: string }
  /** A team member added, removed, or given another role (the member's name is the record's identity). */
  | { type: 'member'; before: TeamMember | null; after: TeamMember | null }
  /** An article assigned (before null) or taken back (after null). */
  | { type: 'assignment'; before: Assignment | null; after: Assignment | null };

/** All the changes of one user action, with a label for the Undo menu. */
export interface ChangeSet {
  label: string;
  changes: Change[];
}

/** What every mutating operation returns: its value and the change set that undoes it. */
export interface Mutation<T> {
  value: T;
  changeSet: ChangeSet;
}

export function invert(changeSet: ChangeSet): ChangeSet {
  return {
    label: changeSet.label,
    changes: [...changeSet.changes].reverse().map((c) => ({ ...c, before: c.after, after: c.before }) as Change),
  };
}

/** Structural equality of JSON values, whatever the key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}
