import type { ArticleStats } from '../agreement/article-stats';
import { articleStats, unreadStats } from '../agreement/article-stats';
import type { AgreementArticle, AgreementConfig, AgreementSpan } from '../agreement/figure-types';
import type { LeftOut } from '../contract';
import { StoreUnreadableError } from '../errors';
import type { ArticleLayer } from '../model';
import type { AnnotationRepository, LayerFiles } from '../repository';
import type { LayerSummary } from '../review/corpus-figures';
import { summarizeLayer } from '../review/corpus-figures';

/** Measures articles for the agreement report; where it can, off the thread that answers requests (a worker). */
export interface AgreementMeasurer {
  measure(config: AgreementConfig, articles: AgreementArticle[]): Promise<ArticleStats[]>;
}

/** Measures on this thread: where no worker can run (tests, a core without Node). */
export const inProcessMeasurer: AgreementMeasurer = {
  measure: async (config, articles) => articles.map((article) => articleStats(config, article)),
};

type Cached<T> = { revision: string; value: T };

/**
 * What the agreement operations keep between calls: per article, its layer
 * summary and its statistics, each with the revision of the layer files it
 * was read from, so a report reads again only what changed. Texts and layers
 * are never kept.
 */
export interface AgreementState {
  measurer: AgreementMeasurer;
  summaries: Map<string, Cached<LayerSummary>>;
  /**
   * Statistics per measured configuration (layers, kinds, attributes), the
   * few used last; each kept as its JSON text, a fraction of the memory its
   * many small arrays take as objects.
   */
  stats: Map<string, Map<string, Cached<string>>>;
  /** Reports under way, by the job id their client chose. */
  running: Map<string, { cancelled: boolean }>;
}

const KEPT_CONFIGS = 3;
/** Articles read (and measured) at a time: small enough that a change waits little and a cancel is quick. */
const BATCH = 25;

export function createAgreementState(measurer: AgreementMeasurer = inProcessMeasurer): AgreementState {
  return { measurer, summaries: new Map(), stats: new Map(), running: new Map() };
}

/** The statistics kept for one configuration, made the most recently used. */
const configKey = (config: AgreementConfig) => JSON.stringify([config.annotators, config.labels, config.attributes]);

/** Statistics measured ahead while the summaries were read, for the configuration guessed (`key`). */
export interface MeasuredAhead {
  key: string;
  stats: Map<string, Cached<ArticleStats>>;
}

export function statsFor(state: AgreementState, config: AgreementConfig): Map<string, Cached<string>> {
  const key = configKey(config);
  const kept = state.stats.get(key) ?? new Map<string, Cached<string>>();
  state.stats.delete(key);
  state.stats.set(key, kept);
  for (const old of state.stats.keys()) if (state.stats.size > KEPT_CONFIGS) state.stats.delete(old);
  return kept;
}

/**
 * One annotator's spans on an article for the agreement report, or null when
 * they have not annotated it (no annotation, no article label, not marked done).
 */
export function spansOf(layer: ArticleLayer, annotator: string) {
  const spans = layer.annotations
    .filter((a) => a.annotator === annotator)
    .map((a) => ({ start: a.start, end: a.end, fragments: a.fragments, label: a.kind, attributes: a.attributes }));
  const touched = spans.length > 0 || layer.documentLabels.some((d) => d.annotator === annotator);
  return touched ? { spans } : null;
}

/** Whether the annotator has a layer on the article, as `spansOf` decides, from the summary. */
export const hasLayer = (summary: LayerSummary, name: string) =>
  (summary[name]?.annotations ?? 0) > 0 || (summary[name]?.labels ?? 0) > 0;

type Read = { id: string; revision: string | null } & (
  { layer: ArticleLayer; text?: string } | { file: string; reason: string }
);

/**
 * Reads articles as one snapshot, so no change lands between a file's
 * revision and its content; nothing read is kept by the store. Revision null:
 * the store cannot say one, and what is read is not cached.
 */
async function readBatch(
  repo: AnnotationRepository,
  ids: readonly string[],
  withText: (id: string) => boolean,
  /**
   * The layer files listed before this snapshot, whose revisions are taken
   * rather than listed again: what is read is then as new as its revision or
   * newer, and a newer write changes the revision, so what is cached under
   * it is read again next time, never served stale.
   */
  known?: ReadonlyMap<string, LayerFiles>,
): Promise<Read[]> {
  return repo.snapshot(async () => {
    const listed = known ?? (repo.listLayerFiles ? await repo.listLayerFiles(ids) : null);
    // The batch's files read at once: one after the other, this thread mostly waits on the disk.
    return Promise.all(
      ids.map(async (id): Promise<Read> => {
        const revision = listed ? (listed.get(id)?.revision ?? 'none') : null;
        try {
          const text = withText(id);
          const read = repo.readUnkept
            ? await repo.readUnkept(id, text)
            : { layer: await repo.readLayer(id), text: text ? (await repo.getArticle(id)).text : undefined };
          return { id, revision, ...read };
        } catch (error) {
          if (!(error instanceof StoreUnreadableError)) throw error;
          return { id, revision, file: error.file, reason: error.reason };
        }
      }),
    );
  });
}

