import { isFactmarkError } from '../errors';
import type { ServiceContext } from '../service/context';
import type { FileReport } from './article-import';
import { decodeArticleBytes, fileReport } from './article-import';
import { createIdSet } from './import-ids';
import { noCounts } from './import-report';
import type { LabelOptions } from './label-mapping';

/** A file refused for these reasons: its transaction is dropped, and the reasons reported. */
export class Refused extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join('; '));
  }
}

/** Why another tool's annotations never go straight into gold. */
export const GOLD_REFUSAL =
  "the gold layer holds adjudicated annotations only: import the file into an annotator's layer and adjudicate it on the review page (a Factmark bundle brings a gold layer with its decisions)";

/** Ends a dry run's transaction once its work is done, so nothing of it is saved. */
export class DryRunEnd extends Error {}

/** How an import runs: for real, or as a dry run that reports and saves nothing. */
export interface RunOptions {
  dryRun?: boolean;
}

/** What every importer of annotations is told: whose layer, how foreign labels map, whether to save. */
export interface ImportOptions extends RunOptions {
  annotator: string;
  labels: LabelOptions;
}

/**
 * Runs the import of one file as a transaction of its own: all of it is
 * saved, or, when it is refused or fails, nothing, with the reasons in its
 * report line. An error that is neither a refusal, the store's nor the
 * system's is a bug: it is reported as one, so it is never mistaken for a
 * fault of the file.
 */
export async function inTransaction(
  ctx: ServiceContext,
  report: FileReport,
  work: (tx: ServiceContext) => Promise<void>,
  run: RunOptions = {},
): Promise<void> {
  try {
    await ctx.transact(async (repo) => {
      await work({ ...ctx, repo });
      if (run.dryRun) throw new DryRunEnd();
    });
  } catch (error) {
    // A dry run keeps its report: what would have been imported.
    if (error instanceof DryRunEnd) return;
    report.imported = [];
    delete report.tagsetAdded;
    report.added = noCounts();
    delete report.layers;
    report.duplicates = 0;
    if (error instanceof Refused) report.skipped.push(...error.reasons);
    else if (isFactmarkError(error)) report.skipped.push(error.message);
    else if (typeof (error as { code?: unknown }).code === 'string')
      // A system error (a full disk, a folder not writable): the store's trouble, not the file's.
      report.skipped.push(`could not be saved (nothing was): ${(error as Error).message}`);
    else report.skipped.push(`internal error (a bug in Factmark; nothing was saved): ${String(error)}`);
  }
}

/** Imports each file as a transaction of its own, each with its line in `reports`. */
export async function importEachFile<F extends { name: string }>(
  ctx: ServiceContext,
  files: readonly F[],
  reports: FileReport[],
  work: (tx: ServiceContext, file: F, report: FileReport) => Promise<void>,
  run: RunOptions = {},
): Promise<void> {
  for (const file of files) {
    const report = fileReport(file.name);
    reports.push(report);
    await inTransaction(ctx, report, (tx) => work(tx, file, report), run);
  }
}

/** A file's bytes, sent in base64, or why they cannot be read. */
export function bytesOf(base64: string): { bytes: Uint8Array } | { reason: string } {
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    return { reason: 'not base64: the file’s content must be sent as its bytes in base64' };
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { bytes };
}

/** A file's text (UTF-8, sent in base64), or why it is not text. */
export function textOf(file: { content: string }): { text: string } | { reason: string } {
  const decoded = bytesOf(file.content);
  return 'reason' in decoded ? decoded : decodeArticleBytes(decoded.bytes);
}

/** What an import needs to know of the store as the transaction sees it. */
export function storeContext(ctx: ServiceContext) {
  const summaries = ctx.repo.listArticles();
  return {
    stamp: ctx.now(),
    knownHashes: new Set(summaries.map((a) => a.contentHash)),
    takenIds: createIdSet(summaries.map((a) => a.id)),
    byHash: new Map(summaries.map((a) => [a.contentHash, a.id])),
  };
}
