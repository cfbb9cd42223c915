import { z } from 'zod';
import { DECISION_ACTIONS, ENTITY_TYPES } from './constants';

export { DECISION_ACTIONS, ENTITY_TYPES, GOLD } from './constants';
export type { DecisionAction } from './constants';

/** Store ids: short, file-name safe, so an id can name the article's files. */
export const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'must be 1–128 letters, digits, "_", "." or "-"');

const Stamp = z.iso.datetime();

export const AttributeValueSchema = z.union([z.string(), z.boolean(), z.number(), z.null(), z.array(z.string())]);
export const AttributesSchema = z.record(z.string(), AttributeValueSchema);

/** An article of the corpus. Its text never changes once added: offsets point into it. */
export const ArticleSchema = z.object({
  id: IdSchema,
  title: z.string(),
  text: z.string(),
  /** Where the article came from: a file name, a URL, or "sample corpus". */
  source: z.string(),
  addedAt: Stamp,
  /** `sha256:` and the hex digest of the UTF-8 text. */
  contentHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
});
export type Article = z.infer<typeof ArticleSchema>;

/** What the article list shows: everything but the text. */
export type ArticleSummary = Omit<Article, 'text'> & { length: number };

/** One annotation an adjudication decision drew on. */
export const SourceRefSchema = z.object({ annotator: z.string().min(1).max(200), id: IdSchema });
export type SourceRef = z.infer<typeof SourceRefSchema>;

/** Where a gold annotation came from: whose annotations, what was decided, by whom and when. */
export const ProvenanceSchema = z.object({
  action: z.enum(DECISION_ACTIONS),
  sources: z.array(SourceRefSchema),
  decidedBy: z.string().min(1).max(200),
  decidedAt: Stamp,
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

/** One piece of a discontinuous span: [start, end) in UTF-16 code units. */
export const FragmentSchema = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });
export type Fragment = z.infer<typeof FragmentSchema>;

/**
 * One tagged span of an article's text.
 *
 * Offsets count **UTF-16 code units**, as JavaScript strings index: `start` is
 * inclusive, `end` exclusive, and `quote === article.text.slice(start, end)`.
 * A span never starts or ends inside a surrogate pair, so it always converts
 * exactly to the Unicode code points other formats count in.
 */
export const AnnotationSchema = z.object({
  id: IdSchema,
  articleId: IdSchema,
  annotator: z.string().min(1).max(200),
  kind: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  quote: z.string(),
  /**
   * A discontinuous span ("pick [up] … [the phone]"): its pieces, two or
   * more, in text order, each gap holding more than white space. `start` is
   * the first piece's start, `end` the last one's end, and `quote` the text
   * from `start` to `end`, gaps included. Absent for a continuous span.
   */
  fragments: z.array(FragmentSchema).min(2).optional(),
  attributes: AttributesSchema,
  /** A free note for colleagues and the adjudicator. */
  note: z.string().max(20_000).default(''),
  /** The normalised entity this mention refers to (kinds with `linksEntity`). */
  entityId: IdSchema.nullable().default(null),
  /** The cross-article event record this mention reports (kinds with `linksEvent`). */
  eventId: IdSchema.nullable().default(null),
  /** Gold annotations only: the decision that put it there. */
  provenance: ProvenanceSchema.optional(),
  /**
   * The recommender whose suggestion the annotator accepted to make it
   * (absent for a span made by hand), so figures can tell the two apart.
   */
  suggestedBy: z.string().min(1).max(100).optional(),
  createdAt: Stamp,
  updatedAt: Stamp,
});
export type Annotation = z.infer<typeof AnnotationSchema>;

/** Where a relation points: another span of the same article, or a registry entity. */
export const RelationTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('annotation'), id: IdSchema }),
  z.object({ kind: z.literal('entity'), id: IdSchema }),
]);
export type RelationTarget = z.infer<typeof RelationTargetSchema>;

