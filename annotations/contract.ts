import { z } from 'zod';
import type { WireError } from './errors';
import { AttributesSchema, IdSchema } from './model';
import type { Annotation, Article, ArticleSummary } from './model';
import type { OperationName } from './operation-names';
import type { StoreStatus } from './repository';
import type { Tagset } from './tagset';

const ArticleRef = z.strictObject({ articleId: IdSchema });

/** Argument schemas of every operation: both transports parse with these before a handler runs. */
export const argumentSchemas = {
  'store/status': z.strictObject({}),
  'articles/list': z.strictObject({}),
  'articles/get': ArticleRef,
  'annotations/list': ArticleRef,
  'annotations/create': z.strictObject({
    /** Chosen by the client, so a retried create cannot make a twin. */
    id: IdSchema.optional(),
    articleId: IdSchema,
    kind: z.string().min(1),
    start: z.number().int(),
    end: z.number().int(),
    quote: z.string(),
    attributes: AttributesSchema.optional(),
  }),
  'annotations/update': z.strictObject({
    articleId: IdSchema,
    id: IdSchema,
    attributes: AttributesSchema,
  }),
  'annotations/delete': z.strictObject({ articleId: IdSchema, id: IdSchema }),
  'export/jsonl': z.strictObject({}),
} satisfies Record<OperationName, z.ZodType>;

export type Args<K extends OperationName> = z.infer<(typeof argumentSchemas)[K]>;

/** A file produced for the user to save where they choose. */
export interface ExportFile {
  fileName: string;
  mediaType: string;
  content: string;
}

export interface SessionStatus extends StoreStatus {
  annotator: string;
  tagset: Tagset;
}

/** What each operation resolves to. */
export interface Results {
  'store/status': SessionStatus;
  'articles/list': ArticleSummary[];
  'articles/get': Article;
  'annotations/list': Annotation[];
  'annotations/create': Annotation;
  'annotations/update': Annotation;
  'annotations/delete': { id: string };
  'export/jsonl': ExportFile;
}

export type Handlers = { [K in OperationName]: (args: Args<K>) => Promise<Results[K]> };

/** The envelope both transports carry: `{ok, result}` or `{ok, error}`. */
export type Envelope<T = unknown> = { ok: true; result: T } | { ok: false; error: WireError };
