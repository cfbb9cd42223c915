import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import type { z } from 'zod';
import { DEFAULT_GUIDELINES } from '../default-guidelines';
import { DEFAULT_TAGSET } from '../default-tagset';
import { FactmarkError, StoreUnreadableError } from '../errors';
import type { Article, ArticleSummary } from '../model';
import { summarize } from '../model';
import { createReadWriteLock } from '../read-write-lock';
import type { AnnotationRepository, ProjectData, StoreProblem, StoreStatus, StoreView } from '../repository';
import type { WriteStepHook } from './atomic-json-file';
import { AtomicJsonFile, isTemporaryFile } from './atomic-json-file';
import type { AnnotationFile, ArticleFile, IndexFile, ProjectFile } from './store-files';
import {
  AnnotationFileSchema,
  ArticleFileSchema,
  IndexFileSchema,
  parserFor,
  ProjectFileSchema,
  STORE_SCHEMA_VERSION,
} from './store-files';
import type { JournalEntry } from './store-journal';
import { clearJournal, JOURNAL_NAME, recoverJournal, writeJournal } from './store-journal';
import type { StoreLock, StoreOwner } from './store-lock';
import { lockStore } from './store-lock';
import { storeView, toLayer, toProject } from './store-view';
import type { Staged } from './store-view';

export interface LowdbRepository extends AnnotationRepository {
  /** True when the store folder held no index yet: a brand-new store. */
  readonly isNew: boolean;
  /** Says anew who holds the store, for a second process to read (the web mode's address, once it listens). */
  announce(owner: StoreOwner): void;
}

export interface RepositoryOptions {
  /** Who opens the store, for the sentence a second process shows. */
  owner?: StoreOwner;
  /** Called before each step that changes a file (crash tests stop the process there). */
  onWriteStep?: WriteStepHook;
  /** How long the lock stays fresh without a refresh (tests shorten it). */
  lockStaleMs?: number;
}

const BACKUP = 'backup';

/** Removes what killed writes left behind: `.name.pid.n.tmp` files. The store is locked, so no write is under way. */
async function removeTemporaryFiles(dirs: readonly string[]): Promise<void> {
  for (const dir of dirs) {
    const names = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(names.filter(isTemporaryFile).map((name) => rm(join(dir, name), { force: true })));
  }
}

const emptyLayerFile = (articleId: string): AnnotationFile => ({
  schemaVersion: STORE_SCHEMA_VERSION,
  articleId,
  annotations: [],
  relations: [],
  documentLabels: [],
});

/**
 * `next` with only the records that `before` (the file as read, or as last
 * written: checked already) does not hold as they are: what a save must
 * check. Records an edit left alone keep their identity.
 */
function onlyNew(next: AnnotationFile, before: AnnotationFile): AnnotationFile {
  const fresh = <T>(records: readonly T[], old: readonly T[] | undefined): T[] => {
    const kept = new Set(old ?? []);
    return records.filter((r) => !kept.has(r));
  };
  return {
    ...next,
    annotations: fresh(next.annotations, before.annotations),
    relations: fresh(next.relations, before.relations),
    documentLabels: fresh(next.documentLabels, before.documentLabels),
    ...(next.decisions ? { decisions: fresh(next.decisions, before.decisions) } : {}),
  };
}

const defaultProject = (): ProjectFile => ({
  schemaVersion: STORE_SCHEMA_VERSION,
  tagset: DEFAULT_TAGSET,
  entities: [],
  events: [],
  guidelines: DEFAULT_GUIDELINES,
});

/**
 * The lowdb store. Layout, chosen so that saving one edit costs the same
 * whatever the corpus size:
 *
 *     index.json                 article summaries (rewritten only on import)
 *     project.json               tagset, entities, events, guidelines
 *     articles/<id>.json         one article's text (written once)
 *     annotations/<id>.json      one article's layer (rewritten per edit)
 *     backup/…                   the previous version of each rewritten file
 *     journal.json               only while a change of several files is written
 *     store.lock/                held by the one process that has the store open
 *
 * Files are read lazily and cached; every write is atomic and every change
 * all or nothing (see store-journal.ts). A file that cannot be read is
 * reported and never written over.
 */
