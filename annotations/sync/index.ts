/** The three-way merge of project snapshots by record id, the core of team sync. */
export type { ConflictChoice, MergeConflict, MergeResult } from './three-way-merge';
export { mergeThreeWay, resolveConflict } from './three-way-merge';
export type { RecordConflict } from './record-merge';
export type { DanglingConflict, OrphanRecord, TagsetUseConflict, TextMismatchConflict } from './semantic-conflicts';
export type { ProjectSnapshot, SnapshotRecord, StoreContent } from './snapshot';
export { recordKey, snapshotFromStore, snapshotOf, storeFromSnapshot } from './snapshot';
export type { SnapshotProblem, TagsetElement } from './snapshot-problems';
export { snapshotProblems, validateSnapshot } from './snapshot-problems';
export { conflictSummary } from './conflict-summary';
