import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { sameJson } from '../../annotations/changes';
import type { ProjectSnapshot, SnapshotRecord } from '../../annotations/sync/snapshot';
import { validateSnapshot } from '../../annotations/sync/snapshot-problems';
import type { MergeConflict, MergeResult } from '../../annotations/sync/three-way-merge';
import { mergeThreeWay, resolveConflict } from '../../annotations/sync/three-way-merge';
import type { EditOp } from '../support/sync-edits';
import { ANNOTATORS, applyEdits, editArb } from '../support/sync-edits';
import { entity, eventRecord, projectSnapshot } from '../support/sync-snapshots';

/**
 * Replicas of one project edited apart and merged in every order: they
 * converge, no edit is lost but through a conflict that names it, and the
 * result is always a sound store.
 */

/** Seeded, so a failure repeats; FACTMARK_FUZZ_SEED and FACTMARK_FUZZ_SCALE (a factor on the runs) hunt further. */
const SEED = Number(process.env.FACTMARK_FUZZ_SEED ?? 20261201);
const SCALE = Number(process.env.FACTMARK_FUZZ_SCALE ?? 1);
const runs = (n: number) => ({ seed: SEED, numRuns: Math.max(1, Math.round(n * SCALE)) });

let start: ProjectSnapshot;
beforeAll(async () => {
  start = await projectSnapshot([
    { type: 'entity', value: entity('e1', 'The minister') },
    { type: 'entity', value: entity('e2', 'Critics') },
    { type: 'event', value: eventRecord('v1', 'Resignation', ['e1']) },
  ]);
});

const opsArb = (max: number) => fc.array(editArb, { maxLength: max });
/** Who edits a replica: usually its own annotator, sometimes the same person on a second machine. */
const replicaArb = fc.record({ owner: fc.constantFrom(...ANNOTATORS), ops: opsArb(12) });

/**
 * An annotator's replica, with tagset changes and deletions from the registry
 * left to the lead. Made on several replicas, they admit no pairwise policy
 * that converges: whether an orphan is dropped, or a deleted entity restored,
 * depends on what the first merge saw (a kind removed on one replica, used on
 * a second, is dropped or kept depending on whether a third replica's
 * tagset wins the tagset conflict before or after).
 */
const LEAD_ONLY = new Set<EditOp['op']>(['entity-delete', 'event-delete', 'member-remove']);
const annotatorArb = replicaArb.map((r) => ({
  ...r,
  ops: r.ops.map((e) => (e.op.startsWith('tagset-') || LEAD_ONLY.has(e.op) ? { ...e, op: 'annotate' as const } : e)),
}));

const baseOf = (ops: EditOp[]) => applyEdits(start, ops, 'alice', 'b');

const canonical = (record: SnapshotRecord | null) => (record === null ? '' : JSON.stringify(record));

/**
 * The deterministic policy a team could apply: record conflicts first, each
 * to the greater version by its JSON; then drop orphans and restore what a
 * kept record points to.
 */
function settleAll(result: MergeResult, seen: MergeConflict[]): ProjectSnapshot {
  let current = result;
  for (let round = 0; current.conflicts.length > 0; round++) {
    if (round > 500) throw new Error('conflict resolution does not end');
    // Records first: a semantic conflict may only come from a record conflict's provisional side.
    const conflict = current.conflicts.find((c) => c.type === 'record') ?? current.conflicts[0]!;
    seen.push(...current.conflicts);
    if (conflict.type === 'record')
      current = resolveConflict(
        current,
        conflict.key,
        canonical(conflict.ours) >= canonical(conflict.theirs) ? 'ours' : 'theirs',
      );
    else current = resolveConflict(current, conflict.key, conflict.type === 'dangling' ? 'restore' : 'drop');
    expect(validateSnapshot(current.merged)).toEqual([]);
  }
  return current.merged;
}

/** Every key a conflict names: its own, its records', a dangling reference's target. */
function conflictKeys(conflicts: readonly MergeConflict[]): Set<string> {
  const keys = new Set<string>();
  for (const c of conflicts) {
    keys.add(c.key);
    if (c.type === 'tagset-use' || c.type === 'text-mismatch') for (const r of c.records) keys.add(r.key);
    if (c.type === 'dangling') keys.add(c.record).add(c.target);
  }
  return keys;
}

/** Keys whose record differs between the two snapshots. */
function changedKeys(from: ProjectSnapshot, to: ProjectSnapshot): string[] {
  const keys = new Set([...Object.keys(from.records), ...Object.keys(to.records)]);
  return [...keys].filter((k) => !sameJson(from.records[k] ?? null, to.records[k] ?? null));
}

function expectNoEditLost(
  base: ProjectSnapshot,
  replica: ProjectSnapshot,
  merged: ProjectSnapshot,
  seen: MergeConflict[],
) {
  const excused = conflictKeys(seen);
  for (const key of changedKeys(base, replica)) {
    if (excused.has(key)) continue;
    expect(merged.records[key] ?? null, `edit of ${key} kept`).toEqual(replica.records[key] ?? null);
  }
}

function expectConflictsListBothSides(result: MergeResult, ours: ProjectSnapshot, theirs: ProjectSnapshot) {
  for (const c of result.conflicts)
    if (c.type === 'record') {
      expect(c.ours).toEqual(ours.records[c.key] ?? null);
      expect(c.theirs).toEqual(theirs.records[c.key] ?? null);
      expect(c.ours).not.toEqual(c.theirs);
    }
}

