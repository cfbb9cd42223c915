import type { SnapshotRecord } from './snapshot';
import { memberKey } from './snapshot';

/**
 * A record another record points to: an entity, an event record, or an
 * annotation of the same article; for an assignment, its article and the
 * team member it is given to.
 */
export type Reference =
  | { field: 'entityId' | 'eventId' | 'participants'; type: 'entity' | 'event'; id: string }
  | { field: 'from' | 'to'; type: 'entity'; id: string }
  | { field: 'from' | 'to'; type: 'annotation'; articleId: string; id: string }
  | { field: 'articleId'; type: 'article'; id: string }
  | { field: 'annotator'; type: 'member'; id: string };

/** The key of the record a reference names, but for an annotation (named within its article: see `indexRecords`). */
export function targetKey(ref: Exclude<Reference, { type: 'annotation' }>): string {
  return ref.type === 'member' ? memberKey(ref.id) : `${ref.type}/${ref.id}`;
}

/** Every record `record` points to. Relations name annotations by id within the article, whoever made them. */
export function referencesOf(record: SnapshotRecord): Reference[] {
  const refs: Reference[] = [];
  if (record.type === 'annotation') {
    const a = record.value;
    if (a.entityId !== null) refs.push({ field: 'entityId', type: 'entity', id: a.entityId });
    if (a.eventId !== null) refs.push({ field: 'eventId', type: 'event', id: a.eventId });
  } else if (record.type === 'relation') {
    const r = record.value;
    refs.push({ field: 'from', type: 'annotation', articleId: r.articleId, id: r.from });
    refs.push(
      r.to.kind === 'entity'
        ? { field: 'to', type: 'entity', id: r.to.id }
        : { field: 'to', type: 'annotation', articleId: r.articleId, id: r.to.id },
    );
  } else if (record.type === 'event') {
    for (const id of record.value.participants) refs.push({ field: 'participants', type: 'entity', id });
  } else if (record.type === 'assignment') {
    refs.push({ field: 'articleId', type: 'article', id: record.value.articleId });
    refs.push({ field: 'annotator', type: 'member', id: record.value.annotator });
  }
  return refs;
}

/** Finds records by what references name: entities and events by id, annotations by article and id. */
export interface RecordIndex {
  find(ref: Reference): string | undefined;
}

export function indexRecords(records: Record<string, SnapshotRecord>): RecordIndex {
  const annotations = new Map<string, string>();
  for (const [key, r] of Object.entries(records))
    if (r.type === 'annotation') annotations.set(`${r.value.articleId}/${r.value.id}`, key);
  return {
    find(ref) {
      if (ref.type === 'annotation') return annotations.get(`${ref.articleId}/${ref.id}`);
      const key = targetKey(ref);
      return records[key] ? key : undefined;
    },
  };
}

/**
 * The same record without the reference: a relation cannot exist without its
 * end, nor an assignment without its article or member, so they have no such form.
 */
export function withoutReference(record: SnapshotRecord, ref: Reference): SnapshotRecord | null {
  if (record.type === 'annotation' && ref.field === 'entityId')
    return { ...record, value: { ...record.value, entityId: null } };
  if (record.type === 'annotation' && ref.field === 'eventId')
    return { ...record, value: { ...record.value, eventId: null } };
  if (record.type === 'event' && ref.field === 'participants')
    return {
      ...record,
      value: { ...record.value, participants: record.value.participants.filter((p) => p !== ref.id) },
    };
  return null;
}

/** Deletes the records of `keys`, and the relations that start or end at an annotation among them. */
export function deleteWithRelations(records: Record<string, SnapshotRecord>, keys: readonly string[]): void {
  const gone = new Set<string>();
  for (const key of keys) {
    const r = records[key];
    if (r?.type === 'annotation') gone.add(`${r.value.articleId}/${r.value.id}`);
    delete records[key];
  }
  if (gone.size === 0) return;
  for (const [key, r] of Object.entries(records)) {
    if (r.type !== 'relation') continue;
    const ends = [r.value.from, ...(r.value.to.kind === 'annotation' ? [r.value.to.id] : [])];
    if (ends.some((id) => gone.has(`${r.value.articleId}/${id}`))) delete records[key];
  }
}
