import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { FactmarkError, StoreUnreadableError } from '../errors';
import type { Annotation, Article, ArticleSummary } from '../model';
import { summarize } from '../model';
import type { AnnotationRepository, StoreProblem, StoreStatus } from '../repository';
import { AtomicJsonFile } from './atomic-json-file';
import type { AnnotationFile, ArticleFile, IndexFile } from './store-files';
import { AnnotationFileSchema, ArticleFileSchema, IndexFileSchema, parserFor, STORE_SCHEMA_VERSION } from './store-files';

export interface LowdbRepository extends AnnotationRepository {
  /** True when the store folder held no index yet: a brand-new store. */
  readonly isNew: boolean;
}

function jsonFile<T>(path: string, schema: Parameters<typeof parserFor<T>>[1]): AtomicJsonFile<T> {
  return new AtomicJsonFile(path, parserFor(path, schema));
}

/**
 * The lowdb store. Layout, chosen so that saving one edit costs the same
 * whatever the corpus size:
 *
 *     index.json                 article summaries (rewritten only on import)
 *     articles/<id>.json         one article's text (written once)
 *     annotations/<id>.json      one article's annotations (rewritten per edit)
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

  const byId = new Map(indexDb.data.articles.map((a) => [a.id, a]));
  const articleCache = new Map<string, Article>();
  const annotationDbs = new Map<string, Promise<Low<AnnotationFile>>>();
  const queues = new Map<string, Promise<unknown>>();
  const problems = new Map<string, string>();

  function report(error: unknown): never {
    if (error instanceof StoreUnreadableError) problems.set(error.file, error.reason);
    throw error;
  }

  function remember<T>(promise: Promise<T>): Promise<T> {
    return promise.catch(report);
  }

  function requireArticle(articleId: string): ArticleSummary {
    const summary = byId.get(articleId);
    if (!summary) throw new FactmarkError('not-found', `No article "${articleId}" in the store`);
    return summary;
  }

  function annotationDb(articleId: string): Promise<Low<AnnotationFile>> {
    requireArticle(articleId);
    let db = annotationDbs.get(articleId);
    if (!db) {
      const low = new Low<AnnotationFile>(
        jsonFile(join(dir, 'annotations', `${articleId}.json`), AnnotationFileSchema),
        { schemaVersion: STORE_SCHEMA_VERSION, articleId, annotations: [] },
      );
      db = remember(low.read().then(() => low));
      // A failed read is not cached: the user may repair the file and try again.
      db.catch(() => annotationDbs.delete(articleId));
      annotationDbs.set(articleId, db);
    }
    return db;
  }

  /** Runs edits of one article one after another; memory changes only after the write succeeded. */
  function mutate(articleId: string, edit: (annotations: Annotation[]) => Annotation[]): Promise<void> {
    const previous = queues.get(articleId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(async () => {
      const db = await annotationDb(articleId);
      const before = db.data;
      db.data = { ...before, annotations: edit([...before.annotations]) };
      try {
        await db.write();
      } catch (error) {
        db.data = before;
        throw new FactmarkError('internal', `Could not save annotations of "${articleId}": ${(error as Error).message}`);
      }
    });
    queues.set(articleId, next);
    return next;
  }

  async function addArticles(articles: readonly Article[]): Promise<void> {
    const seen = new Set<string>();
    for (const article of articles) {
      if (byId.has(article.id) || seen.has(article.id)) {
        throw new FactmarkError('conflict', `Article "${article.id}" is already in the store`);
      }
      seen.add(article.id);
    }
    // Text files first: the index never names an article whose text is not on disk.
    for (const article of articles) {
      const file = jsonFile<ArticleFile>(join(dir, 'articles', `${article.id}.json`), ArticleFileSchema);
      await file.write({ schemaVersion: STORE_SCHEMA_VERSION, article });
    }
    const summaries = articles.map(summarize);
    const before = indexDb.data;
    indexDb.data = { ...before, articles: [...before.articles, ...summaries] };
    try {
      await indexDb.write();
    } catch (error) {
      indexDb.data = before;
      throw error;
    }
    for (const summary of summaries) byId.set(summary.id, summary);
  }

  function putAnnotations(articleId: string, incoming: readonly Annotation[]): Promise<void> {
    return mutate(articleId, (annotations) => {
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
      return annotations;
    });
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
      const data = await remember(file.read());
      if (!data) report(new StoreUnreadableError(file.path, 'the file is missing'));
      articleCache.set(articleId, data.article);
      return data.article;
    },

    addArticle: (article) => addArticles([article]),
    addArticles,

    async listAnnotations(articleId) {
      return (await annotationDb(articleId)).data.annotations;
    },

    putAnnotation: (annotation) => putAnnotations(annotation.articleId, [annotation]),
    putAnnotations,

    deleteAnnotation(articleId, annotationId) {
      return mutate(articleId, (annotations) => annotations.filter((a) => a.id !== annotationId));
    },
  };
}
