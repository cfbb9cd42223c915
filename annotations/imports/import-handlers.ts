import type { Args, Handlers, ImportReport } from '../contract';
import type { ServiceContext } from '../service/context';
import type { FileReport } from './article-import';
import { articlesFromFile, fileReport } from './article-import';
import { importBrat } from './brat-import';
import { importBundle } from './bundle-import';
import { importDoccano, importLabelStudio, importW3C } from './interchange-files';
import type { ImportOptions, RunOptions } from './import-transaction';
import { GOLD_REFUSAL } from './import-transaction';
import { FactmarkError } from '../errors';
import { GOLD } from '../model';
import { bytesOf, importEachFile, Refused, storeContext, textOf } from './import-transaction';
import { importJsonlStream } from './jsonl-article-stream';
import type { ImportFile, UploadStore } from './uploads';
import { noUploads, sourceOf, wholeFile } from './uploads';

type ImportFiles = { name: string; content: string }[];

/** Progress of long operations, by the id the client chose (see `jobs/progress`). */
type Jobs = Map<string, { done: number; total: number }>;

const isJsonl = (name: string) => name.toLowerCase().endsWith('.jsonl');

/**
 * Label Studio's export (tasks and labelling config), doccano JSONL, or W3C
 * annotations (with their texts beside them): each file on its own, each
 * annotation in the layer its file names (else the import's annotator).
 */
async function importInterchange(
  ctx: ServiceContext,
  format: 'label-studio' | 'doccano' | 'w3c',
  files: ImportFiles,
  options: ImportOptions,
  reports: FileReport[],
): Promise<void> {
  if (format === 'label-studio') await importLabelStudio(ctx, files, options, reports);
  else if (format === 'doccano') await importDoccano(ctx, files, options, reports);
  else await importW3C(ctx, files, options, reports);
}

/**
 * Article files, all saved in one transaction; should that fail (one
 * article the store would refuse), each file in one of its own, so the
 * others are still saved.
 */
async function importArticles(
  ctx: ServiceContext,
  files: ImportFiles,
  reports: FileReport[],
  run: RunOptions,
): Promise<void> {
  const one = async (file: ImportFiles[number], store: ReturnType<typeof storeContext>) => {
    const decoded = bytesOf(file.content);
    if ('reason' in decoded) return { articles: [], report: { ...fileReport(file.name), skipped: [decoded.reason] } };
    return articlesFromFile(file.name, decoded.bytes, store);
  };
  const batch: FileReport[] = [];
  try {
    await ctx.transact(async (repo) => {
      const store = storeContext({ ...ctx, repo });
      const articles = [];
      for (const file of files) {
        const result = await one(file, store);
        batch.push(result.report);
        articles.push(...result.articles);
      }
      await repo.addArticles(articles);
      if (run.dryRun) throw new Refused([]);
    });
    reports.push(...batch);
  } catch (error) {
    if (run.dryRun && error instanceof Refused && error.reasons.length === 0) {
      reports.push(...batch);
      return;
    }
    await importEachFile(
      ctx,
      files,
      reports,
      async (tx, file, report) => {
        const result = await one(file, storeContext(tx));
        Object.assign(report, result.report);
        await tx.repo.addArticles(result.articles);
      },
      run,
    );
  }
}

/**
 * Imports files: articles (.txt, .md, .html, .jsonl), a Factmark bundle,
 * brat standoff pairs, or another tool's annotations. One bad file never
 * stops the others; a file that fails is reported and adds nothing.
 */
export function importHandlers(
  ctx: ServiceContext,
  jobs: Jobs = new Map(),
  uploads?: UploadStore,
): Pick<Handlers, 'import/files' | 'import/upload'> {
  return {
    'import/upload': async ({ upload, offset, content }) => {
      const decoded = bytesOf(content);
      if ('reason' in decoded) throw new FactmarkError('invalid-argument', decoded.reason);
      return { bytes: await (uploads ?? noUploads()).append(upload, offset, decoded.bytes) };
    },
    'import/files': async ({ format, files: sent, annotator, map, extendTagset, dryRun, jobId }) => {
      const reports: FileReport[] = [];
      try {
        if (format === 'articles')
          await importArticleFiles(ctx, sent, reports, { dryRun }, uploads, (done, total) => {
            if (jobId) jobs.set(jobId, { done, total });
          });
        else await importWholeFiles(ctx, format, sent, reports, { annotator, map, extendTagset, dryRun }, uploads);
      } finally {
        if (jobId) jobs.delete(jobId);
        for (const file of sent) if ('upload' in file) await uploads?.discard(file.upload);
      }
      const result: ImportReport = { files: reports, articles: ctx.repo.listArticles() };
      if (dryRun) result.dryRun = true;
      return result;
    },
  };
}

/**
 * Article files in their order: a JSONL file read as a stream and saved in
 * batches; each run of other files (read whole) saved as today, together.
 */
async function importArticleFiles(
  ctx: ServiceContext,
  sent: readonly ImportFile[],
  reports: FileReport[],
  run: RunOptions,
  uploads: UploadStore | undefined,
  onProgress: (done: number, total: number) => void,
): Promise<void> {
  const ictx = storeContext(ctx);
  const sources = new Map<ImportFile, Awaited<ReturnType<typeof sourceOf>>>();
  for (const file of sent) if (isJsonl(file.name)) sources.set(file, await sourceOf(file, uploads));
  const total = [...sources.values()].reduce((sum, s) => sum + ('size' in s ? s.size : 0), 0);
  let before = 0;
  let whole: ImportFiles = [];
  const flush = async () => {
    if (whole.length > 0) await importArticles(ctx, whole, reports, run);
    whole = [];
  };
  for (const file of sent) {
    const source = sources.get(file);
    if (!source) {
      whole.push(await wholeFile(file, uploads));
      continue;
    }
    await flush();
    const report = fileReport(file.name);
    reports.push(report);
    if ('reason' in source) report.skipped.push(source.reason);
    else {
      await importJsonlStream(ctx, ictx, { name: file.name, ...source }, report, run, (done) =>
        onProgress(before + done, total),
      );
      before += source.size;
    }
  }
  await flush();
}

/** Files of the formats read whole: uploads read first (refused past the limit of a whole file). */
async function importWholeFiles(
  ctx: ServiceContext,
  format: Exclude<Args<'import/files'>['format'], 'articles'>,
  sent: readonly ImportFile[],
  reports: FileReport[],
  args: Pick<Args<'import/files'>, 'annotator' | 'map' | 'extendTagset' | 'dryRun'>,
  uploads: UploadStore | undefined,
): Promise<void> {
  const files: ImportFiles = [];
  for (const file of sent) files.push(await wholeFile(file, uploads));
  const { annotator, map, extendTagset, dryRun } = args;
  const options: ImportOptions = {
    annotator: annotator ?? ctx.annotator,
    labels: { map, extendTagset },
    dryRun,
  };
  if (format === 'label-studio' || format === 'doccano' || format === 'w3c') {
    await importInterchange(ctx, format, files, options, reports);
  } else if (format === 'brat') {
    if (options.annotator === GOLD) throw new FactmarkError('invalid-argument', `Not imported: ${GOLD_REFUSAL}`);
    await importBrat(ctx, files, options, reports);
  } else {
    await importEachFile(
      ctx,
      files,
      reports,
      async (tx, file, report) => {
        const decoded = textOf(file);
        if ('reason' in decoded) throw new Refused([decoded.reason]);
        await importBundle(tx, decoded.text, report);
      },
      options,
    );
  }
}
