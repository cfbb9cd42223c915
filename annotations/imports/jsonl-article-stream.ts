import { FactmarkError, isFactmarkError } from '../errors';
import type { Article, ArticleSummary } from '../model';
import type { ServiceContext } from '../service/context';
import type { ArticleDraft, FileReport, ImportContext } from './article-import';
import { articleOf, draftOfLine } from './article-import';
import type { ByteSource } from './byte-lines';
import { linesOf, textStreamProblem } from './byte-lines';
import { refusalReasons } from './import-checks';
import type { RunOptions } from './import-transaction';
import { DryRunEnd } from './import-transaction';

/** Articles saved per transaction: each batch is saved whole or not at all. */
export const ARTICLE_BATCH = 500;
/** …or fewer, when their texts reach this many characters. */
const BATCH_CHARS = 8 * 1024 * 1024;

/** A draft and the line it came from. */
type Numbered = ArticleDraft & { line: number };

/** Adds the store's articles to what the import knows (another import may have saved some meanwhile). */
function absorb(ctx: ImportContext, articles: readonly ArticleSummary[]): void {
  for (const a of articles) {
    ctx.takenIds.add(a.id);
    ctx.knownHashes.add(a.contentHash);
  }
}

/** Forgets what a batch that was not saved had taken: its articles are not in the store. */
function forget(ctx: ImportContext, articles: readonly Article[]): void {
  for (const a of articles) {
    ctx.takenIds.delete(a.id);
    ctx.knownHashes.delete(a.contentHash);
  }
}

/**
 * Saves drafts as one transaction. Resolves to what was saved (or, in a dry
 * run, would be) and the duplicates met; rejects with the store's error, the
 * import's context left as it was before.
 */
async function saveOne(
  ctx: ServiceContext,
  ictx: ImportContext,
  drafts: readonly Numbered[],
  run: RunOptions,
): Promise<{ articles: Article[]; duplicates: number }> {
  const made: Article[] = [];
  let duplicates = 0;
  try {
    await ctx.transact(async (tx) => {
      absorb(ictx, tx.listArticles());
      for (const draft of drafts) {
        const article = await articleOf(draft, ictx);
        if (article) made.push(article);
        else duplicates++;
      }
      await tx.addArticles(made);
      if (run.dryRun) throw new DryRunEnd();
    });
  } catch (error) {
    if (!(error instanceof DryRunEnd)) {
      forget(ictx, made);
      throw error;
    }
  }
  return { articles: made, duplicates };
}

/** Why a save failed, for the report: the store's refusal, or a system error (a full disk). */
const failure = (error: unknown) =>
  isFactmarkError(error)
    ? error.message
    : typeof (error as { code?: unknown }).code === 'string'
      ? `could not be saved: ${(error as Error).message}`
      : `internal error (a bug in Factmark): ${String(error)}`;

/**
 * Saves a batch; when the store refuses it, each article alone, so that the
 * one it refuses is reported by its line and the others still go in. A
 * failure that is not a refusal (the disk, a bug) stops the file: it throws,
 * naming the first line not saved.
 */
async function saveBatch(
  ctx: ServiceContext,
  ictx: ImportContext,
  drafts: readonly Numbered[],
  report: FileReport,
  problems: string[],
  run: RunOptions,
): Promise<void> {
  const count = (saved: { articles: Article[]; duplicates: number }) => {
    report.imported.push(...saved.articles.map((a) => a.id));
    report.added.articles += saved.articles.length;
    report.duplicates += saved.duplicates;
  };
  try {
    count(await saveOne(ctx, ictx, drafts, run));
    return;
  } catch (error) {
    if (!isFactmarkError(error)) throw stopped(drafts[0]!.line, error);
  }
  for (const draft of drafts) {
    try {
      count(await saveOne(ctx, ictx, [draft], run));
    } catch (error) {
      if (!isFactmarkError(error)) throw stopped(draft.line, error);
      problems.push(`line ${draft.line}: ${failure(error)}`);
    }
  }
}

const stopped = (line: number, error: unknown) =>
  new FactmarkError('internal', `nothing from line ${line} on was saved (the lines before it were): ${failure(error)}`);

/**
 * Imports a JSONL file of articles read as a stream: checked whole first (a
 * file refused — empty, binary, not UTF-8 — saves nothing), then read line
 * by line and saved in batches of `batch` articles, each batch one
 * transaction. While a batch is saved, the next one is read: the disk's
 * writes and the reading share the time. The store, the report and its line
 * numbers are those the whole-file reading gives; `onBytes` follows the
 * saving.
 */
export async function importJsonlStream(
  ctx: ServiceContext,
  ictx: ImportContext,
  file: { name: string; size: number; read: ByteSource },
  report: FileReport,
  run: RunOptions = {},
  onBytes?: (done: number, total: number) => void,
  batch = ARTICLE_BATCH,
): Promise<void> {
  const refusal = await textStreamProblem(file.read());
  if (refusal) {
    report.skipped.push(refusal);
    return;
  }
  /** The report's problems, in the order the whole-file reading meets them. */
  const problems: string[] = [];
  /** Those of the lines read since the last batch was handed to be saved: they follow that batch's own. */
  let lineProblems: string[] = [];
  let drafts: Numbered[] = [];
  let chars = 0;
  let bytes = 0;
  /** The batch being saved (one at a time, in order), and whether a save stopped the file. */
  let saving: Promise<void> | null = null;
  let saveStopped = false;
  const settle = async () => {
    const under = saving;
    saving = null;
    await under;
  };
  const save = (these: Numbered[], theirLineProblems: string[], readTo: number) => {
    saving = (async () => {
      problems.push(...theirLineProblems);
      try {
        await saveBatch(ctx, ictx, these, report, problems, run);
      } catch (error) {
        saveStopped = true;
        throw error;
      }
      onBytes?.(readTo, file.size);
    })();
    // Told when it is settled, before the next batch is saved or the file ends; not an unhandled rejection meanwhile.
    saving.catch(() => undefined);
  };
  const counted = async function* () {
    for await (const chunk of file.read()) {
      bytes += chunk.length;
      yield chunk;
    }
  };
  try {
    for await (const line of linesOf(counted())) {
      if ('problem' in line) {
        lineProblems.push(line.problem);
        continue;
      }
      const draft = draftOfLine(file.name, line.number, line.text.trim());
      if (!draft) continue;
      if ('problem' in draft) {
        lineProblems.push(draft.problem);
        continue;
      }
      drafts.push({ ...draft, line: line.number });
      chars += draft.text.length;
      if (drafts.length >= batch || chars >= BATCH_CHARS) {
        await settle();
        save(drafts, lineProblems, bytes);
        drafts = [];
        lineProblems = [];
        chars = 0;
      }
    }
    await settle();
    if (drafts.length > 0) save(drafts, lineProblems, file.size);
    else problems.push(...lineProblems);
    await settle();
    onBytes?.(file.size, file.size);
  } catch (thrown) {
    let error = thrown;
    if (!saveStopped) {
      // The reading failed: the save under way ends first, and tells its own failure rather than the reading's.
      await settle().catch((stop: unknown) => (error = stop));
      // The lines read after a save that stopped the file were never the file's to report, as a whole reading stops there.
      if (!saveStopped) problems.push(...lineProblems);
    }
    if (!isFactmarkError(error)) throw error;
    problems.push(error.message);
  }
  report.skipped.push(...refusalReasons(problems));
}
