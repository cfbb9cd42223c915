import { beforeAll, describe, expect, it } from 'vitest';
import type { Assignment, TeamMember } from '../../annotations/project';
import { conflictSummary, mergeThreeWay, resolveConflict } from '../../annotations/sync';
import type { ProjectSnapshot, SnapshotRecord } from '../../annotations/sync/snapshot';
import { recordKey, snapshotFromStore, storeFromSnapshot } from '../../annotations/sync/snapshot';
import { validateSnapshot } from '../../annotations/sync/snapshot-problems';
import { edit, projectSnapshot } from '../support/sync-snapshots';

const member = (name: string, role: TeamMember['role']): SnapshotRecord => ({ type: 'member', value: { name, role } });
const assignment = (annotator: string, articleId: string): SnapshotRecord => ({
  type: 'assignment',
  value: { annotator, articleId },
});
const key = (record: SnapshotRecord) => recordKey(record);

/** The team of a snapshot, as the store would hold it. */
function teamOf(snapshot: ProjectSnapshot): { members?: TeamMember[]; assignments?: Assignment[] } {
  const { members, assignments } = storeFromSnapshot(snapshot);
  return { members, assignments };
}

let base: ProjectSnapshot;
beforeAll(async () => {
  base = await projectSnapshot([member('lena', 'lead'), member('bob', 'annotator'), assignment('bob', 'a1')]);
});

