import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Low } from 'lowdb';
import { DEFAULT_GUIDELINES } from '../default-guidelines';
import { DEFAULT_TAGSET } from '../default-tagset';
import { FactmarkError, StoreUnreadableError } from '../errors';
import type { Article, ArticleSummary } from '../model';
import { summarize } from '../model';
import { createReadWriteLock } from '../read-write-lock';
import type { AnnotationRepository, ProjectData, StoreProblem, StoreStatus, StoreView } from '../repository';
import type { AtomicJsonFile, WriteStepHook } from './atomic-json-file';
import { isTemporaryFile } from './atomic-json-file';
import { writeNewFiles } from './new-files-write';
import type { AnnotationFile, ArticleFile, IndexFile, LayerFile, ProjectFile } from './store-files';
import { STORE_SCHEMA_VERSION } from './store-files';
import type { WriteEntry } from './store-journal';
import { clearJournal, JOURNAL_NAME, recoverJournal, writeJournal } from './store-journal';
import {
  canonicalLayers,
  codecFor,
  GITIGNORE,
  joinLayers,
  joinProject,
  PATHS,
  PROJECT_PATHS,
  projectParts,
  splitLayers,
} from './store-layout';
import type { StoreLock, StoreOwner } from './store-lock';
import { lockStore } from './store-lock';
import { migrateV1Store, removeV1Leftovers, storeLayoutVersion, V1_BACKUP } from './store-migration';
import type { StoreCodec } from './store-text-file';
import { stableJson, StoreTextFile } from './store-text-file';
import { storeView, toLayer, toProject } from './store-view';
import { searchCandidates } from './search-candidates';
import { openStoreSearchIndex } from './store-search-index';
import { listLayerFiles } from './layer-listing';
import type { Staged } from './store-view';

export interface LowdbRepository extends AnnotationRepository {
  /** True when the store folder held no index yet: a brand-new store. */
  readonly isNew: boolean;
  /** The layout version the store was migrated from as it opened (1), or null when it was not. */
  readonly migratedFrom: number | null;
  /** Says anew who holds the store, for a second process to read (the web mode's address, once it listens). */
  announce(owner: StoreOwner): void;
  /**
   * Runs `work` with the store to itself: no operation runs meanwhile (those under way finish first), and
   * the process keeps the store's lock, so `work` may change its files on disk (a sync through git). What
   * is held in memory is read from the files again afterwards, whether `work` succeeded or not.
   */
  offline<T>(work: () => Promise<T>): Promise<T>;
}

export interface RepositoryOptions {
  /** Who opens the store, for the sentence a second process shows. */
  owner?: StoreOwner;
  /** Called before each step that changes a file (crash tests stop the process there). */
  onWriteStep?: WriteStepHook;
  /** How long the lock stays fresh without a refresh (tests shorten it). */
  lockStaleMs?: number;
  /** Told when the store was migrated as it opened (by default, a line on stderr). */
  onNotice?: (message: string) => void;
  /** Whether the search index reads the articles it lacks in the background (default yes; a short command says no). */
  indexInBackground?: boolean;
}

const BACKUP = 'backup';
const ARTICLES_KEPT = 2000;

/** Removes what killed writes left behind: `.name.pid.n.tmp` files. The store is locked, so no write is under way. */
async function removeTemporaryFiles(dirs: readonly string[], which = isTemporaryFile): Promise<void> {
  for (const dir of dirs) {
    const names = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(names.filter(which).map((name) => rm(join(dir, name), { force: true })));
  }
}

/** A temporary file of a write of another process (one this process has under way is left alone). */
const othersTemporaryFile = (name: string) => isTemporaryFile(name) && !name.includes(`.${process.pid}.`);

const emptyLayer = (articleId: string, annotator: string): LayerFile => ({
  schemaVersion: STORE_SCHEMA_VERSION,
  articleId,
  annotator,
  annotations: [],
  relations: [],
  documentLabels: [],
});

/**
 * `next` with only the records that `before` (the file as read, or as last
 * written: checked already) does not hold as they are: what a save must
 * check. Records an edit left alone keep their identity.
 */
function onlyNew(next: LayerFile, before: LayerFile): LayerFile {
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
    ...(next.rejections ? { rejections: fresh(next.rejections, before.rejections) } : {}),
  };
}

const defaultProject = (): ProjectFile => ({
  tagset: DEFAULT_TAGSET,
  entities: [],
  events: [],
  guidelines: DEFAULT_GUIDELINES,
});