/** A typed, directed link from one span (a claim, an event) to a span or an entity: said-by, agent, place… */
export const RelationSchema = z.object({
  id: IdSchema,
  articleId: IdSchema,
  annotator: z.string().min(1).max(200),
  type: z.string().min(1),
  from: IdSchema,
  to: RelationTargetSchema,
  /** A free note on the link (brat writes notes on relations too). */
  note: z.string().max(20_000).optional(),
  createdAt: Stamp,
});
export type Relation = z.infer<typeof RelationSchema>;

/** One annotator's labels for a whole article (stance, reliability…), defined by the tagset. */
export const DocumentLabelsSchema = z.object({
  annotator: z.string().min(1).max(200),
  labels: AttributesSchema,
  /** The annotator has finished the article (progress on the dashboard). */
  done: z.boolean().optional(),
  updatedAt: Stamp,
});
export type DocumentLabels = z.infer<typeof DocumentLabelsSchema>;

/** A normalised person, organisation or place that mentions in many articles link to. */
export const EntitySchema = z.object({
  id: IdSchema,
  name: z.string().trim().min(1).max(300),
  type: z.enum(ENTITY_TYPES),
  aliases: z.array(z.string().trim().min(1).max(300)).default([]),
  /** An identifier elsewhere, such as a Wikidata QID ("Q123"). */
  externalId: z.string().trim().max(200).nullable().default(null),
  createdAt: Stamp,
  updatedAt: Stamp,
});
export type Entity = z.infer<typeof EntitySchema>;

/** One real-world event, reported by event mentions in any number of articles. */
export const EventRecordSchema = z.object({
  id: IdSchema,
  title: z.string().trim().min(1).max(300),
  type: z.string().min(1).max(100),
  /** When it happened: an ISO date (YYYY-MM-DD) or null when unknown. */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2017-07-23')
    .nullable()
    .default(null),
  place: z.string().trim().max(300).nullable().default(null),
  /** Entity ids of those taking part. */
  participants: z.array(IdSchema).default([]),
  createdAt: Stamp,
  updatedAt: Stamp,
});
export type EventRecord = z.infer<typeof EventRecordSchema>;

/**
 * The adjudicator's decision on one group of annotations compared across
 * layers, named by `key` (the group's annotations, as `annotator:id`, sorted).
 */
export const DecisionSchema = z.object({
  key: z.string().min(1),
  action: z.enum(DECISION_ACTIONS),
  sources: z.array(SourceRefSchema),
  /** The gold annotations the decision created (none for `reject`). */
  goldIds: z.array(IdSchema),
  decidedBy: z.string().min(1).max(200),
  decidedAt: Stamp,
});
export type Decision = z.infer<typeof DecisionSchema>;

/**
 * An annotator's "no" to a suggestion: that kind on that span is not proposed
 * to them again, whichever recommender proposes it.
 */
export const RejectionSchema = z.object({
  /** `rejectionId(kind, start, end)`: one rejection per annotator, kind and span. */
  id: IdSchema,
  articleId: IdSchema,
  annotator: z.string().min(1).max(200),
  kind: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The recommender whose suggestion was rejected (for its acceptance rate). */
  recommender: z.string().min(1).max(100),
  rejectedAt: Stamp,
});
export type Rejection = z.infer<typeof RejectionSchema>;

/** The id of the rejection of `kind` on [start, end): the same whoever proposed it, so it is found again. */
export function rejectionId(kind: string, start: number, end: number): string {
  return `rj-${kind.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 80)}-${start}-${end}`;
}

/** Everything annotators added to one article. */
export interface ArticleLayer {
  annotations: Annotation[];
  relations: Relation[];
  documentLabels: DocumentLabels[];
  /** Adjudication decisions taken on the article (absent until the first). */
  decisions?: Decision[];
  /** Suggestions each annotator rejected (absent until the first). */
  rejections?: Rejection[];
}

export function summarize({ addedAt, contentHash, id, source, text, title }: Article): ArticleSummary {
  // In the order the store writes keys (sorted): the store's index of every summary is written as built.
  return { addedAt, contentHash, id, length: text.length, source, title };
}
