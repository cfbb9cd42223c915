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
 * transaction. The store, the report and its line numbers are those the
 * whole-file reading gives; `onBytes` follows the reading.
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
  const problems: string[] = [];
  let drafts: Numbered[] = [];
  let chars = 0;
  let bytes = 0;
  const counted = async function* () {
    for await (const chunk of file.read()) {
      bytes += chunk.length;
      yield chunk;
    }
  };
  try {
    for await (const line of linesOf(counted())) {
      if ('problem' in line) {
        problems.push(line.problem);
        continue;
      }
      const draft = draftOfLine(file.name, line.number, line.text.trim());
      if (!draft) continue;
      if ('problem' in draft) {
        problems.push(draft.problem);
        continue;
      }
      drafts.push({ ...draft, line: line.number });
      chars += draft.text.length;
      if (drafts.length >= batch || chars >= BATCH_CHARS) {
        await saveBatch(ctx, ictx, drafts, report, problems, run);
        onBytes?.(bytes, file.size);
        drafts = [];
        chars = 0;
      }
    }
    if (drafts.length > 0) await saveBatch(ctx, ictx, drafts, report, problems, run);
    onBytes?.(file.size, file.size);
  } catch (error) {
    if (!isFactmarkError(error)) throw error;
    problems.push(error.message);
  }
  report.skipped.push(...refusalReasons(problems));
}