/**
 * The lowdb store. Layout version 2 (see store-layout.ts), chosen so that
 * saving one edit costs the same whatever the corpus size, and so that the
 * work of different people lands in different files or in records merged
 * by id:
 *
 *     index.json                       article summaries (rewritten only on import)
 *     tagset.json, guidelines.md       the tagset, the guidelines
 *     entities.jsonl, events.jsonl     the registry and the event records, one a line
 *     settings.json                    settings the team shares
 *     local/settings.json              this machine's settings (the annotator's name)
 *     articles/<id>.json               one article's text (written once)
 *     layers/<id>/<annotator>.json     one annotator's layer of one article (rewritten per edit)
 *     backup/…                         the previous version of each rewritten file; backup/v1/ a migrated store's files
 *     journal.json                     only while a change of several files is written
 *     store.lock/                      held by the one process that has the store open
 *
 * A store of layout version 1 is migrated as it opens (store-migration.ts).
 * Files are read lazily and cached; every write is atomic and every change
 * all or nothing (see store-journal.ts). A file that cannot be read is
 * reported and never written over.
 */
export async function openLowdbRepository(dir: string, options: RepositoryOptions = {}): Promise<LowdbRepository> {
  for (const sub of ['articles', 'layers', BACKUP]) await mkdir(join(dir, sub), { recursive: true });
  const lock: StoreLock = await lockStore(dir, options.owner ?? { kind: 'another Factmark process' }, {
    staleMs: options.lockStaleMs,
  });
  try {
    return await openLocked(dir, lock, options);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function openLocked(dir: string, lock: StoreLock, options: RepositoryOptions): Promise<LowdbRepository> {
  const onStep = options.onWriteStep;
  const full = (path: string) => join(dir, path);
  function storeFile<T>(path: string, backup = true): StoreTextFile<T> {
    return new StoreTextFile(full(path), codecFor(path, full(path)) as StoreCodec<T>, {
      onStep,
      ...(backup ? { backupPath: join(dir, BACKUP, path) } : {}),
    });
  }
  /** Writes checked text to a store file, making its folder (and its last good copy's) first. */
  async function writeStoreText(path: string, text: string, writeOptions?: { keepBackup?: boolean }): Promise<void> {
    await mkdir(dirname(full(path)), { recursive: true });
    await mkdir(dirname(join(dir, BACKUP, path)), { recursive: true });
    await storeFile(path, !path.startsWith('articles/')).writeText(text, writeOptions);
  }

  // Those of the layer folders go when each is first read (there may be thousands).
  const folders = ['', 'articles', 'local', BACKUP, join(BACKUP, 'local'), V1_BACKUP, join(V1_BACKUP, 'annotations')];
  // A store of layout version 1 keeps its layers in annotations/ until it is migrated.
  await removeTemporaryFiles([...folders, 'annotations', join(BACKUP, 'annotations')].map(full));
  /** Finishes an interrupted change: each file not yet replaced (one that is keeps its last good copy as it is). */
  const finishJournal = () =>
    recoverJournal(
      dir,
      async (entry) => {
        const now = await readFile(full(entry.path), 'utf8').catch(() => null);
        if (entry.text === null) await rm(full(entry.path), { force: true });
        else if (now !== entry.text) await writeStoreText(entry.path, entry.text);
      },
      onStep,
    );
  const recovery = await finishJournal();
  const problems = new Map<string, Omit<StoreProblem, 'file'>>();
  if (recovery.outcome === 'set-aside')
    problems.set(recovery.file, {
      reason: `an interrupted change could not be finished: its journal is damaged (${recovery.reason})`,
    });

  let migratedFrom: number | null = null;
  const layout = await storeLayoutVersion(dir);
  if (layout === 1) {
    await migrateV1Store(dir, { write: (path, text) => writeStoreText(path, text), onStep });
    migratedFrom = 1;
    (options.onNotice ?? defaultNotice)(
      `Factmark moved the store ${dir} to layout version ${STORE_SCHEMA_VERSION}; the files of version 1 are kept in ${join(dir, V1_BACKUP)}`,
    );
  } else if (layout === STORE_SCHEMA_VERSION) await removeV1Leftovers(dir, onStep);

  const indexFile = storeFile<IndexFile>(PATHS.index);
  /** A whole-store file that cannot be read stops the store opening: the message says where its last good copy is. */
  const readWhole = async <T>(file: AtomicJsonFile<T>, path: string): Promise<T | null> =>
    file.read().catch((error: unknown) => {
      const copy = join(dir, BACKUP, path);
      if (error instanceof StoreUnreadableError && existsSync(copy))
        throw new StoreUnreadableError(error.file, `${error.reason}; its last good copy is ${copy}`);
      throw error;
    });
  const indexFound = await readWhole(indexFile, PATHS.index);
  const indexDb = new Low<IndexFile>(indexFile, indexFound ?? { schemaVersion: STORE_SCHEMA_VERSION, articles: [] });
  if (indexFound && !existsSync(full('.gitignore'))) await writeStoreText('.gitignore', GITIGNORE);

  const readProjectFiles = async () => {
    const read = new Map<string, unknown>();
    for (const path of PROJECT_PATHS) read.set(path, await readWhole(storeFile(path), path));
    return joinProject(read);
  };
  const projectFound = await readProjectFiles();
  let projectOnDisk = projectFound !== null;
  let project: ProjectFile = projectFound ?? defaultProject();

  const byId = new Map(indexDb.data.articles.map((a) => [a.id, a]));
  /** Texts read lately: a few thousand, so reading the whole corpus (an export) leaves the memory as it found it. */
  const articleCache = new Map<string, Article>();
  const cacheArticle = (article: Article) => {
    articleCache.delete(article.id);
    articleCache.set(article.id, article);
    if (articleCache.size > ARTICLES_KEPT) articleCache.delete(articleCache.keys().next().value!);
  };
  /** The articles with a layer folder: those whose annotations a corpus search reads. */
  const annotated = new Set<string>();
  const readAnnotated = async () => {
    annotated.clear();
    for (const id of await readdir(full('layers')).catch(() => [] as string[])) annotated.add(id);
  };
  await readAnnotated();
  const searchIndex = openStoreSearchIndex({
    dir,
    readInBackground: options.indexInBackground,
    list: () => indexDb.data.articles,
    readText: async (articleId) => {
      const data = await storeFile<ArticleFile>(PATHS.article(articleId), false)
        .read()
        .catch(() => null);
      return data?.article.text ?? null;
    },
  });
  const layerCache = new Map<string, Promise<AnnotationFile>>();
  const rw = createReadWriteLock();
  /** A change whose journal is written but whose files are not all replaced yet (a write failed). */
  let pending = false;
  let closed = false;
  /** The layer writes of this process, counted per article, and the reloads: part of each article's layer revision. */
  const layerWrites = new Map<string, number>();
  let writes = 0;
  let reloads = 0;

  const inLayerDir = (file: string, articleId: string) => file.startsWith(full(PATHS.layerDir(articleId)) + sep);

  function report(articleId: string) {
    return (error: unknown): never => {
      if (error instanceof StoreUnreadableError) {
        const inside = inLayerDir(error.file, articleId);
        const restorable = inside && existsSync(join(dir, BACKUP, relative(dir, error.file)));
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

  /** The layer files of one article, by path; the first that cannot be read throws, naming it. */
  async function readLayerFiles(articleId: string): Promise<Map<string, LayerFile>> {
    const sub = PATHS.layerDir(articleId);
    let names: string[];
    try {
      // Most articles of a large corpus have no layer folder: a stat says so without a failed listing's error.
      if (!statSync(full(sub), { throwIfNoEntry: false })) return new Map();
      names = await readdir(full(sub));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw new StoreUnreadableError(full(sub), (error as Error).message);
    }
    const files = new Map<string, LayerFile>();
    await removeTemporaryFiles([join(dir, BACKUP, sub)], othersTemporaryFile);
    for (const name of names.sort()) {
      if (othersTemporaryFile(name)) await rm(join(full(sub), name), { force: true });
      if (!name.endsWith('.json') || isTemporaryFile(name)) continue;
      const path = `${sub}/${name}`;
      const layer = await storeFile<LayerFile>(path).read();
      if (!layer) continue;
      const own = PATHS.layer(layer.articleId, layer.annotator);
      if (own !== path)
        throw new StoreUnreadableError(
          full(path),
          `it holds the layer of "${layer.annotator}" in article "${layer.articleId}", whose file is ${own}`,
        );
      files.set(path, layer);
    }
    return files;
  }

  function layerDb(articleId: string): Promise<AnnotationFile> {
    requireArticle(articleId);
    let db = layerCache.get(articleId);
    if (!db) {
      db = readLayerFiles(articleId).then((files) => {
        // Readable again (repaired by hand): no longer a problem.
        for (const file of [...problems.keys()]) if (inLayerDir(file, articleId)) problems.delete(file);
        return joinLayers(articleId, files);
      }, report(articleId));
      // A failed read is not cached: the user may repair the file and try again.
      db.catch(() => layerCache.delete(articleId));
      layerCache.set(articleId, db);
    }
    return db;
  }

  async function getArticle(articleId: string): Promise<Article> {
    requireArticle(articleId);
    const cached = articleCache.get(articleId);
    if (cached) return cached;
    const file = storeFile<ArticleFile>(PATHS.article(articleId), false);
    const data = await file.read().catch(report(articleId));
    if (!data) return report(articleId)(new StoreUnreadableError(file.path, 'the file is missing'));
    problems.delete(file.path);
    cacheArticle(data.article);
    return data.article;
  }

  const committed: Staged['committed'] = {
    listArticles: () => indexDb.data.articles,
    hasArticle: (id) => byId.has(id),
    getArticle,
    readLayerFile: (id) => layerDb(id),
    readProjectFile: () => project,
    searchCandidates: (needle, inText) =>
      searchCandidates(indexDb.data.articles, annotated, searchIndex, needle, inText),
  };

  /** The journal entries of one article's layers: each annotator's file whose text changes. */
  function layerEntries(articleId: string, layer: AnnotationFile, before: AnnotationFile | undefined): WriteEntry[] {
    const beforeParts = before ? splitLayers(before) : new Map<string, LayerFile>();
    const nextParts = splitLayers(layer);
    const entries: WriteEntry[] = [];
    for (const path of new Set([...beforeParts.keys(), ...nextParts.keys()])) {
      const prev = beforeParts.get(path);
      const next = nextParts.get(path) ?? emptyLayer(articleId, prev!.annotator);
      if (prev && stableJson(prev) === stableJson(next)) continue;
      entries.push({ path, text: storeFile<LayerFile>(path).serialize(next, prev ? onlyNew(next, prev) : next) });
    }
    return entries;
  }

  /** The journal entries of the project: each of its files whose text changes. */
  function projectEntries(next: ProjectFile): WriteEntry[] {
    const before = projectOnDisk ? projectParts(project) : new Map<string, unknown>();
    const entries: WriteEntry[] = [];
    for (const [path, data] of projectParts(next)) {
      const file = storeFile<unknown>(path);
      const text = file.serialize(data);
      if (before.has(path) && codecFor(path, file.path).encode(before.get(path)) === text) continue;
      entries.push({ path, text });
    }
    return entries;
  }

  /** Writes what a transaction staged: every file checked first, then one file alone or several through the journal. */
  async function commit(staged: Staged): Promise<void> {
    if (lock.lost)
      throw new FactmarkError(
        'conflict',
        `Factmark lost its hold on the store ${dir} (${lock.lost.message}); nothing was saved. Close Factmark and open it again.`,
      );
    const articles = staged.newArticles.map((article) => ({
      file: storeFile<ArticleFile>(PATHS.article(article.id), false),
      data: { schemaVersion: STORE_SCHEMA_VERSION, article } as ArticleFile,
    }));
    const nextIndex: IndexFile | null =
      staged.newArticles.length > 0
        ? { ...indexDb.data, articles: [...indexDb.data.articles, ...staged.newArticles.map(summarize)] }
        : null;
    // A new store gets its project files with its first articles.
    const nextProject = staged.project ?? (nextIndex && !projectOnDisk ? project : null);
    const entries: WriteEntry[] = [];
    if (nextIndex)
      entries.push({
        path: PATHS.index,
        text: indexFile.serialize(nextIndex, { ...nextIndex, articles: staged.newArticles.map(summarize) }),
      });
    if (nextProject) entries.push(...projectEntries(nextProject));
    for (const [articleId, layer] of staged.layers) {
      const before = byId.has(articleId) ? await layerCache.get(articleId) : undefined;
      entries.push(...layerEntries(articleId, layer, before));
    }
    const texts = articles.map(({ file, data }) => file.serialize(data));

    // Article texts are new files no record names until the index does: written first, outside the journal.
    await writeNewFiles(
      staged.newArticles.map((article, i) => ({ path: full(PATHS.article(article.id)), text: texts[i]! })),
      onStep,
    );
    if (nextIndex && !existsSync(full('.gitignore'))) await writeStoreText('.gitignore', GITIGNORE);
    try {
      if (entries.length > 1) await writeJournal(dir, entries, onStep);
      for (const entry of entries) await writeStoreText(entry.path, entry.text);
      if (entries.length > 1) await clearJournal(dir, onStep);
    } catch (error) {
      // With its journal on disk the change is made (even when the write failed after the journal's
      // rename): the next change, or the next start, finishes it. Without one, nothing of it was.
      if (entries.length <= 1 || !existsSync(full(JOURNAL_NAME))) throw error;
      pending = true;
    }

    if (nextIndex) {
      indexDb.data = nextIndex;
      for (const summary of nextIndex.articles.slice(-staged.newArticles.length)) byId.set(summary.id, summary);
    }
    for (const article of staged.newArticles) cacheArticle(article);
    searchIndex.added(staged.newArticles);
    if (nextProject) {
      project = nextProject;
      projectOnDisk = true;
    }
    for (const [articleId, layer] of staged.layers) {
      // Held as the files read back: the order a reopened store gives.
      layerCache.set(articleId, Promise.resolve(canonicalLayers(layer)));
      annotated.add(articleId);
      layerWrites.set(articleId, ++writes);
      for (const file of [...problems.keys()]) if (inLayerDir(file, articleId)) problems.delete(file);
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

  /** Reads the index and the project files again and forgets every cached article and layer. */
  async function reload(): Promise<void> {
    // Read whole first: a file that cannot be read leaves what is held as it was.
    const index = await readWhole(indexFile, PATHS.index);
    const found = await readProjectFiles();
    indexDb.data = index ?? { schemaVersion: STORE_SCHEMA_VERSION, articles: [] };
    byId.clear();
    for (const summary of indexDb.data.articles) byId.set(summary.id, summary);
    project = found ?? defaultProject();
    projectOnDisk = found !== null;
    articleCache.clear();
    layerCache.clear();
    problems.clear();
    await readAnnotated();
    searchIndex.reconcile();
    reloads++;
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
    migratedFrom,
    status,
    listArticles: () => indexDb.data.articles,
    searchCandidates: committed.searchCandidates,
    getArticle,
    readLayer: async (articleId) => toLayer(await layerDb(articleId)),
    readProject: (): ProjectData => toProject(project),
    listAnnotations: async (articleId) => toLayer(await layerDb(articleId)).annotations,

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
        // A layer held in memory was read (or written) whole: no file of it is what is damaged.
        const current = await layerDb(articleId).then(
          () => true,
          () => false,
        );
        if (current)
          throw new FactmarkError(
            'conflict',
            `The annotations of "${articleId}" read fine; there is nothing to restore (a copy would undo their last edit)`,
          );
        // Each layer file of the article that cannot be read, in turn, from its last good copy.
        const restored = new Set<string>();
        for (;;) {
          const damaged = await readLayerFiles(articleId).then(
            () => null,
            (error: unknown) => (error instanceof StoreUnreadableError ? error.file : Promise.reject(error)),
          );
          if (damaged === null) break;
          if (restored.has(damaged))
            throw new FactmarkError(
              'conflict',
              `${damaged} still cannot be read; repair the file by hand or move it away`,
            );
          restored.add(damaged);
          const path = relative(dir, damaged).split(sep).join('/');
          const backup = storeFile<LayerFile>(join(BACKUP, path), false);
          const good = await backup.read().catch(() => null);
          if (!good)
            throw new FactmarkError(
              'not-found',
              `No readable copy of ${path} is kept; repair the file by hand or move it away`,
            );
          await writeStoreText(path, backup.serialize(good), { keepBackup: false });
          problems.delete(damaged);
        }
        layerCache.delete(articleId);
        layerWrites.set(articleId, ++writes);
      }),

    listLayerFiles: (articleIds) =>
      listLayerFiles(
        full('layers'),
        articleIds,
        (id) => `${reloads}.${layerWrites.get(id) ?? 0}`,
        (id) => byId.has(id),
      ),
    // What is held in memory is what the store reads: a read for a corpus-wide figure takes it, else reads the files.
    readUnkept: async (articleId, withText) => {
      requireArticle(articleId);
      const held = layerCache.get(articleId);
      const layer = toLayer(
        held ? await held : joinLayers(articleId, await readLayerFiles(articleId).catch(report(articleId))),
      );
      if (!withText) return { layer };
      const text = articleCache.get(articleId)?.text;
      if (text !== undefined) return { layer, text };
      const file = storeFile<ArticleFile>(PATHS.article(articleId), false);
      const data = await file.read().catch(report(articleId));
      if (!data) return report(articleId)(new StoreUnreadableError(file.path, 'the file is missing'));
      return { layer, text: data.article.text };
    },

    announce: (owner) => lock.announce(owner),
    offline: (work) =>
      rw.write(async () => {
        await readyToChange();
        if (lock.lost)
          throw new FactmarkError(
            'conflict',
            `Factmark lost its hold on the store ${dir} (${lock.lost.message}); close Factmark and open it again.`,
          );
        try {
          return await work();
        } finally {
          await reload();
        }
      }),
    close: () =>
      rw.write(async () => {
        if (closed) return;
        closed = true;
        await searchIndex.close();
        await lock.release();
      }),
  };
}

function defaultNotice(message: string): void {
  process.stderr.write(`${message}\n`);
}
