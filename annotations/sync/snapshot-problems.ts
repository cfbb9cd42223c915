import { z } from 'zod';
import {
  AnnotationSchema,
  ArticleSchema,
  DecisionSchema,
  DocumentLabelsSchema,
  EntitySchema,
  EventRecordSchema,
  IdSchema,
  RejectionSchema,
  RelationSchema,
} from '../model';
import type { Annotation, ArticleLayer, Entity, EventRecord } from '../model';
import { checkAnnotation, checkDocumentLabels, checkRelation } from '../record-checks';
import { issuesText } from '../schema-issues';
import { checkFragments, checkSpan } from '../spans';
import type { Tagset } from '../tagset';
import { validateTagset } from '../tagset';
import { AssignmentSchema, TeamMemberSchema } from '../team';
import type { Reference } from './references';
import { indexRecords, referencesOf, targetKey } from './references';
import type { ProjectSnapshot, SnapshotRecord } from './snapshot';
import { recordArticle, recordKey } from './snapshot';

/** The part of the tagset a record depends on: its kind, its relation type, or the article labels. */
export type TagsetElement = { type: 'kind' | 'relation'; name: string } | { type: 'documentLabels'; name: '' };

/**
 * Why a snapshot could not be written as a store. `schema`: a record its
 * schema would not read back (or a missing tagset); `dangling`: a reference to
 * a record that is not there (an assignment's article or member included); `text`: a span that does not fit its article's
 * text; `tagset`: a record the tagset does not allow.
 */
export type SnapshotProblem =
  | { type: 'schema'; key: string; message: string }
  | { type: 'dangling'; key: string; ref: Reference; message: string }
  | { type: 'text'; key: string; articleId: string; message: string }
  | { type: 'tagset'; key: string; element: TagsetElement; message: string };

const SCHEMAS: Record<Exclude<SnapshotRecord['type'], 'tagset'>, z.ZodType> = {
  guidelines: z.string(),
  article: ArticleSchema,
  entity: EntitySchema,
  event: EventRecordSchema,
  annotation: AnnotationSchema,
  relation: RelationSchema,
  labels: DocumentLabelsSchema,
  decision: DecisionSchema,
  rejection: RejectionSchema,
  member: TeamMemberSchema,
  assignment: AssignmentSchema,
};

