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
    case 'entity':
      return `entity "${record.value.name}"`;
    case 'event':
      return `event record "${record.value.title}"`;
    case 'article':
      return `article "${record.value.title}"`;
    default:
      return `the ${record.type}`;
  }
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** One sentence saying what a conflict is about, for lists of conflicts and the command line. */
export function conflictSummary(conflict: MergeConflict): string {
  switch (conflict.type) {
    case 'record': {
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
      return `${describeRecord(conflict.recordValue)} points to ${describeRecord(conflict.targetRecord)}, deleted on one side: restore it, or drop the link`;
  }
}
