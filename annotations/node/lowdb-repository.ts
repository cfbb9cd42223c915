import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import type { z } from 'zod';
import { DEFAULT_GUIDELINES } from '../default-guidelines';
import { DEFAULT_TAGSET } from '../default-tagset';
import { FactmarkError, StoreUnreadableError } from '../errors';
import type { Annotation, Article, ArticleLayer, ArticleSummary } from '../model';
import { summarize } from '../model';
import type { AnnotationRepository, ProjectData, StoreProblem, StoreStatus } from '../repository';
import { AtomicJsonFile } from './atomic-json-file';
import type { AnnotationFile, ArticleFile, IndexFile, ProjectFile } from './store-files';
import {
  AnnotationFileSchema,
  ArticleFileSchema,
  IndexFileSchema,
  parserFor,
  ProjectFileSchema,
  STORE_SCHEMA_VERSION,
} from './store-files';

export interface LowdbRepository extends AnnotationRepository {
  /** True when the store folder held no index yet: a brand-new store. */
  readonly isNew: boolean;
}

function jsonFile<T>(path: string, schema: z.ZodType<T, unknown>): AtomicJsonFile<T> {
  return new AtomicJsonFile(path, parserFor(path, schema));
}

/** A queue per key: tasks of one key run one after another, whatever happens to the one before. */
function createQueues() {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const next = (tails.get(key) ?? Promise.resolve()).catch(() => undefined).then(task);
    tails.set(key, next);
    return next;
  };
}

/** Sets `db.data` to `next` only once it is safely on disk. */
async function commit<T>(db: Low<T>, next: T): Promise<void> {
  const before = db.data;
  db.data = next;
  try {
    await db.write();
  } catch (error) {
    db.data = before;
    throw new FactmarkError(
      'internal',
      `Could not save ${(db.adapter as AtomicJsonFile<T>).path}: ${(error as Error).message}`,
    );
  }
}

/**
 * The lowdb store. Layout, chosen so that saving one edit costs the same
 * whatever the corpus size:
 *
 *     index.json                 article summaries (rewritten only on import)
 *     project.json               tagset, entities, events, guidelines
 *     articles/<id>.json         one article's text (written once)
 *     annotations/<id>.json      one article's layer (rewritten per edit)
 *
 * Files are read lazily and cached; every write is atomic. A file that cannot
 * be read is reported and never written over.
 */
