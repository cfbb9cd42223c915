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

type ImportFiles = Args<'import/files'>['files'];

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
export function importHandlers(ctx: ServiceContext): Pick<Handlers, 'import/files'> {
  return {
    'import/files': async ({ format, files, annotator, map, extendTagset, dryRun }) => {
      const reports: FileReport[] = [];
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
      } else if (format === 'bundle') {
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
      } else {
        await importArticles(ctx, files, reports, options);
      }
      const result: ImportReport = { files: reports, articles: ctx.repo.listArticles() };
      if (dryRun) result.dryRun = true;
      return result;
    },
  };
}