/** How a report reports its progress and learns it was cancelled. */
export interface Job {
  /** Steps done so far (layers read, then articles measured). */
  done: number;
  progress(done: number, total: number): void;
  /** Throws when the user stopped the report. */
  check(): void;
}

/** Thrown through the report's work when the user stops it; the report then answers null. */
export class Stopped extends Error {}

/** An article read for its summary, kept until it is measured: its text and each annotator's spans. */
export interface FreshRead {
  revision: string | null;
  text: string;
  layers: Record<string, { spans: AgreementSpan[] } | null>;
}

/** Articles read whole while summarised, kept for measuring: more would hold too many texts at once. */
const FRESH_KEPT = 2000;

/**
 * Every article's layer summary (in `ids` order), read again only where its
 * layer files changed. An article with two layer files or more is read with
 * its text, and kept (`fresh`) so that measuring it reads nothing again.
 */
export async function readSummaries(
  repo: AnnotationRepository,
  state: AgreementState,
  ids: readonly string[],
  titles: ReadonlyMap<string, string>,
  job: Job,
  /** Articles the report will measure after, for a total that does not jump. */
  later: (listedLayers: ReadonlyMap<string, number>) => number,
  /**
   * The configuration the report will likely measure, from the layer files
   * listed: articles read whole are measured for it at once, the worker
   * measuring while this thread reads on; null: none.
   */
  guess: (listed: ReadonlyMap<string, LayerFiles> | null) => AgreementConfig | null = () => null,
): Promise<{
  summaries: Map<string, LayerSummary>;
  revisions: Map<string, string | null>;
  fresh: Map<string, FreshRead>;
  leftOut: LeftOut[];
  /** Settles when what was measured ahead is in the cache, with it as objects: the report need not parse it again. */
  ahead: Promise<MeasuredAhead | null>;
}> {
  const listed = repo.listLayerFiles ? await repo.snapshot(() => repo.listLayerFiles!()) : null;
  const summaries = new Map<string, LayerSummary>();
  const revisions = new Map<string, string | null>();
  const toRead: string[] = [];
  for (const id of ids) {
    const files = listed?.get(id);
    if (listed && !files) {
      summaries.set(id, {});
      revisions.set(id, 'none');
      continue;
    }
    const kept = files && state.summaries.get(id);
    if (kept && kept.revision === files.revision) {
      summaries.set(id, kept.value);
      revisions.set(id, files.revision);
    } else toRead.push(id);
  }
  const layerCounts = new Map([...(listed ?? [])].map(([id, f]) => [id, f.annotators.length]));
  const total = toRead.length + later(layerCounts);
  const leftOut: LeftOut[] = [];
  const fresh = new Map<string, FreshRead>();
  const whole = (id: string) => (layerCounts.get(id) ?? 0) >= 2 && fresh.size < FRESH_KEPT;
  job.progress(0, total);
  const config = guess(listed);
  const kept = config && statsFor(state, config);
  const early = config && { key: configKey(config), stats: new Map<string, Cached<ArticleStats>>() };
  // At most two batches measured ahead wait in the worker: a cancel leaves it little to finish.
  const measuring: Promise<void>[] = [];
  const measureAhead = async (articles: AgreementArticle[], revisionOf: Map<string, string | null>) => {
    if (!config || !kept || articles.length === 0) return;
    if (measuring.length >= 2) await measuring.shift();
    const done = state.measurer.measure(config, articles).then(
      (measured) => {
        for (const stats of measured) {
          const revision = revisionOf.get(stats.id);
          if (revision == null) continue;
          kept.set(stats.id, { revision, value: JSON.stringify(stats) });
          early?.stats.set(stats.id, { revision, value: stats });
        }
      },
      // Not kept: measuring after reads it again.
      () => undefined,
    );
    measuring.push(done);
  };
  for (let at = 0; at < toRead.length; at += BATCH) {
    job.check();
    const ahead: AgreementArticle[] = [];
    const revisionOf = new Map<string, string | null>();
    for (const read of await readBatch(repo, toRead.slice(at, at + BATCH), whole, listed ?? undefined)) {
      revisions.set(read.id, read.revision);
      if ('file' in read) {
        leftOut.push({
          articleId: read.id,
          title: titles.get(read.id) ?? read.id,
          file: read.file,
          reason: read.reason,
        });
        continue;
      }
      const summary = summarizeLayer(read.layer);
      summaries.set(read.id, summary);
      if (read.text !== undefined) {
        const layers = Object.fromEntries(Object.keys(summary).map((name) => [name, spansOf(read.layer, name)]));
        fresh.set(read.id, { revision: read.revision, text: read.text, layers });
        if (config && config.annotators.filter((name) => hasLayer(summary, name)).length >= 2) {
          const measured = Object.fromEntries(config.annotators.map((name) => [name, layers[name] ?? null]));
          ahead.push({ id: read.id, text: read.text, layers: measured });
          revisionOf.set(read.id, read.revision);
        }
      }
      if (read.revision !== null) state.summaries.set(read.id, { revision: read.revision, value: summary });
    }
    await measureAhead(ahead, revisionOf);
    job.progress(Math.min(at + BATCH, toRead.length), total);
  }
  // In the walk's order, the damaged left out.
  const ordered = new Map(ids.flatMap((id) => (summaries.has(id) ? [[id, summaries.get(id)!] as const] : [])));
  return { summaries: ordered, revisions, fresh, leftOut, ahead: Promise.all(measuring).then(() => early) };
}

