import { z } from 'zod';
import {
  AnnotationSchema,
  ArticleSchema,
  DecisionSchema,
  DocumentLabelsSchema,
  GOLD,
  IdSchema,
  RejectionSchema,
  RelationSchema,
} from '../model';
import type { Entity, EventRecord } from '../model';
import type { Assignment, TeamMember } from '../project';
import { SuggestSettingsSchema } from '../suggest/recommender';
import { TagsetSchema } from '../tagset';
import type { Tagset } from '../tagset';
import { unreadable } from './atomic-json-file';

/** The store's on-disk schema version; a store written by a newer Factmark is refused, not rewritten. */
export const STORE_SCHEMA_VERSION = 2;

const Version = z.literal(STORE_SCHEMA_VERSION);

export const IndexFileSchema = z.object({
  schemaVersion: Version,
  articles: z.array(ArticleSchema.omit({ text: true }).extend({ length: z.number().int().nonnegative() })),
});
export type IndexFile = z.infer<typeof IndexFileSchema>;

/** An article's text never changes, nor its file: one written by layout version 1 is read as it is. */
export const ArticleFileSchema = z.object({ schemaVersion: z.union([z.literal(1), Version]), article: ArticleSchema });
export type ArticleFile = z.infer<typeof ArticleFileSchema>;

/** One annotator's layer of one article (`layers/<articleId>/<annotator>.json`); the gold layer holds the decisions. */
export const LayerFileSchema = z
  .object({
    schemaVersion: Version,
    articleId: IdSchema,
    annotator: z.string().min(1).max(200),
    annotations: z.array(AnnotationSchema),
    relations: z.array(RelationSchema),
    documentLabels: z.array(DocumentLabelsSchema),
    decisions: z.array(DecisionSchema).optional(),
    /** Suggestions the annotator rejected (absent until the first). */
    rejections: z.array(RejectionSchema).optional(),
  })
  .superRefine((file, ctx) => {
    for (const key of ['annotations', 'relations', 'documentLabels', 'rejections'] as const)
      (file[key] ?? []).forEach((record, i) => {
        if (record.annotator !== file.annotator)
          ctx.addIssue({ code: 'custom', path: [key, i, 'annotator'], message: `must be "${file.annotator}"` });
      });
    for (const key of ['annotations', 'relations', 'rejections'] as const)
      (file[key] ?? []).forEach((record, i) => {
        if (record.articleId !== file.articleId)
          ctx.addIssue({ code: 'custom', path: [key, i, 'articleId'], message: `must be "${file.articleId}"` });
      });
    if (file.decisions && file.annotator !== GOLD)
      ctx.addIssue({ code: 'custom', path: ['decisions'], message: `only the ${GOLD} layer holds decisions` });
  });
export type LayerFile = z.infer<typeof LayerFileSchema>;

export const TagsetFileSchema = z.object({ schemaVersion: Version, tagset: TagsetSchema });

/** `settings.json` (shared by the team) and `local/settings.json` (this machine's, never shared). */
export const SettingsFileSchema = z.object({
  schemaVersion: Version,
  settings: z.object({
    annotator: z.string().min(1).max(200).optional(),
    reviewingOrganisation: z.string().min(1).max(300).optional(),
    /** Which recommenders run, on which kinds, from which score (shared). */
    suggestions: SuggestSettingsSchema.optional(),
  }),
});
export type Settings = z.infer<typeof SettingsFileSchema>['settings'];

/** Every layer of one article, as the repository holds it in memory (joined from its layer files). */
export interface AnnotationFile {
  articleId: string;
  annotations: LayerFile['annotations'];
  relations: LayerFile['relations'];
  documentLabels: LayerFile['documentLabels'];
  decisions?: LayerFile['decisions'];
  rejections?: LayerFile['rejections'];
}

/** The project as the repository holds it in memory (joined from tagset, records, guidelines and settings files). */
export interface ProjectFile {
  tagset: Tagset;
  entities: Entity[];
  events: EventRecord[];
  guidelines: string;
  settings?: Settings;
  /** `members.jsonl` and `assignments.jsonl`, each absent while the store has no such file. */
  members?: TeamMember[];
  assignments?: Assignment[];
}

/** A parser for the adapter: checks the version first, so the message says "newer" rather than "invalid". */
export function parserFor<T>(file: string, schema: z.ZodType<T, unknown>): (json: unknown) => T {
  return (json) => {
    const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (typeof version === 'number' && version > STORE_SCHEMA_VERSION) {
      throw unreadable(
        file,
        `it has schema version ${version}, newer than this Factmark understands (${STORE_SCHEMA_VERSION})`,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first && first.path.length > 0 ? ` at ${first.path.map(String).join('.')}` : '';
      throw unreadable(file, `it does not have the expected shape (${first?.message ?? 'invalid'}${where})`);
    }
    return parsed.data;
  };
}
