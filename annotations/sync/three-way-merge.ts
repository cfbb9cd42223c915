import { FactmarkError } from '../errors';
import type { Tagset } from '../tagset';
import type { RecordConflict } from './record-merge';
import { mergeRecords } from './record-merge';
import { deleteWithRelations, withoutReference } from './references';
import type { SemanticConflict, Sides } from './semantic-conflicts';
import { settle } from './semantic-conflicts';
import type { ProjectSnapshot, SnapshotRecord } from './snapshot';
import { recordKey } from './snapshot';
import { checkScope } from './check-scope';
import { snapshotProblems } from './snapshot-problems';
import { restoreElement } from './tagset-restore';

export type MergeConflict = RecordConflict | SemanticConflict;

/**
 * What a conflict may be resolved with. Record conflicts: `ours`, `theirs`,
 * or `{ value }` (a record, or null to delete it). `tagset-use`: `keep` or
 * `drop`; `text-mismatch`: `drop`; `dangling`: `restore` or `drop`.
 */
export type ConflictChoice = 'ours' | 'theirs' | 'keep' | 'drop' | 'restore' | { value: SnapshotRecord | null };

/** What the merge works from: the three sides, and the records with every choice made so far. */
export interface MergeState {
  sides: Sides;
  resolved: ProjectSnapshot['records'];
  pending: RecordConflict[];
}

/**
 * A merge: `merged` is always a sound store (it validates), holding `ours` for
 * every record conflict, the restored target for every dangling reference,
 * and leaving out the records a tagset-use or text-mismatch conflict lists.
 * It is final once `conflicts` is empty.
 */
export interface MergeResult {
  merged: ProjectSnapshot;
  conflicts: MergeConflict[];
  state: MergeState;
}

function build(state: MergeState): MergeResult {
  const { records, conflicts } = settle(state.resolved, state.sides);
  const all: MergeConflict[] = [...state.pending, ...conflicts].sort((a, b) => (a.key < b.key ? -1 : 1));
  return { merged: { records }, conflicts: all, state };
}

/** Refuses a side with a problem; a side is checked where it differs from the (checked) base. */
function requireValid(snapshot: ProjectSnapshot, side: string, base?: ProjectSnapshot): void {
  const scope = base ? checkScope(base.records, snapshot.records) : null;
  const problems = snapshotProblems(snapshot, scope).map((p) => `${p.key}: ${p.message}`);
  if (problems.length > 0) {
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
    throw new FactmarkError(
      'invalid-argument',
      `The ${side} side cannot be merged: ${problems.slice(0, 3).join('; ')}${more}`,
    );
  }
}

/** Merges two replicas of a project that both started from `base`, record by record. */
export function mergeThreeWay(base: ProjectSnapshot, ours: ProjectSnapshot, theirs: ProjectSnapshot): MergeResult {
  requireValid(base, 'base');
  requireValid(ours, 'our', base);
  requireValid(theirs, 'their', base);
  const { records, conflicts } = mergeRecords(base, ours, theirs);
  return build({ sides: { base, ours, theirs }, resolved: records, pending: conflicts });
}

const refuse = (conflict: MergeConflict, choice: ConflictChoice): never => {
  throw new FactmarkError(
    'invalid-argument',
    `A ${conflict.type} conflict cannot be resolved with ${JSON.stringify(choice)}`,
  );
};

function chosenRecord(conflict: RecordConflict, choice: ConflictChoice): SnapshotRecord | null {
  if (choice === 'ours') return conflict.ours;
  if (choice === 'theirs') return conflict.theirs;
  if (typeof choice !== 'object' || choice === null || !('value' in choice)) return refuse(conflict, choice);
  const value = choice.value;
  if (value === null) return null;
  const problem = snapshotProblems({ records: { [conflict.key]: value } }).find(
    (p) => p.type === 'schema' && p.key === conflict.key && !p.message.startsWith('the project has no'),
  );
  if (problem || recordKey(value) !== conflict.key)
    throw new FactmarkError(
      'invalid-argument',
      `The value chosen for ${conflict.key} is not a valid record of that key${problem ? `: ${problem.message}` : ''}`,
    );
  return value;
}

/**
 * Applies a choice to one conflict and merges again: every other conflict
 * stays, and the checks may find new ones (keeping a removed kind can orphan
 * records of the side that changed it). Refuses a choice that does not fit
 * the conflict, or a value that would not be a sound record.
 */
export function resolveConflict(result: MergeResult, conflictKey: string, choice: ConflictChoice): MergeResult {
  const conflict = result.conflicts.find((c) => c.key === conflictKey);
  if (!conflict) throw new FactmarkError('not-found', `No conflict "${conflictKey}" in this merge`);
  const resolved = { ...result.state.resolved };
  let pending = result.state.pending;
  if (conflict.type === 'record') {
    const value = chosenRecord(conflict, choice);
    if (value === null) delete resolved[conflict.key];
    else resolved[conflict.key] = value;
    pending = pending.filter((c) => c.key !== conflict.key);
  } else if (conflict.type === 'dangling') {
    if (choice === 'restore') resolved[conflict.target] = conflict.targetRecord;
    else if (choice === 'drop') {
      // A record that is there only as another conflict's restored target is kept, without this link.
      const without = withoutReference(resolved[conflict.record] ?? conflict.recordValue, conflict.ref);
      if (without) resolved[conflict.record] = without;
      else delete resolved[conflict.record];
    } else refuse(conflict, choice);
  } else if (choice === 'drop') {
    // What hangs on a dropped annotation goes with it, as when an annotator deletes one.
    deleteWithRelations(
      resolved,
      conflict.records.map((r) => r.key),
    );
  } else if (choice === 'keep' && conflict.type === 'tagset-use') {
    if (!conflict.definition)
      throw new FactmarkError(
        'conflict',
        `Cannot keep ${conflict.element.type} "${conflict.element.name}": no side defines it`,
      );
    const tagset = resolved.tagset!.value as Tagset;
    resolved.tagset = { type: 'tagset', value: restoreElement(tagset, conflict.element, conflict.definition) };
  } else refuse(conflict, choice);
  return build({ ...result.state, resolved, pending });
}
