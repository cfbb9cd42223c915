import { z } from 'zod';

/** Store ids: short, file-name safe, so an id can name the article's files. */
export const IdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'must be 1–128 letters, digits, "_", "." or "-"');

const AttributeValueSchema = z.union([z.string(), z.boolean(), z.number(), z.null()]);
export const AttributesSchema = z.record(z.string(), AttributeValueSchema);

/** An article of the corpus. Its text never changes once added: offsets point into it. */
export const ArticleSchema = z.object({
  id: IdSchema,
  title: z.string(),
  text: z.string(),
  /** Where the article came from: a file name, a URL, or "sample corpus". */
  source: z.string(),
  addedAt: z.iso.datetime(),
  /** `sha256:` and the hex digest of the UTF-8 text. */
  contentHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
});
export type Article = z.infer<typeof ArticleSchema>;

/** What the article list shows: everything but the text. */
export type ArticleSummary = Omit<Article, 'text'> & { length: number };

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
  attributes: AttributesSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Annotation = z.infer<typeof AnnotationSchema>;

export function summarize(article: Article): ArticleSummary {
  const { text, ...rest } = article;
  return { ...rest, length: text.length };
}
