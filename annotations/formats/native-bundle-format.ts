import { z } from 'zod';
import {
  AnnotationSchema,
  ArticleSchema,
  DocumentLabelsSchema,
  EntitySchema,
  EventRecordSchema,
  RelationSchema,
} from '../model';
import { TagsetSchema } from '../tagset';
import type { ExportedFile, ExportInput } from './export-input';

/** The lossless bundle: everything a store holds, for backups and for moving work between machines. */
export const BundleSchema = z.object({
  format: z.literal('factmark-bundle'),
  version: z.literal(1),
  exportedAt: z.iso.datetime(),
  tagset: TagsetSchema,
  guidelines: z.string(),
  entities: z.array(EntitySchema),
  events: z.array(EventRecordSchema),
  articles: z.array(
    z.object({
      article: ArticleSchema,
      annotations: z.array(AnnotationSchema),
      relations: z.array(RelationSchema),
      documentLabels: z.array(DocumentLabelsSchema),
    }),
  ),
});
export type Bundle = z.infer<typeof BundleSchema>;

export function exportBundle(input: ExportInput & { guidelines: string }, exportedAt: string): ExportedFile[] {
  const bundle: Bundle = {
    format: 'factmark-bundle',
    version: 1,
    exportedAt,
    tagset: input.tagset,
    guidelines: input.guidelines,
    entities: input.entities,
    events: input.events,
    articles: input.articles.map(({ article, layer }) => ({ article, ...layer })),
  };
  return [{ path: 'factmark-bundle.json', content: `${JSON.stringify(bundle)}\n` }];
}