export async function openLowdbRepository(dir: string): Promise<LowdbRepository> {
  await mkdir(join(dir, 'articles'), { recursive: true });
  await mkdir(join(dir, 'annotations'), { recursive: true });

  const indexFile = jsonFile<IndexFile>(join(dir, 'index.json'), IndexFileSchema);
  const indexFound = await indexFile.read();
  const indexDb = new Low<IndexFile>(indexFile, indexFound ?? { schemaVersion: STORE_SCHEMA_VERSION, articles: [] });

  const projectFile = jsonFile<ProjectFile>(join(dir, 'project.json'), ProjectFileSchema);
  const projectFound = await projectFile.read();
  const projectDb = new Low<ProjectFile>(
    projectFile,
    projectFound ?? {
      schemaVersion: STORE_SCHEMA_VERSION,
      tagset: DEFAULT_TAGSET,
      entities: [],
      events: [],
      guidelines: DEFAULT_GUIDELINES,
    },
  );

  const byId = new Map(indexDb.data.articles.map((a) => [a.id, a]));
  const articleCache = new Map<string, Article>();
  const layerDbs = new Map<string, Promise<Low<AnnotationFile>>>();
  const queue = createQueues();
  const problems = new Map<string, string>();

  function report(error: unknown): never {
    if (error instanceof StoreUnreadableError) problems.set(error.file, error.reason);
    throw error;
  }

  function requireArticle(articleId: string): ArticleSummary {
    const summary = byId.get(articleId);
    if (!summary) throw new FactmarkError('not-found', `No article "${articleId}" in the store`);
    return summary;
  }

  function layerDb(articleId: string): Promise<Low<AnnotationFile>> {
    requireArticle(articleId);
    let db = layerDbs.get(articleId);
    if (!db) {
      const low = new Low<AnnotationFile>(
        jsonFile(join(dir, 'annotations', `${articleId}.json`), AnnotationFileSchema),
        {
          schemaVersion: STORE_SCHEMA_VERSION,
          articleId,
          annotations: [],
          relations: [],
          documentLabels: [],
        },
      );
      db = low.read().then(() => low, report);
      // A failed read is not cached: the user may repair the file and try again.
      db.catch(() => layerDbs.delete(articleId));
      layerDbs.set(articleId, db);
    }
    return db;
  }

  const toLayer = ({ annotations, relations, documentLabels, decisions }: AnnotationFile): ArticleLayer => ({
    annotations,
    relations,
    documentLabels,
    ...(decisions ? { decisions } : {}),
  });

  async function readLayer(articleId: string): Promise<ArticleLayer> {
    return toLayer((await layerDb(articleId)).data);
  }

  function updateLayer(articleId: string, edit: (layer: ArticleLayer) => ArticleLayer): Promise<ArticleLayer> {
    return queue(`layer:${articleId}`, async () => {
      const db = await layerDb(articleId);
      const next = edit(toLayer(db.data));
      await commit(db, { ...db.data, ...next });
      return next;
    });
  }

  async function addArticles(articles: readonly Article[]): Promise<void> {
    const seen = new Set<string>();
    for (const article of articles) {
      if (byId.has(article.id) || seen.has(article.id))
        throw new FactmarkError('conflict', `Article "${article.id}" is already in the store`);
      seen.add(article.id);
    }
    await queue('index', async () => {
      // Text files first: the index never names an article whose text is not on disk.
      for (const article of articles) {
        const file = jsonFile<ArticleFile>(join(dir, 'articles', `${article.id}.json`), ArticleFileSchema);
        await file.write({ schemaVersion: STORE_SCHEMA_VERSION, article });
      }
      const summaries = articles.map(summarize);
      await commit(indexDb, { ...indexDb.data, articles: [...indexDb.data.articles, ...summaries] });
      for (const summary of summaries) byId.set(summary.id, summary);
      if (projectFound === null && indexFound === null) await projectDb.write();
    });
  }

  function putAnnotations(articleId: string, incoming: readonly Annotation[]): Promise<void> {
    return updateLayer(articleId, (layer) => {
      const annotations = [...layer.annotations];
      const at = new Map(annotations.map((a, i) => [a.id, i]));
      for (const annotation of incoming) {
        const index = at.get(annotation.id);
        if (index === undefined) {
          at.set(annotation.id, annotations.length);
          annotations.push(annotation);
        } else {
          annotations[index] = annotation;
        }
      }
      return { ...layer, annotations };
    }).then(() => undefined);
  }

  return {
    isNew: indexFound === null,

    status(): StoreStatus {
      const list: StoreProblem[] = [...problems].map(([file, reason]) => ({ file, reason }));
      return { location: dir, schemaVersion: STORE_SCHEMA_VERSION, articleCount: byId.size, problems: list };
    },

    listArticles: () => indexDb.data.articles,

    async getArticle(articleId) {
      requireArticle(articleId);
      const cached = articleCache.get(articleId);
      if (cached) return cached;
      const file = jsonFile(join(dir, 'articles', `${articleId}.json`), ArticleFileSchema);
      const data = await file.read().catch(report);
      if (!data) report(new StoreUnreadableError(file.path, 'the file is missing'));
      articleCache.set(articleId, data.article);
      return data.article;
    },

    addArticle: (article) => addArticles([article]),
    addArticles,
    readLayer,
    updateLayer,

    readProject: (): ProjectData => {
      const { tagset, entities, events, guidelines, settings } = projectDb.data;
      return { tagset, entities, events, guidelines, ...(settings ? { settings } : {}) };
    },

    updateProject(edit) {
      return queue('project', async () => {
        const next = edit({ ...projectDb.data });
        await commit(projectDb, { ...projectDb.data, ...next });
        return next;
      });
    },

    listAnnotations: async (articleId) => (await readLayer(articleId)).annotations,
    putAnnotation: (annotation) => putAnnotations(annotation.articleId, [annotation]),
    putAnnotations,
    deleteAnnotation: (articleId, annotationId) =>
      updateLayer(articleId, (layer) => ({
        ...layer,
        annotations: layer.annotations.filter((a) => a.id !== annotationId),
      })).then(() => undefined),
  };
}
