import type { TeamMember } from '../project';
import type { SnapshotRecord } from './snapshot';
import type { MergeConflict } from './three-way-merge';

function describeRecord(record: SnapshotRecord | null): string {
  if (record === null) return 'deleted';
  switch (record.type) {
    case 'annotation':
      return `${record.value.annotator}'s ${record.value.kind} "${record.value.quote}"`;
    case 'relation':
      return `${record.value.annotator}'s ${record.value.type} link`;
    case 'labels':
      return `${record.value.annotator}'s article labels`;
    case 'decision':
      return `the decision on ${record.value.key}`;
    case 'rejection':
      return `${record.value.annotator}'s rejection of a suggested ${record.value.kind}`;
    case 'entity':
      return `entity "${record.value.name}"`;
    case 'event':
      return `event record "${record.value.title}"`;
    case 'article':
      return `article "${record.value.title}"`;
    case 'member':
      return `team member ${record.value.name}`;
    case 'assignment':
      return `the assignment of article "${record.value.articleId}" to ${record.value.annotator}`;
    default:
      return `the ${record.type}`;
  }
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

const asRole = (role: TeamMember['role']) => (role === 'lead' ? 'a lead' : 'an annotator');

/** A member's record changed differently on both sides: what each side made of them. */
function memberConflict(base: TeamMember | null, ours: TeamMember | null, theirs: TeamMember | null): string {
  const name = (ours ?? theirs ?? base)!.name;
  if (ours === null) return `${name}: removed from the team here, made ${asRole(theirs!.role)} on the other side`;
  if (theirs === null) return `${name}: made ${asRole(ours.role)} here, removed from the team on the other side`;
  if (base === null)
    return `${name}: added to the team as ${asRole(ours.role)} here, as ${asRole(theirs.role)} on the other side`;
  return `${name}'s role: ${ours.role} here, ${theirs.role} on the other side`;
}

/** One sentence saying what a conflict is about, for lists of conflicts and the command line. */
export function conflictSummary(conflict: MergeConflict): string {
  switch (conflict.type) {
    case 'record': {
      const { base, ours, theirs } = conflict;
      if ((ours ?? theirs ?? base)!.type === 'member')
        return memberConflict(
          (base?.value ?? null) as TeamMember | null,
          (ours?.value ?? null) as TeamMember | null,
          (theirs?.value ?? null) as TeamMember | null,
        );
      const what = describeRecord(conflict.ours ?? conflict.theirs ?? conflict.base);
      if (conflict.ours === null) return `${what}: deleted here, changed on the other side`;
      if (conflict.theirs === null) return `${what}: changed here, deleted on the other side`;
      return `${what}: changed differently on both sides`;
    }
    case 'tagset-use': {
      const element =
        conflict.element.type === 'documentLabels'
          ? 'the article labels'
          : `${conflict.element.type === 'kind' ? 'kind' : 'relation type'} "${conflict.element.name}"`;
      return `${element} was removed or changed, yet ${plural(conflict.records.length, 'record')} made elsewhere use it: keep it, or drop them`;
    }
    case 'text-mismatch':
      return `${plural(conflict.records.length, 'annotation')} of article "${conflict.articleId}" were made on another text of it`;
    case 'dangling':
      if (conflict.recordValue.type === 'assignment' && conflict.ref.type === 'member') {
        const { annotator, articleId } = conflict.recordValue.value;
        return `article "${articleId}" was assigned to ${annotator}, whom the other side removed from the team: restore ${annotator} as a member, or drop the assignment`;
      }
      return `${describeRecord(conflict.recordValue)} points to ${describeRecord(conflict.targetRecord)}, deleted on one side: restore it, or drop the link`;
  }
}
