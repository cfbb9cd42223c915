import { z } from 'zod';
import {
  AnnotationSchema,
  ArticleSchema,
  DecisionSchema,
  DocumentLabelsSchema,
  EntitySchema,
  EventRecordSchema,
  IdSchema,
  RelationSchema,
} from '../model';
import { TagsetSchema } from '../tagset';
import { unreadable } from './atomic-json-file';

/** The store's on-disk schema version; a store written by a newer Factmark is refused, not rewritten. */
export const STORE_SCHEMA_VERSION = 1;

const Version = z.literal(STORE_SCHEMA_VERSION);

export const IndexFileSchema = z.object({
  schemaVersion: Version,
  articles: z.array(ArticleSchema.omit({ text: true }).extend({ length: z.number().int().nonnegative() })),
});
export type IndexFile = z.infer<typeof IndexFileSchema>;

export const ArticleFileSchema = z.object({ schemaVersion: Version, article: ArticleSchema });
export type ArticleFile = z.infer<typeof ArticleFileSchema>;

/** One article's layer: annotations, relations and document labels of every annotator. */
export const AnnotationFileSchema = z.object({
  schemaVersion: Version,
  articleId: IdSchema,
  annotations: z.array(AnnotationSchema),
  relations: z.array(RelationSchema).default([]),
  documentLabels: z.array(DocumentLabelsSchema).default([]),
  decisions: z.array(DecisionSchema).optional(),
});
export type AnnotationFile = z.infer<typeof AnnotationFileSchema>;

/** The project: tagset, entity registry, event records, guidelines. */
export const ProjectFileSchema = z.object({
  schemaVersion: Version,
  tagset: TagsetSchema,
  entities: z.array(EntitySchema).default([]),
  events: z.array(EventRecordSchema).default([]),
  guidelines: z.string().default(''),
  settings: z
    .object({
      annotator: z.string().min(1).max(200).optional(),
      reviewingOrganisation: z.string().min(1).max(300).optional(),
    })
    .optional(),
});
export type ProjectFile = z.infer<typeof ProjectFileSchema>;

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