function schemaProblem(record: SnapshotRecord): string | null {
  if (record.type === 'tagset') {
    try {
      validateTagset(record.value);
      return null;
    } catch (error) {
      return (error as Error).message;
    }
  }
  const parsed = SCHEMAS[record.type].safeParse(record.value);
  if (!parsed.success) return issuesText(parsed.error.issues, 1, record.type) || 'invalid';
  if ((record.type === 'labels' || record.type === 'decision') && !IdSchema.safeParse(record.articleId).success)
    return `article id "${record.articleId}" is not an id`;
  return null;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Every problem of a snapshot, each naming the record's key; none means it is
 * a sound store. With `scope` (see `checkScope`), only the project-wide
 * records and those of the articles it names are checked.
 */
export function snapshotProblems(snapshot: ProjectSnapshot, scope?: ReadonlySet<string> | null): SnapshotProblem[] {
  const problems: SnapshotProblem[] = [];
  const records = snapshot.records;
  const checked: [string, SnapshotRecord][] = [];
  for (const key in records) {
    const record = records[key]!;
    const articleId = scope ? recordArticle(record) : null;
    if (articleId === null || scope!.has(articleId)) checked.push([key, record]);
  }
  for (const [key, record] of checked) {
    const problem = schemaProblem(record);
    if (problem) problems.push({ type: 'schema', key, message: problem });
    else if (recordKey(record) !== key) problems.push({ type: 'schema', key, message: `is filed under the wrong key` });
  }
  for (const key of ['tagset', 'guidelines'])
    if (records[key]?.type !== key) problems.push({ type: 'schema', key, message: `the project has no ${key}` });
  if (problems.length > 0) return problems;

  const tagset = records.tagset!.value as Tagset;
  const layers = new Map<string, ArticleLayer>();
  const layerOf = (articleId: string) => {
    let layer = layers.get(articleId);
    if (!layer) layers.set(articleId, (layer = { annotations: [], relations: [], documentLabels: [] }));
    return layer;
  };
  // Relations end at annotations of their own article, so the checked articles' annotations are all a check needs.
  const annotations: Record<string, SnapshotRecord> = {};
  const ids = new Map<string, string>();
  for (const [key, r] of checked) {
    if (r.type !== 'annotation') continue;
    annotations[key] = r;
    layerOf(r.value.articleId).annotations.push(r.value);
    const id = `${r.value.articleId}/${r.value.id}`;
    const twin = ids.get(id);
    if (twin)
      problems.push({ type: 'schema', key, message: `has the id of ${twin}, and an id is unique within an article` });
    ids.set(id, key);
  }
  const index = indexRecords(annotations);
  const find = (ref: Reference) => (ref.type === 'annotation' ? index.find(ref) : records[targetKey(ref)]);
  for (const [key, record] of checked) {
    const missing = referencesOf(record).filter((ref) => find(ref) === undefined);
    for (const ref of missing)
      problems.push({ type: 'dangling', key, ref, message: `points to ${ref.type} "${ref.id}", which is not there` });
    if (missing.length > 0) continue;
    problems.push(...recordRules(key, record, { tagset, records, layerOf }));
  }
  return problems;
}

interface Context {
  tagset: Tagset;
  records: ProjectSnapshot['records'];
  layerOf(articleId: string): ArticleLayer;
}

/** The registry records a record names (its references resolve): the checks look only for those. */
function named<T extends 'entity' | 'event'>(ctx: Context, type: T, ids: readonly (string | null)[]) {
  return ids.flatMap((id) => (id === null ? [] : [ctx.records[`${type}/${id}`]!.value])) as T extends 'entity'
    ? Entity[]
    : EventRecord[];
}

/** What the text and the tagset say of one record whose references all resolve. */
function recordRules(key: string, record: SnapshotRecord, ctx: Context): SnapshotProblem[] {
  const articleId =
    record.type === 'annotation' || record.type === 'relation' || record.type === 'rejection'
      ? record.value.articleId
      : null;
  if (articleId !== null || record.type === 'labels' || record.type === 'decision') {
    const owner = articleId ?? (record as { articleId: string }).articleId;
    if (!ctx.records[`article/${owner}`])
      return [{ type: 'text', key, articleId: owner, message: `belongs to article "${owner}", which is not there` }];
  }
  try {
    if (record.type === 'annotation') {
      const text = (ctx.records[`article/${record.value.articleId}`]!.value as { text: string }).text;
      try {
        checkSpan(text, record.value.start, record.value.end, record.value.quote);
        checkFragments(text, record.value as Annotation);
      } catch (error) {
        return [{ type: 'text', key, articleId: record.value.articleId, message: messageOf(error) }];
      }
      checkAnnotation(
        ctx.tagset,
        text,
        record.value,
        named(ctx, 'entity', [record.value.entityId]),
        named(ctx, 'event', [record.value.eventId]),
      );
    } else if (record.type === 'relation') {
      const to = record.value.to;
      checkRelation(
        ctx.tagset,
        ctx.layerOf(record.value.articleId),
        record.value,
        named(ctx, 'entity', [to.kind === 'entity' ? to.id : null]),
      );
    } else if (record.type === 'labels') {
      checkDocumentLabels(ctx.tagset, record.value.labels);
    }
  } catch (error) {
    const element: TagsetElement =
      record.type === 'annotation'
        ? { type: 'kind', name: record.value.kind }
        : record.type === 'relation'
          ? { type: 'relation', name: record.value.type }
          : { type: 'documentLabels', name: '' };
    return [{ type: 'tagset', key, element, message: messageOf(error) }];
  }
  return [];
}

/** The problems of a snapshot as sentences, each starting with the record's key; empty when it is sound. */
export function validateSnapshot(snapshot: ProjectSnapshot): string[] {
  return snapshotProblems(snapshot).map((p) => `${p.key}: ${p.message}`);
}
