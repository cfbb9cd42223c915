import { sameJson } from '../changes';
import { FactmarkError } from '../errors';
import type { AttributeDefinition, RelationType, SpanKindDefinition, Tagset } from '../tagset';
import { findKind, findRelationType } from '../tagset';
import type { Reference } from './references';
import type { RecordIndex } from './references';
import { indexRecords, withoutReference } from './references';
import type { ProjectSnapshot, SnapshotRecord } from './snapshot';
import type { SnapshotProblem, TagsetElement } from './snapshot-problems';
import { checkScope } from './check-scope';
import { snapshotProblems } from './snapshot-problems';

/** A record the merge could not keep as it is, with the reason. */
export interface OrphanRecord {
  key: string;
  record: SnapshotRecord;
  problem: string;
}

export type ElementDefinition = SpanKindDefinition | RelationType | AttributeDefinition[];

/**
 * Records made or changed on one side that the tagset of the other no longer
 * allows (a kind, an attribute option or a relation type removed there), and
 * the relations that hang on them. Until resolved the merge leaves them out,
 * listed here whole. Choices: `keep` puts the element back as the records'
 * side defines it; `drop` confirms their removal.
 */
export interface TagsetUseConflict {
  type: 'tagset-use';
  /** `tagset-use/kind/<kind>`, `tagset-use/relation/<type>` or `tagset-use/documentLabels`. */
  key: string;
  element: TagsetElement;
  /** The side the records come from, whose definition `keep` restores (null: neither defines it). */
  side: 'ours' | 'theirs';
  definition: ElementDefinition | null;
  records: OrphanRecord[];
}

/** Spans made against another text of the same article id (the article itself is a record conflict). Choice: `drop`. */
export interface TextMismatchConflict {
  type: 'text-mismatch';
  key: string;
  articleId: string;
  records: OrphanRecord[];
}

/**
 * A record pointing to a record deleted on the other side: a relation's end,
 * an annotation's entity or event record, an event's participant. Until
 * resolved the merge keeps the target (`restore`); `drop` removes the
 * reference instead (a relation goes whole, an annotation is unlinked, a
 * participant leaves the event).
 */
export interface DanglingConflict {
  type: 'dangling';
  key: string;
  record: string;
  /** The record as the merge holds it (it may itself be there only as another conflict's restored target). */
  recordValue: SnapshotRecord;
  ref: Reference;
  target: string;
  targetRecord: SnapshotRecord;
}

export type SemanticConflict = TagsetUseConflict | TextMismatchConflict | DanglingConflict;

export interface Sides {
  base: ProjectSnapshot;
  ours: ProjectSnapshot;
  theirs: ProjectSnapshot;
}

function elementDefinition(tagset: Tagset, element: TagsetElement): ElementDefinition | null {
  if (element.type === 'kind') return findKind(tagset, element.name) ?? null;
  if (element.type === 'relation') return findRelationType(tagset, element.name) ?? null;
  return tagset.documentLabels;
}

const orphanKey = (p: SnapshotProblem & { type: 'text' | 'tagset' }) =>
  p.type === 'text'
    ? `text-mismatch/${p.articleId}`
    : p.element.type === 'documentLabels'
      ? 'tagset-use/documentLabels'
      : `tagset-use/${p.element.type}/${p.element.name}`;

/**
 * Makes the record-level merge a sound store: restores what a surviving
 * record points to, and leaves out what the tagset or the text refuse, each
 * as a conflict. Deterministic: the same records give the same result.
 */
export function settle(
  resolved: ProjectSnapshot['records'],
  sides: Sides,
): { records: ProjectSnapshot['records']; conflicts: SemanticConflict[] } {
  const records = { ...resolved };
  const conflicts = new Map<string, SemanticConflict>();
  const droppedBy = new Map<string, TagsetUseConflict | TextMismatchConflict>();
  // Where a deleted target is found again: built on the first dangling reference only.
  let found: { s: ProjectSnapshot; index: RecordIndex }[] | undefined;
  const sources = () =>
    (found ??= [sides.theirs, sides.ours, sides.base].map((s) => ({ s, index: indexRecords(s.records) })));
  const drop = (conflict: TagsetUseConflict | TextMismatchConflict, key: string, problem: string) => {
    conflict.records.push({ key, record: records[key]!, problem });
    droppedBy.set(key, conflict);
    delete records[key];
  };
  // The base passed every check: the first round looks only where the merge differs from it.
  let scope = checkScope(sides.base.records, records);
  for (;;) {
    const problems = snapshotProblems({ records }, scope);
    scope = null;
    if (problems.length === 0) break;
    const schema = problems.find((p) => p.type === 'schema');
    if (schema) throw new FactmarkError('conflict', `The merge cannot be stored: ${schema.key}: ${schema.message}`);
    const dangling = problems.filter((p) => p.type === 'dangling');
    for (const p of dangling) {
      if (!records[p.key]) continue;
      const hit = sources()
        .map(({ s, index }) => [s, index.find(p.ref)] as const)
        .find(([, k]) => k !== undefined);
      const [source, target] = hit ?? [null, undefined];
      const dropper = target === undefined ? undefined : droppedBy.get(target);
      if (dropper) {
        const without = withoutReference(records[p.key]!, p.ref);
        if (without) records[p.key] = without;
        else drop(dropper, p.key, `goes with ${target}`);
      } else if (source && target) {
        records[target] = source.records[target]!;
        const key = `dangling/${p.key}/${p.ref.field}/${p.ref.id}`;
        conflicts.set(key, {
          type: 'dangling',
          key,
          record: p.key,
          recordValue: records[p.key]!,
          ref: p.ref,
          target,
          targetRecord: records[target],
        });
      } else throw new FactmarkError('invalid-argument', `The merge cannot be stored: ${p.key}: ${p.message}`);
    }
    if (dangling.length > 0) continue;
    // Annotations first: the relations on an orphan go with it, in its conflict.
    const orphans = problems.filter((p) => p.type === 'text' || p.type === 'tagset');
    const spans = orphans.filter((p) => records[p.key]?.type === 'annotation');
    for (const p of spans.length > 0 ? spans : orphans) {
      const key = orphanKey(p);
      let conflict = conflicts.get(key) as TagsetUseConflict | TextMismatchConflict | undefined;
      if (!conflict && p.type === 'text')
        conflict = { type: 'text-mismatch', key, articleId: p.articleId, records: [] };
      if (!conflict && p.type === 'tagset') {
        const side = sameJson(records[p.key], sides.theirs.records[p.key]) ? 'theirs' : 'ours';
        const tagset = sides[side].records.tagset!.value as Tagset;
        conflict = {
          type: 'tagset-use',
          key,
          element: p.element,
          side,
          definition: elementDefinition(tagset, p.element),
          records: [],
        };
      }
      conflicts.set(key, conflict!);
      drop(conflict!, p.key, p.message);
    }
  }
  return { records, conflicts: [...conflicts.values()].sort((a, b) => (a.key < b.key ? -1 : 1)) };
}
