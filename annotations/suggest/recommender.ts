import { z } from 'zod';
import { ENTITY_TYPES } from '../constants';
import { AttributesSchema, IdSchema } from '../model';
import { TagsetSchema } from '../tagset';

/**
 * Suggestions (pre-annotation): recommenders read an article and propose
 * spans an annotator may accept or reject. Each recommender is a pure
 * function of the request below, so it runs in a worker or the Node server.
 */

/** The recommenders there are, in the order they run. */
export const RECOMMENDER_IDS = ['gazetteer', 'learned', 'language-model', 'attribution'] as const;
export const RecommenderIdSchema = z.enum(RECOMMENDER_IDS);
export type RecommenderId = z.infer<typeof RecommenderIdSchema>;

/** A registry entity, as far as recommenders need it (`Entity` of the model fits). */
export const SuggestEntitySchema = z.object({
  id: IdSchema,
  name: z.string().min(1),
  type: z.enum(ENTITY_TYPES),
  aliases: z.array(z.string()).default([]),
});
export type SuggestEntity = z.infer<typeof SuggestEntitySchema>;

/** One annotation someone made elsewhere (`Annotation` of the model fits). */
export const ExampleSpanSchema = z.object({
  kind: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  attributes: AttributesSchema.default({}),
  entityId: IdSchema.nullable().default(null),
});
export type ExampleSpan = z.infer<typeof ExampleSpanSchema>;

/** Another article's text with the annotations made on it, for the learned matcher. */
export const ExampleArticleSchema = z.object({ text: z.string(), annotations: z.array(ExampleSpanSchema) });
export type ExampleArticle = z.infer<typeof ExampleArticleSchema>;

export const SuggestSettingsSchema = z.object({
  /** Which recommenders run; all by default. */
  recommenders: z.array(RecommenderIdSchema).default([...RECOMMENDER_IDS]),
  /** Which kinds may be proposed; null: every kind of the tagset. */
  kinds: z.array(z.string()).nullable().default(null),
  /** Suggestions scored below this are dropped. */
  minScore: z.number().min(0).max(1).default(0.3),
});
export type SuggestSettings = z.infer<typeof SuggestSettingsSchema>;

export const SuggestRequestSchema = z.object({
  article: z.object({ id: IdSchema, text: z.string() }),
  tagset: TagsetSchema,
  entities: z.array(SuggestEntitySchema).default([]),
  examples: z.array(ExampleArticleSchema).default([]),
  settings: SuggestSettingsSchema.default(SuggestSettingsSchema.parse({})),
});
export type SuggestRequest = z.infer<typeof SuggestRequestSchema>;
export type SuggestRequestInput = z.input<typeof SuggestRequestSchema>;

/**
 * One proposed span. Offsets count UTF-16 code units like `Annotation`'s, and
 * `quote === text.slice(start, end)`.
 */
export const SuggestionSchema = z.object({
  /** Same recommender, kind and offsets give the same id, so a rejection is recognised after a reload. */
  id: IdSchema,
  recommender: RecommenderIdSchema,
  kind: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  quote: z.string(),
  /** How likely the annotator is to accept it, 0..1. */
  score: z.number().min(0).max(1),
  attributes: AttributesSchema,
  entityId: IdSchema.nullable(),
  /** Attribution claims: the id of the speaker suggestion the claim is said by. */
  saidBy: IdSchema.nullable(),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

/** What one recommender is given: the request, with the kinds it may propose already resolved. */
export interface RecommenderContext {
  article: { id: string; text: string };
  entities: readonly SuggestEntity[];
  examples: readonly ExampleArticle[];
  /** Kinds both in the tagset and enabled by the settings. */
  kinds: ReadonlySet<string>;
}

/** A recommender: a pure function from an article and its context to scored suggestions. */
export interface Recommender {
  id: RecommenderId;
  /** What the recommender proposes, for the settings page. */
  description: string;
  /** The kinds it may propose (those the tagset has); null: any kind. */
  kinds: readonly string[] | null;
  suggest(context: RecommenderContext): Suggestion[];
}

export function suggestionId(recommender: RecommenderId, kind: string, start: number, end: number): string {
  return `sg-${recommender}-${kind.replace(/[^A-Za-z0-9_.-]/g, '_')}-${start}-${end}`;
}

/** Builds a suggestion with its id and quote; `extra` fills what differs from the defaults. */
export function makeSuggestion(
  recommender: RecommenderId,
  text: string,
  kind: string,
  start: number,
  end: number,
  score: number,
  extra: Partial<Pick<Suggestion, 'attributes' | 'entityId' | 'saidBy'>> = {},
): Suggestion {
  return {
    id: suggestionId(recommender, kind, start, end),
    recommender,
    kind,
    start,
    end,
    quote: text.slice(start, end),
    score: Math.min(1, Math.max(0, score)),
    attributes: extra.attributes ?? {},
    entityId: extra.entityId ?? null,
    saidBy: extra.saidBy ?? null,
  };
}
