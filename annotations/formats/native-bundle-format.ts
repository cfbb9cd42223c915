import { z } from 'zod';
import {
  AnnotationSchema,
  ArticleSchema,
  DecisionSchema,
  DocumentLabelsSchema,
  EntitySchema,
  EventRecordSchema,
  RelationSchema,
} from '../model';
import { TagsetSchema } from '../tagset';
import type { ExportedFile, ExportInput } from './export-input';

/**
 * The lossless bundle: everything a store holds, for backups and for moving
 * work between machines. Annotations are the store's records as they are,
 * a discontinuous span with its `fragments`.
 */
export const BundleSchema = z.object({
  format: z.literal('factmark-bundle'),
  version: z.literal(1),
  exportedAt: z.iso.datetime(),
  /** Whose Factmark wrote it: importing a newer bundle of theirs replaces their layer. */
  exportedBy: z.string().min(1).max(200).optional(),
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
      decisions: z.array(DecisionSchema).optional(),
    }),
  ),
});
export type Bundle = z.infer<typeof BundleSchema>;

export function exportBundle(
  input: ExportInput & { guidelines: string; exportedBy?: string },
  exportedAt: string,
): ExportedFile[] {
  const bundle: Bundle = {
    format: 'factmark-bundle',
    version: 1,
    exportedAt,
    ...(input.exportedBy ? { exportedBy: input.exportedBy } : {}),
    tagset: input.tagset,
    guidelines: input.guidelines,
    entities: input.entities,
    events: input.events,
    articles: input.articles.map(({ article, layer }) => ({ article, ...layer })),
  };
  return [{ path: 'factmark-bundle.json', content: `${JSON.stringify(bundle)}\n` }];
}
