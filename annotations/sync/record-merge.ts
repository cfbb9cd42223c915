import { sameJson } from '../changes';
import type { ProjectSnapshot, SnapshotRecord } from './snapshot';

/**
 * The same record changed differently on both sides, a deletion against a
 * change included (null: absent on that side). Until it is resolved the merge
 * holds `ours`.
 */
export interface RecordConflict {
  type: 'record';
  key: string;
  base: SnapshotRecord | null;
  ours: SnapshotRecord | null;
  theirs: SnapshotRecord | null;
}

/**
 * Merges record by record: a record changed (created, deleted) on one side
 * takes that side; changed alike on both takes it; changed differently is a
 * conflict. No field-level merge: a record is one person's judgement, and
 * half of each side's version is neither's. Articles are never deleted by a
 * merge (their text never changes, so one present on either side is kept).
 */
export function mergeRecords(
  base: ProjectSnapshot,
  ours: ProjectSnapshot,
  theirs: ProjectSnapshot,
): { records: ProjectSnapshot['records']; conflicts: RecordConflict[] } {
  const records: ProjectSnapshot['records'] = {};
  const conflicts: RecordConflict[] = [];
  const keys = new Set([...Object.keys(base.records), ...Object.keys(ours.records), ...Object.keys(theirs.records)]);
  for (const key of [...keys].sort()) {
    const b = base.records[key] ?? null;
    const o = ours.records[key] ?? null;
    const t = theirs.records[key] ?? null;
    let merged: SnapshotRecord | null;
    if (sameJson(o, t)) merged = o;
    else if ((o === null || t === null) && (o ?? t)!.type === 'article') merged = o ?? t;
    else if (sameJson(o, b)) merged = t;
    else if (sameJson(t, b)) merged = o;
    else {
      merged = o;
      conflicts.push({ type: 'record', key, base: b, ours: o, theirs: t });
    }
    if (merged !== null) records[key] = merged;
  }
  return { records, conflicts };
}
