import { z } from 'zod';
import { AnnotationSchema, ArticleSchema, IdSchema } from '../model';
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

export const AnnotationFileSchema = z.object({
  schemaVersion: Version,
  articleId: IdSchema,
  annotations: z.array(AnnotationSchema),
});
export type AnnotationFile = z.infer<typeof AnnotationFileSchema>;

/** A parser for the adapter: checks the version first, so the message says "newer" rather than "invalid". */
export function parserFor<T>(file: string, schema: z.ZodType<T>): (json: unknown) => T {
  return (json) => {
    const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
    if (typeof version === 'number' && version > STORE_SCHEMA_VERSION) {
      throw unreadable(file, `it has schema version ${version}, newer than this Factmark understands (${STORE_SCHEMA_VERSION})`);
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