describe('three-way merge properties', () => {
  it('two replicas: merged in either order they converge, keep every edit but conflicting ones, and validate', () => {
    fc.assert(
      fc.property(opsArb(10), replicaArb, replicaArb, (baseOps, x, y) => {
        const base = baseOf(baseOps);
        const a = applyEdits(base, x.ops, x.owner, 'x');
        const b = applyEdits(base, y.ops, y.owner, 'y');
        const ab = mergeThreeWay(base, a, b);
        const ba = mergeThreeWay(base, b, a);
        expect(validateSnapshot(ab.merged)).toEqual([]);
        expect(validateSnapshot(ba.merged)).toEqual([]);
        expectConflictsListBothSides(ab, a, b);
        const recordKeys = (r: MergeResult) => r.conflicts.filter((c) => c.type === 'record').map((c) => c.key);
        expect(recordKeys(ab)).toEqual(recordKeys(ba));
        const seen: MergeConflict[] = [];
        const one = settleAll(ab, seen);
        const other = settleAll(ba, seen);
        expect(one).toEqual(other);
        expectNoEditLost(base, a, one, seen);
        expectNoEditLost(base, b, one, seen);
      }),
      runs(300),
    );
  });

  const ORDERS = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
  ] as const;

  /** Merges three replicas in every order: the results, and whether any merge met a dangling reference. */
  function everyOrder(base: ProjectSnapshot, replicas: ProjectSnapshot[]) {
    let dangling = false;
    const results = ORDERS.map(([p, q, r]) => {
      const seen: MergeConflict[] = [];
      const first = settleAll(mergeThreeWay(base, replicas[p]!, replicas[q]!), seen);
      const merged = settleAll(mergeThreeWay(base, first, replicas[r]!), seen);
      expect(validateSnapshot(merged)).toEqual([]);
      for (const replica of replicas) expectNoEditLost(base, replica, merged, seen);
      dangling ||= seen.some((c) => c.type === 'dangling');
      return merged;
    });
    return { results, dangling };
  }

  it('three replicas, the lead alone changing the tagset and deleting from the registry: every order converges', () => {
    let compared = 0;
    fc.assert(
      fc.property(opsArb(8), replicaArb, annotatorArb, annotatorArb, (baseOps, x, y, z) => {
        const base = baseOf(baseOps);
        const replicas = [x, y, z].map((r, i) => applyEdits(base, r.ops, r.owner, `r${i}`));
        const { results, dangling } = everyOrder(base, replicas);
        // Restoring a deleted record is decided on what the first merge saw: a later merge may overwrite
        // the reference it was restored for (an event's participants edited on two replicas).
        if (dangling) return;
        compared++;
        for (const merged of results.slice(1)) expect(merged).toEqual(results[0]);
      }),
      runs(150),
    );
    expect(compared).toBeGreaterThan(runs(150).numRuns * 0.8);
  });

  it('three replicas, anyone changing anything: every order gives a sound store that lost no edit outside a conflict', () => {
    fc.assert(
      fc.property(opsArb(8), replicaArb, replicaArb, replicaArb, (baseOps, x, y, z) => {
        const base = baseOf(baseOps);
        everyOrder(
          base,
          [x, y, z].map((r, i) => applyEdits(base, r.ops, r.owner, `r${i}`)),
        );
      }),
      runs(100),
    );
  });

  it('whatever is chosen, in whatever order, every step is a sound store and no conflict outlives its choices', () => {
    const CHOICES = {
      record: ['ours', 'theirs'],
      'tagset-use': ['keep', 'drop'],
      'text-mismatch': ['drop'],
      dangling: ['restore', 'drop'],
    } as const;
    fc.assert(
      fc.property(opsArb(10), replicaArb, replicaArb, fc.array(fc.nat(), { minLength: 1 }), (baseOps, x, y, picks) => {
        const base = baseOf(baseOps);
        let current = mergeThreeWay(base, applyEdits(base, x.ops, x.owner, 'x'), applyEdits(base, y.ops, y.owner, 'y'));
        for (let step = 0; current.conflicts.length > 0; step++) {
          expect(step, 'resolution ends').toBeLessThan(200);
          const pick = picks[step % picks.length]!;
          const conflict = current.conflicts[pick % current.conflicts.length]!;
          const options = CHOICES[conflict.type];
          // Past 50 steps, the last option of each (theirs, drop), so a keep that orphans again ends.
          const choice = step < 50 ? options[(pick >> 4) % options.length]! : options[options.length - 1]!;
          try {
            current = resolveConflict(current, conflict.key, choice);
          } catch (error) {
            // Keeping a tagset element may be refused (its kinds are gone); dropping never is.
            expect((error as Error).message).toMatch(/^Cannot keep/);
            current = resolveConflict(current, conflict.key, 'drop');
          }
          expect(validateSnapshot(current.merged)).toEqual([]);
        }
      }),
      runs(200),
    );
  });

  it('a side unchanged since the base gives the other side exactly, without conflicts', () => {
    fc.assert(
      fc.property(opsArb(10), replicaArb, (baseOps, x) => {
        const base = baseOf(baseOps);
        const a = applyEdits(base, x.ops, x.owner, 'x');
        for (const result of [mergeThreeWay(base, base, a), mergeThreeWay(base, a, base)]) {
          expect(result.conflicts).toEqual([]);
          expect(result.merged).toEqual(a);
        }
      }),
      runs(100),
    );
  });

  it('the same replica on both sides merges to itself without conflicts', () => {
    fc.assert(
      fc.property(opsArb(10), replicaArb, (baseOps, x) => {
        const base = baseOf(baseOps);
        const a = applyEdits(base, x.ops, x.owner, 'x');
        const result = mergeThreeWay(base, a, a);
        expect(result.conflicts).toEqual([]);
        expect(result.merged).toEqual(a);
      }),
      runs(100),
    );
  });
});