export async function openLowdbRepository(dir: string, options: RepositoryOptions = {}): Promise<LowdbRepository> {
  const onStep = options.onWriteStep;
  for (const sub of ['articles', 'annotations', join(BACKUP, 'annotations')])
    await mkdir(join(dir, sub), { recursive: true });
  const lock: StoreLock = await lockStore(dir, options.owner ?? { kind: 'another Factmark process' }, {
    staleMs: options.lockStaleMs,
  });
  try {
    return await openLocked(dir, lock, onStep);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function openLocked(dir: string, lock: StoreLock, onStep: WriteStepHook | undefined): Promise<LowdbRepository> {
  const paths = {
    index: 'index.json',
    project: 'project.json',
    layer: (articleId: string) => `annotations/${articleId}.json`,
    article: (articleId: string) => `articles/${articleId}.json`,
  };
  function jsonFile<T>(path: string, schema: z.ZodType<T, unknown>, backup = true): AtomicJsonFile<T> {
    const full = join(dir, path);
    return new AtomicJsonFile(full, parserFor(full, schema), {
      onStep,
      ...(backup ? { backupPath: join(dir, BACKUP, path) } : {}),
    });
  }
  const fileFor = (path: string): AtomicJsonFile<unknown> =>
    path === paths.index
      ? jsonFile(path, IndexFileSchema)
      : path === paths.project
        ? jsonFile(path, ProjectFileSchema)
        : jsonFile(path, AnnotationFileSchema);

  await removeTemporaryFiles([
    dir,
    join(dir, 'articles'),
    join(dir, 'annotations'),
    join(dir, BACKUP),
    join(dir, BACKUP, 'annotations'),
  ]);
  /** Finishes an interrupted change: each file not yet replaced (one that is keeps its last good copy as it is). */
  const finishJournal = () =>
    recoverJournal(
      dir,
      async (entry) => {
        const now = await readFile(join(dir, entry.path), 'utf8').catch(() => null);
        if (now !== entry.text) await fileFor(entry.path).writeText(entry.text);
      },
      onStep,
    );
  const recovery = await finishJournal();
  const problems = new Map<string, Omit<StoreProblem, 'file'>>();
  if (recovery.outcome === 'set-aside')
    problems.set(recovery.file, {
      reason: `an interrupted change could not be finished: its journal is damaged (${recovery.reason})`,
    });

  const indexFile = jsonFile<IndexFile>(paths.index, IndexFileSchema);
  /** A whole-store file that cannot be read stops the store opening: the message says where its last good copy is. */
  const readWhole = async <T>(file: AtomicJsonFile<T>, path: string): Promise<T | null> =>
    file.read().catch((error: unknown) => {
      const copy = join(dir, BACKUP, path);
      if (error instanceof StoreUnreadableError && existsSync(copy))
        throw new StoreUnreadableError(error.file, `${error.reason}; its last good copy is ${copy}`);
      throw error;
    });
  const indexFound = await readWhole(indexFile, paths.index);
  const indexDb = new Low<IndexFile>(indexFile, indexFound ?? { schemaVersion: STORE_SCHEMA_VERSION, articles: [] });

  const projectFile = jsonFile<ProjectFile>(paths.project, ProjectFileSchema);
  const projectFound = await readWhole(projectFile, paths.project);
  let projectOnDisk = projectFound !== null;
  const projectDb = new Low<ProjectFile>(projectFile, projectFound ?? defaultProject());

  const byId = new Map(indexDb.data.articles.map((a) => [a.id, a]));
  const articleCache = new Map<string, Article>();
  const layerDbs = new Map<string, Promise<Low<AnnotationFile>>>();
  const rw = createReadWriteLock();
  /** A change whose journal is written but whose files are not all replaced yet (a write failed). */
  let pending = false;
  let closed = false;

  function report(articleId: string) {
    return (error: unknown): never => {
      if (error instanceof StoreUnreadableError) {
        const restorable =
          error.file === join(dir, paths.layer(articleId)) && existsSync(join(dir, BACKUP, paths.layer(articleId)));
        problems.set(error.file, { reason: error.reason, articleId, restorable });
      }
      throw error;
    };
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
        jsonFile(paths.layer(articleId), AnnotationFileSchema),
        emptyLayerFile(articleId),
      );
      db = low.read().then(() => {
        // Readable again (repaired by hand): no longer a problem.
        problems.delete(join(dir, paths.layer(articleId)));
        return low;
      }, report(articleId));
      // A failed read is not cached: the user may repair the file and try again.
      db.catch(() => layerDbs.delete(articleId));
      layerDbs.set(articleId, db);
    }
    return db;
  }

  async function getArticle(articleId: string): Promise<Article> {
    requireArticle(articleId);
    const cached = articleCache.get(articleId);
    if (cached) return cached;
    const file = jsonFile(paths.article(articleId), ArticleFileSchema, false);
    const data = await file.read().catch(report(articleId));
    if (!data) return report(articleId)(new StoreUnreadableError(file.path, 'the file is missing'));
    problems.delete(file.path);
    articleCache.set(articleId, data.article);
    return data.article;
  }

  const committed: Staged['committed'] = {
    listArticles: () => indexDb.data.articles,
    hasArticle: (id) => byId.has(id),
    getArticle,
    readLayerFile: async (id) => (await layerDb(id)).data,
    readProjectFile: () => projectDb.data,
  };

  /** Writes what a transaction staged: every file checked first, then one file alone or several through the journal. */
  async function commit(staged: Staged): Promise<void> {
    if (lock.lost)
      throw new FactmarkError(
        'conflict',
        `Factmark lost its hold on the store ${dir} (${lock.lost.message}); nothing was saved. Close Factmark and open it again.`,
      );
    const articles = staged.newArticles.map((article) => ({
      file: jsonFile<ArticleFile>(paths.article(article.id), ArticleFileSchema, false),
      data: { schemaVersion: STORE_SCHEMA_VERSION, article } as ArticleFile,
    }));
    const nextIndex: IndexFile | null =
      staged.newArticles.length > 0
        ? { ...indexDb.data, articles: [...indexDb.data.articles, ...staged.newArticles.map(summarize)] }
        : null;
    // A new store gets its project file with its first articles.
    const nextProject = staged.project ?? (nextIndex && !projectOnDisk ? projectDb.data : null);
    const entries: JournalEntry[] = [];
    if (nextIndex)
      entries.push({
        path: paths.index,
        text: indexFile.serialize(nextIndex, { ...nextIndex, articles: staged.newArticles.map(summarize) }),
      });
    if (nextProject) entries.push({ path: paths.project, text: projectFile.serialize(nextProject) });
    for (const [articleId, layer] of staged.layers) {
      const before = byId.has(articleId) ? await layerDbs.get(articleId) : undefined;
      entries.push({
        path: paths.layer(articleId),
        text: fileFor(paths.layer(articleId)).serialize(layer, before ? onlyNew(layer, before.data) : layer),
      });
    }
    const texts = articles.map(({ file, data }) => file.serialize(data));

    // Article texts are new files no record names until the index does: written first, outside the journal.
    for (const [i, { file }] of articles.entries()) await file.writeText(texts[i]!);
    try {
      if (entries.length > 1) await writeJournal(dir, entries, onStep);
      for (const entry of entries) await fileFor(entry.path).writeText(entry.text);
      if (entries.length > 1) await clearJournal(dir, onStep);
    } catch (error) {
      // With its journal on disk the change is made (even when the write failed after the journal's
      // rename): the next change, or the next start, finishes it. Without one, nothing of it was.
      if (entries.length <= 1 || !existsSync(join(dir, JOURNAL_NAME))) throw error;
      pending = true;
    }

    if (nextIndex) {
      indexDb.data = nextIndex;
      for (const summary of nextIndex.articles.slice(-staged.newArticles.length)) byId.set(summary.id, summary);
    }
    for (const article of staged.newArticles) articleCache.set(article.id, article);
    if (nextProject) {
      projectDb.data = nextProject;
      projectOnDisk = true;
    }
    for (const [articleId, layer] of staged.layers) {
      const low = new Low<AnnotationFile>(jsonFile(paths.layer(articleId), AnnotationFileSchema), layer);
      low.data = layer;
      layerDbs.set(articleId, Promise.resolve(low));
      const file = join(dir, paths.layer(articleId));
      problems.delete(file);
    }
  }

  /** Before a change: the store is still ours, and a change whose files were not all written is finished. */
  async function readyToChange(): Promise<void> {
    if (closed) throw new FactmarkError('conflict', `The store ${dir} was closed; nothing was saved`);
    if (pending) {
      await finishJournal();
      pending = false;
    }
  }

  function transact<T>(work: (tx: StoreView) => Promise<T>): Promise<T> {
    return rw.write(async () => {
      await readyToChange();
      const staged: Staged = { committed, newArticles: [], layers: new Map(), project: null };
      const result = await work(storeView(staged, status));
      await commit(staged);
      return result;
    });
  }

  function status(): StoreStatus {
    const list: StoreProblem[] = [...problems].map(([file, problem]) => ({ file, ...problem }));
    return { location: dir, schemaVersion: STORE_SCHEMA_VERSION, articleCount: byId.size, problems: list };
  }

  const readOnly = storeView({ committed, newArticles: [], layers: new Map(), project: null }, status, {
    readOnly: true,
  });

  return {
    isNew: indexFound === null,
    status,
    listArticles: () => indexDb.data.articles,
    getArticle,
    readLayer: async (articleId) => toLayer((await layerDb(articleId)).data),
    readProject: (): ProjectData => toProject(projectDb.data),
    listAnnotations: async (articleId) => toLayer((await layerDb(articleId)).data).annotations,

    transact,
    snapshot: (work) => rw.read(() => work(readOnly)),

    addArticle: (article) => transact((tx) => tx.addArticle(article)),
    addArticles: (articles) => transact((tx) => tx.addArticles(articles)),
    updateLayer: (articleId, edit) => transact((tx) => tx.updateLayer(articleId, edit)),
    updateProject: (edit) => transact((tx) => tx.updateProject(edit)),
    putAnnotation: (annotation) => transact((tx) => tx.putAnnotation(annotation)),
    putAnnotations: (articleId, annotations) => transact((tx) => tx.putAnnotations(articleId, annotations)),
    deleteAnnotation: (articleId, id) => transact((tx) => tx.deleteAnnotation(articleId, id)),

    restoreLayer: (articleId) =>
      rw.write(async () => {
        await readyToChange();
        requireArticle(articleId);
        const path = paths.layer(articleId);
        // A layer held in memory was read (or written) whole: the file is not what is damaged.
        const current = await layerDb(articleId).then(
          () => true,
          () => false,
        );
        if (current)
          throw new FactmarkError(
            'conflict',
            `The annotations of "${articleId}" read fine; there is nothing to restore (a copy would undo their last edit)`,
          );
        const backup = jsonFile<AnnotationFile>(join(BACKUP, path), AnnotationFileSchema, false);
        const good = await backup.read().catch(() => null);
        if (!good)
          throw new FactmarkError(
            'not-found',
            `No readable copy of ${path} is kept; repair the file by hand or move it away`,
          );
        await fileFor(path).writeText(backup.serialize(good), { keepBackup: false });
        layerDbs.delete(articleId);
        problems.delete(join(dir, path));
      }),

    announce: (owner) => lock.announce(owner),
    close: () =>
      rw.write(async () => {
        if (closed) return;
        closed = true;
        await lock.release();
      }),
  };
}