describe('merging the team', () => {
  it('keys members by name and assignments by annotator and article', () => {
    expect(key(member('Zoë Ana', 'lead'))).toBe('member/Zo%C3%AB%20Ana');
    expect(key(assignment('Zoë Ana', 'a1'))).toBe('assignment/Zo%C3%AB%20Ana/a1');
  });

  it('keeps what two leads assigned at once, the new member they both added once', () => {
    const ours = edit(base, [member('dora', 'annotator'), assignment('dora', 'a1')]);
    const theirs = edit(base, [member('dora', 'annotator'), assignment('dora', 'a2'), assignment('bob', 'a2')]);
    for (const result of [mergeThreeWay(base, ours, theirs), mergeThreeWay(base, theirs, ours)]) {
      expect(result.conflicts).toEqual([]);
      expect(teamOf(result.merged)).toEqual({
        members: [
          { name: 'bob', role: 'annotator' },
          { name: 'dora', role: 'annotator' },
          { name: 'lena', role: 'lead' },
        ],
        assignments: [
          { annotator: 'bob', articleId: 'a1' },
          { annotator: 'bob', articleId: 'a2' },
          { annotator: 'dora', articleId: 'a1' },
          { annotator: 'dora', articleId: 'a2' },
        ],
      });
    }
  });

  it('takes an article back when one side did and the other did nothing to it, or took it back too', () => {
    const back = edit(base, [], [key(assignment('bob', 'a1'))]);
    const other = edit(base, [assignment('lena', 'a2')]);
    expect(teamOf(mergeThreeWay(base, back, other).merged).assignments).toEqual([
      { annotator: 'lena', articleId: 'a2' },
    ]);
    expect(teamOf(mergeThreeWay(base, other, back).merged).assignments).toEqual([
      { annotator: 'lena', articleId: 'a2' },
    ]);
    const both = mergeThreeWay(base, back, back);
    expect(both.conflicts).toEqual([]);
    expect(teamOf(both.merged).assignments).toBeUndefined();
  });

  it('lists a member both sides changed differently, in one sentence, holding ours until chosen', () => {
    const ours = edit(base, [member('bob', 'lead'), member('dora', 'lead')]);
    const theirs = edit(
      base,
      [member('dora', 'annotator')],
      [key(member('bob', 'annotator')), key(assignment('bob', 'a1'))],
    );
    const result = mergeThreeWay(base, ours, theirs);
    expect(result.conflicts.map((c) => [c.key, conflictSummary(c)])).toEqual([
      ['member/bob', 'bob: made a lead here, removed from the team on the other side'],
      ['member/dora', 'dora: added to the team as a lead here, as an annotator on the other side'],
    ]);
    expect(teamOf(result.merged).members).toContainEqual({ name: 'bob', role: 'lead' });
    const chosen = resolveConflict(resolveConflict(result, 'member/bob', 'theirs'), 'member/dora', 'theirs');
    expect(chosen.conflicts).toEqual([]);
    expect(teamOf(chosen.merged)).toEqual({
      members: [
        { name: 'dora', role: 'annotator' },
        { name: 'lena', role: 'lead' },
      ],
      assignments: undefined,
    });
    const roles = mergeThreeWay(
      base,
      edit(base, [member('lena', 'annotator'), member('bob', 'lead')]),
      edit(base, [member('bob', 'lead')], [key(member('lena', 'lead'))]),
    );
    expect(roles.conflicts.map(conflictSummary)).toEqual([
      'lena: made an annotator here, removed from the team on the other side',
    ]);
  });

  it("lists a member's role changed differently as their role on each side", () => {
    const start = edit(base, [member('dora', 'annotator')]);
    const ours = edit(start, [member('dora', 'lead')]);
    // Their side gave her an article: only ours changed her record.
    const theirs = edit(start, [assignment('dora', 'a2')]);
    expect(mergeThreeWay(start, ours, theirs).conflicts).toEqual([]);
    const leadBase = edit(base, [member('dora', 'lead')]);
    const demoted = edit(leadBase, [member('dora', 'annotator')]);
    const conflict = mergeThreeWay(leadBase, demoted, edit(leadBase, [], [key(member('dora', 'lead'))])).conflicts[0]!;
    expect(conflictSummary(conflict)).toBe('dora: made an annotator here, removed from the team on the other side');
    const record = {
      type: 'record' as const,
      key: 'member/dora',
      base: member('dora', 'annotator'),
      ours: member('dora', 'lead'),
      theirs: member('dora', 'annotator'),
    };
    expect(conflictSummary(record)).toBe("dora's role: lead here, annotator on the other side");
  });

  it('restores a member removed on one side whom the other side gave an article, until told to drop it', () => {
    const removed = edit(base, [], [key(member('bob', 'annotator')), key(assignment('bob', 'a1'))]);
    const given = edit(base, [assignment('bob', 'a2')]);
    const result = mergeThreeWay(base, removed, given);
    expect(result.conflicts).toHaveLength(1);
    const conflict = result.conflicts[0]!;
    expect(conflict.type).toBe('dangling');
    expect(conflictSummary(conflict)).toBe(
      'article "a2" was assigned to bob, whom the other side removed from the team: restore bob as a member, or drop the assignment',
    );
    expect(validateSnapshot(result.merged)).toEqual([]);
    expect(teamOf(result.merged).members).toContainEqual({ name: 'bob', role: 'annotator' });
    // The article taken back with the removal stays taken back either way.
    expect(teamOf(result.merged).assignments).toEqual([{ annotator: 'bob', articleId: 'a2' }]);
    const dropped = resolveConflict(result, conflict.key, 'drop');
    expect(dropped.conflicts).toEqual([]);
    expect(teamOf(dropped.merged)).toEqual({ members: [{ name: 'lena', role: 'lead' }], assignments: undefined });
    const restored = resolveConflict(result, conflict.key, 'restore');
    expect(restored.conflicts).toEqual([]);
    expect(restored.merged).toEqual(result.merged);
  });

  it('finds an assignment to an article or a member that is not there, and a member named as the gold layer', () => {
    const broken = edit(base, [assignment('bob', 'zz'), assignment('eve', 'a1'), member('gold', 'lead')]);
    expect(validateSnapshot(broken)).toEqual([expect.stringMatching(/^member\/gold: .*adjudicated layer/)]);
    expect(validateSnapshot(edit(base, [assignment('bob', 'zz'), assignment('eve', 'a1')]))).toEqual([
      'assignment/bob/zz: points to article "zz", which is not there',
      'assignment/eve/a1: points to member "eve", which is not there',
    ]);
    expect(() => mergeThreeWay(base, base, edit(base, [assignment('eve', 'a1')]))).toThrow(
      /The their side cannot be merged: assignment\/eve\/a1: points to member "eve"/,
    );
    // A side that removed a member but not their assignment: checked though no article changed.
    expect(() => mergeThreeWay(base, edit(base, [], [key(member('bob', 'annotator'))]), base)).toThrow(
      /The our side cannot be merged: assignment\/bob\/a1: points to member "bob"/,
    );
  });

  it('gives the store content back from its snapshot, the team in its order, no team lists for no team', async () => {
    const content = storeFromSnapshot(
      edit(base, [member('Zoë', 'annotator'), member('Ana', 'lead'), assignment('Zoë', 'a2')]),
    );
    expect(content.members?.map((m) => m.name)).toEqual(['Ana', 'Zoë', 'bob', 'lena']);
    expect(snapshotFromStore(content)).toEqual(
      edit(base, [member('Zoë', 'annotator'), member('Ana', 'lead'), assignment('Zoë', 'a2')]),
    );
    const none = storeFromSnapshot(await projectSnapshot());
    expect('members' in none || 'assignments' in none).toBe(false);
  });
});