/**
 * Statistics of every article counted, in order: those two measured layers
 * meet on from the cache where their revision is the same, else read and
 * measured by the measurer, a batch read while the one before is measured;
 * the others from their length alone.
 */
export async function measureArticles(
  repo: AnnotationRepository,
  state: AgreementState,
  config: AgreementConfig,
  counted: {
    summaries: Map<string, LayerSummary>;
    revisions: Map<string, string | null>;
    fresh: Map<string, FreshRead>;
    early?: MeasuredAhead | null;
  },
  lengths: ReadonlyMap<string, number>,
  job: Job,
): Promise<{ stats: ArticleStats[]; leftOut: { id: string; file: string; reason: string }[] }> {
  const kept = statsFor(state, config);
  const found = new Map<string, ArticleStats>();
  const toMeasure: string[] = [];
  for (const [id, summary] of counted.summaries) {
    if (config.annotators.filter((name) => hasLayer(summary, name)).length < 2) continue;
    const revision = counted.revisions.get(id);
    const ahead = counted.early?.key === configKey(config) ? counted.early.stats.get(id) : undefined;
    if (ahead && revision !== null && ahead.revision === revision) {
      found.set(id, ahead.value);
      continue;
    }
    const cached = kept.get(id);
    if (cached && revision !== null && cached.revision === revision)
      found.set(id, JSON.parse(cached.value) as ArticleStats);
    else toMeasure.push(id);
  }
  const total = job.done + toMeasure.length;
  job.progress(job.done, total);
  const leftOut: { id: string; file: string; reason: string }[] = [];
  let failure: unknown = null;
  let measuring: Promise<void> = Promise.resolve();
  let done = job.done;
  for (let at = 0; at < toMeasure.length; at += BATCH) {
    job.check();
    const batch = toMeasure.slice(at, at + BATCH);
    const unread = batch.filter((id) => !counted.fresh.has(id));
    const read = unread.length > 0 ? await readBatch(repo, unread, () => true) : [];
    // An article kept from its summary's read has no layer here: its spans are kept.
    type Kept = { id: string; revision: string | null; text: string; layer: null };
    const reads = batch.map((id): Read | Kept => {
      const kept = counted.fresh.get(id);
      return kept ? { id, revision: kept.revision, text: kept.text, layer: null } : read.find((r) => r.id === id)!;
    });
    await measuring;
    if (failure) throw failure;
    job.check();
    const articles: AgreementArticle[] = [];
    const revisions = new Map<string, string | null>();
    for (const read of reads) {
      if ('file' in read) {
        leftOut.push({ id: read.id, file: read.file, reason: read.reason });
        continue;
      }
      revisions.set(read.id, read.revision);
      const kept = counted.fresh.get(read.id);
      counted.fresh.delete(read.id);
      articles.push({
        id: read.id,
        text: read.text ?? '',
        layers: Object.fromEntries(
          config.annotators.map((name) => [name, kept ? (kept.layers[name] ?? null) : spansOf(read.layer!, name)]),
        ),
      });
    }
    measuring = state.measurer.measure(config, articles).then(
      (measured) => {
        for (const stats of measured) {
          found.set(stats.id, stats);
          const revision = revisions.get(stats.id);
          if (revision != null) kept.set(stats.id, { revision, value: JSON.stringify(stats) });
        }
        done += reads.length;
        job.progress(done, total);
      },
      (error: unknown) => {
        failure = error;
      },
    );
  }
  await measuring;
  if (failure) throw failure;
  job.check();
  const unread = new Set(leftOut.map((l) => l.id));
  const stats: ArticleStats[] = [];
  for (const [id, summary] of counted.summaries) {
    if (unread.has(id)) continue;
    const measured = found.get(id);
    if (measured) {
      stats.push(measured);
      continue;
    }
    // With two layers measured or more, an article fewer than two meet on adds nothing; with fewer, its length.
    if (config.annotators.length >= 2) continue;
    const present = config.annotators.map((name) => hasLayer(summary, name));
    stats.push(unreadStats(config, id, lengths.get(id) ?? 0, present));
  }
  return { stats, leftOut };
}
