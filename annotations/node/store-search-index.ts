import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import type { Article, ArticleSummary } from '../model';
import type { WordLookup } from '../search/word-index';
import { WordIndex } from '../search/word-index';

/** Where the store keeps its word index: on this machine only (local/ is never shared), rebuilt when missing. */
export const SEARCH_INDEX_PATH = 'local/search-index.bin';

export interface StoreSearchIndex {
  /** Articles a change added: indexed at once, their text is at hand. */
  added(articles: readonly Article[]): void;
  /** The store's articles changed under the index (a sync): what left is forgotten, what came is read in the background. */
  reconcile(): void;
  /**
   * The lookup of `needle`, and the document number of each listed article
   * by its place in the list (-1: the index does not hold it as listed, read it).
   */
  lookup(needle: string): Promise<{ found: WordLookup; docs: Int32Array }>;
  /** Stops reading in the background and keeps the index on disk. */
  close(): Promise<void>;
}

export interface SearchIndexOptions {
  /** The store's folder. */
  dir: string;
  /** The store's articles as listed now. */
  list(): readonly ArticleSummary[];
  /** An article's text as its file holds it; null when the file is missing or cannot be read (search reads it then). */
  readText(articleId: string): Promise<string | null>;
  /** The index is kept on disk from this many articles (a small store is read again faster than the file). */
  keepFrom?: number;
  /**
   * Whether the articles the index lacks are read in the background (the
   * default, for the app and the web mode). A short command (an export,
   * stats) says no: it would read the whole corpus for a search it never
   * runs, beside its own reads; the kept file is then read only if the index
   * is used, and search reads what the index lacks itself, as ever.
   */
  readInBackground?: boolean;
}

const KEEP_FROM = 1000;
const SAVE_AFTER_MS = 3000;

/**
 * The store's word index, kept in step with its articles: a change adds its
 * articles at once; what the index does not hold yet (a store imported
 * before it existed, a sync's new articles) is read in the background while
 * search reads those articles itself; the index is written under local/
 * a few seconds after a change and at close, and checked against the
 * article list (ids and text hashes) when the store opens, so a stale or
 * damaged file costs a rebuild, never a wrong answer. The file is read
 * after the store opens (a search waits for it), so it never delays the start.
 */
export function openStoreSearchIndex(options: SearchIndexOptions): StoreSearchIndex {
  const file = join(options.dir, SEARCH_INDEX_PATH);
  const keepFrom = options.keepFrom ?? KEEP_FROM;
  const inBackground = options.readInBackground ?? true;
  let index = new WordIndex();
  let dirty = false;
  /** Settles once the kept index is read; what changes before waits for it, in order. Read at open, or at first use when nothing reads in the background. */
  let kept: Promise<void> | null = null;
  const start = (): Promise<void> =>
    (kept ??= readFile(file).then(
      (bytes) => void (index = WordIndex.fromBytes(bytes) ?? ((dirty = true), index)),
      () => void (dirty = true),
    ));
  const once = (work: () => void) => void (kept = start().then(work));
  let closed = false;
  let saveTimer: ReturnType<typeof setTimeout> | null = null;
  let reading: Promise<void> | null = null;
  /** Listed articles not indexed, whose file could not be read: not tried again until the list changes. */
  const unreadable = new Set<string>();

  const holds = (summary: ArticleSummary) => index.hashOf(summary.id) === summary.contentHash;
  /** Each listed article's document number, kept while neither the list nor the index changes. */
  let docs: { list: readonly ArticleSummary[]; version: number; numbers: Int32Array } | null = null;
  let version = 0;
  function docNumbers(): Int32Array {
    const list = options.list();
    if (docs?.list !== list || docs.version !== version) {
      const numbers = new Int32Array(list.length);
      list.forEach((summary, i) => (numbers[i] = holds(summary) ? index.docNo(summary.id)! : -1));
      docs = { list, version, numbers };
    }
    return docs.numbers;
  }

  function scheduleSave(): void {
    dirty = true;
    if (closed || saveTimer) return;
    saveTimer = setTimeout(() => {
      saveTimer = null;
      void save();
    }, SAVE_AFTER_MS);
    saveTimer.unref();
  }

  async function save(): Promise<void> {
    if (!dirty) return;
    const live = index.size - index.dead;
    if (live < keepFrom) return;
    dirty = false;
    // Written aside and renamed, so a crash leaves the old file or the new one (the store removes `.*.tmp` leftovers).
    const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(temporary, index.toBytes());
      await rename(temporary, file);
    } catch {
      // Only a cache: the next start reads the articles again.
      dirty = true;
      await rm(temporary, { force: true });
    }
  }

  /** Indexes, one at a time, the listed articles the index does not hold. */
  async function readMissing(): Promise<void> {
    for (;;) {
      const missing = options.list().filter((s) => !holds(s) && !unreadable.has(s.id));
      if (missing.length === 0 || closed) break;
      for (const summary of missing) {
        if (closed) return;
        const text = await options.readText(summary.id);
        // The list may have changed meanwhile (a sync): a text is indexed only as the list names it.
        if (text === null) unreadable.add(summary.id);
        else if (!holds(summary)) {
          index.add(summary.id, summary.contentHash, text);
          dirty = true;
          version++;
        }
      }
    }
    await save();
  }

  /** Whether the index was checked against the list: at open, or at the first search when nothing reads in the background. */
  let checked = false;
  const check = () => ((checked = true), once(reconcile));
  function reconcile(): void {
    unreadable.clear();
    version++;
    const listed = new Map(options.list().map((s) => [s.id, s.contentHash]));
    for (const id of [...index.liveIds()]) if (listed.get(id) !== index.hashOf(id)) index.remove(id);
    // Dead documents only cost space: past half of the index, it is built again.
    if (index.dead > index.size / 2) index = new WordIndex();
    if (inBackground) reading ??= readMissing().finally(() => (reading = null));
  }

  if (inBackground) check();

  return {
    added(articles) {
      // Where nothing reads in the background (a short command) and no search has opened the index yet, there
      // is nothing to keep in step: the first search checks the index against the list and reads what it lacks.
      if (articles.length === 0 || (!inBackground && kept === null)) return;
      once(() => {
        for (const article of articles)
          if (index.hashOf(article.id) !== article.contentHash)
            index.add(article.id, article.contentHash, article.text);
        version++;
        scheduleSave();
      });
    },
    reconcile() {
      // Not checked yet, the index is checked against the list at the first search.
      if (checked) check();
    },
    async lookup(needle) {
      if (!checked) check();
      await kept;
      return { found: index.lookup(needle), docs: docNumbers() };
    },
    async close() {
      await kept;
      closed = true;
      if (saveTimer) clearTimeout(saveTimer);
      await reading;
      await save();
    },
  };
}
