import type {
  Annotation,
  Article,
  ArticleLayer,
  Decision,
  DocumentLabels,
  Entity,
  EventRecord,
  Rejection,
  Relation,
} from '../model';
import type { Assignment, TeamMember } from '../project';
import type { Tagset } from '../tagset';
import { byAnnotatorAndArticle, byName } from '../team';

/** One record of a project, as the merge sees it: a type and its value. */
export type SnapshotRecord =
  | { type: 'tagset'; value: Tagset }
  | { type: 'guidelines'; value: string }
  | { type: 'article'; value: Article }
  | { type: 'entity'; value: Entity }
  | { type: 'event'; value: EventRecord }
  | { type: 'annotation'; value: Annotation }
  | { type: 'relation'; value: Relation }
  | { type: 'labels'; articleId: string; value: DocumentLabels }
  | { type: 'decision'; articleId: string; value: Decision }
  | { type: 'rejection'; value: Rejection }
  | { type: 'member'; value: TeamMember }
  | { type: 'assignment'; value: Assignment };

export type RecordType = SnapshotRecord['type'];

/**
 * A whole project as records keyed by `recordKey`: what a replica holds and
 * what the three-way merge compares. The settings of the user are not part of
 * it: they stay on each machine.
 */
export interface ProjectSnapshot {
  records: Record<string, SnapshotRecord>;
}

const part = (s: string) => encodeURIComponent(s);

/** The key of a team member's record. */
export const memberKey = (name: string) => `member/${part(name)}`;

/**
 * A record's key. A layer's records carry the article and the annotator, so
 * two people's layers never share a key; ids are file-name safe, annotator
 * names and decision keys are percent-encoded.
 *
 * `tagset`, `guidelines`, `article/<id>`, `entity/<id>`, `event/<id>`,
 * `annotation/<article>/<annotator>/<id>`, `relation/<article>/<annotator>/<id>`,
 * `labels/<article>/<annotator>`, `decision/<article>/<decision key>`,
 * `rejection/<article>/<annotator>/<id>`,
 * `member/<name>`, `assignment/<annotator>/<article>`.
 */
export function recordKey(record: SnapshotRecord): string {
  switch (record.type) {
    case 'tagset':
    case 'guidelines':
      return record.type;
    case 'article':
    case 'entity':
    case 'event':
      return `${record.type}/${record.value.id}`;
    case 'annotation':
    case 'relation':
    case 'rejection':
      return `${record.type}/${record.value.articleId}/${part(record.value.annotator)}/${record.value.id}`;
    case 'labels':
      return `labels/${record.articleId}/${part(record.value.annotator)}`;
    case 'decision':
      return `decision/${record.articleId}/${part(record.value.key)}`;
    case 'member':
      return memberKey(record.value.name);
    case 'assignment':
      return `assignment/${part(record.value.annotator)}/${record.value.articleId}`;
  }
}

/** The article a record belongs to (an assignment, the one it assigns), or null for project-wide records. */
export function recordArticle(record: SnapshotRecord): string | null {
  switch (record.type) {
    case 'annotation':
    case 'relation':
    case 'rejection':
    case 'assignment':
      return record.value.articleId;
    case 'labels':
    case 'decision':
      return record.articleId;
    case 'article':
      return record.value.id;
    default:
      return null;
  }
}

/** A snapshot of these records, each under its key. */
export function snapshotOf(records: readonly SnapshotRecord[]): ProjectSnapshot {
  const out: Record<string, SnapshotRecord> = {};
  for (const r of records) out[recordKey(r)] = r;
  return { records: out };
}

/** What the store holds, in the shapes the repository reads and writes. */
export interface StoreContent {
  articles: Article[];
  /** Each article's layer, by article id (articles without annotations may be absent). */
  layers: Record<string, ArticleLayer>;
  tagset: Tagset;
  entities: Entity[];
  events: EventRecord[];
  guidelines: string;
  /** The team's members by name, absent while the store has no members file. */
  members?: TeamMember[];
  /** The team's assignments by annotator then article, absent while the store has no assignments file. */
  assignments?: Assignment[];
}

/** The snapshot of a store's content. */
export function snapshotFromStore(content: StoreContent): ProjectSnapshot {
  const records: SnapshotRecord[] = [
    { type: 'tagset', value: content.tagset },
    { type: 'guidelines', value: content.guidelines },
    ...content.articles.map((value) => ({ type: 'article' as const, value })),
    ...content.entities.map((value) => ({ type: 'entity' as const, value })),
    ...content.events.map((value) => ({ type: 'event' as const, value })),
    ...(content.members ?? []).map((value) => ({ type: 'member' as const, value })),
    ...(content.assignments ?? []).map((value) => ({ type: 'assignment' as const, value })),
  ];
  for (const [articleId, layer] of Object.entries(content.layers)) {
    records.push(...layer.annotations.map((value) => ({ type: 'annotation' as const, value })));
    records.push(...layer.relations.map((value) => ({ type: 'relation' as const, value })));
    records.push(...layer.documentLabels.map((value) => ({ type: 'labels' as const, articleId, value })));
    records.push(...(layer.decisions ?? []).map((value) => ({ type: 'decision' as const, articleId, value })));
    records.push(...(layer.rejections ?? []).map((value) => ({ type: 'rejection' as const, value })));
  }
  return snapshotOf(records);
}

/**
 * The store content of a snapshot, every list in key order (the team's in
 * its own order) so the same snapshot always writes the same files; the team
 * lists only when they have records. A snapshot without its tagset is
 * refused by `validateSnapshot` before it gets here.
 */
export function storeFromSnapshot(snapshot: ProjectSnapshot): StoreContent {
  const content: StoreContent = {
    articles: [],
    layers: {},
    tagset: undefined!,
    entities: [],
    events: [],
    guidelines: '',
  };
  const layer = (articleId: string): ArticleLayer =>
    (content.layers[articleId] ??= { annotations: [], relations: [], documentLabels: [] });
  const members: TeamMember[] = [];
  const assignments: Assignment[] = [];
  for (const key of Object.keys(snapshot.records).sort()) {
    const r = snapshot.records[key]!;
    if (r.type === 'tagset') content.tagset = r.value;
    else if (r.type === 'guidelines') content.guidelines = r.value;
    else if (r.type === 'article') content.articles.push(r.value);
    else if (r.type === 'entity') content.entities.push(r.value);
    else if (r.type === 'event') content.events.push(r.value);
    else if (r.type === 'annotation') layer(r.value.articleId).annotations.push(r.value);
    else if (r.type === 'relation') layer(r.value.articleId).relations.push(r.value);
    else if (r.type === 'labels') layer(r.articleId).documentLabels.push(r.value);
    else if (r.type === 'decision') (layer(r.articleId).decisions ??= []).push(r.value);
    else if (r.type === 'rejection') (layer(r.value.articleId).rejections ??= []).push(r.value);
    else if (r.type === 'member') members.push(r.value);
    else assignments.push(r.value);
  }
  if (members.length > 0) content.members = members.sort(byName);
  if (assignments.length > 0) content.assignments = assignments.sort(byAnnotatorAndArticle);
  return content;
}
