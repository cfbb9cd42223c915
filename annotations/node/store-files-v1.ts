import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
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
import { AtomicJsonFile } from './atomic-json-file';
import { parserFor } from './store-files';

/**
 * The store's files as layout version 1 wrote them: `index.json`,
 * `project.json` (tagset, entities, event records, guidelines, settings) and
 * `annotations/<id>.json` (every layer of one article in one file). Read
 * only, to migrate such a store to the current layout and to check the copy
 * of it the migration keeps.
 */
const V1 = z.literal(1);

export const V1IndexFileSchema = z.object({
  schemaVersion: V1,
  articles: z.array(ArticleSchema.omit({ text: true }).extend({ length: z.number().int().nonnegative() })),
});

export const V1AnnotationFileSchema = z.object({
  schemaVersion: V1,
  articleId: IdSchema,
  annotations: z.array(AnnotationSchema),
  relations: z.array(RelationSchema).default([]),
  documentLabels: z.array(DocumentLabelsSchema).default([]),
  decisions: z.array(DecisionSchema).optional(),
});
export type V1AnnotationFile = z.infer<typeof V1AnnotationFileSchema>;

export const V1ProjectFileSchema = z.object({
  schemaVersion: V1,
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
export type V1ProjectFile = z.infer<typeof V1ProjectFileSchema>;

/** A version 1 store as its files hold it. */
export interface V1Store {
  index: z.infer<typeof V1IndexFileSchema> | null;
  project: V1ProjectFile | null;
  /** By article id, the annotation files there are. */
  layers: Map<string, V1AnnotationFile>;
}

const read = <T>(path: string, schema: z.ZodType<T, unknown>) =>
  new AtomicJsonFile(path, parserFor(path, schema)).read();

/** Reads every file of a version 1 store in `dir`; an unreadable one throws, naming it. */
export async function readV1Store(dir: string): Promise<V1Store> {
  const index = await read(join(dir, 'index.json'), V1IndexFileSchema);
  const project = await read(join(dir, 'project.json'), V1ProjectFileSchema);
  const layers = new Map<string, V1AnnotationFile>();
  const names = (await readdir(join(dir, 'annotations')).catch(() => [] as string[])).filter((n) =>
    /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}\.json$/.test(n),
  );
  for (const name of names.sort()) {
    const layer = await read(join(dir, 'annotations', name), V1AnnotationFileSchema);
    if (layer) layers.set(name.slice(0, -'.json'.length), layer);
  }
  return { index, project, layers };
}
