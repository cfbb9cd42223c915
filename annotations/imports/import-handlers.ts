import type { Args, Handlers, ImportReport } from '../contract';
import { parseDoccano, parseLabelStudio, parseW3C } from '../formats/interchange-parse';
import { articleUrn } from '../formats/w3c-web-annotation-format';
import type { ServiceContext } from '../service/context';
import type { FileReport } from './article-import';
import { articlesFromFile, fileReport } from './article-import';
import { importBrat } from './brat-import';
import { importBundle } from './bundle-import';
import { refusalReasons } from './import-checks';
import { importDocuments } from './interchange-import';
import type { ImportOptions, RunOptions } from './import-transaction';
import { bytesOf, importEachFile, Refused, storeContext, textOf } from './import-transaction';

type ImportFiles = Args<'import/files'>['files'];

/** Label Studio tasks, doccano JSONL, or W3C annotations (with their texts beside them). */
async function importInterchange(
  ctx: ServiceContext,
  format: 'label-studio' | 'doccano' | 'w3c',
  files: ImportFiles,
  options: ImportOptions,
  reports: FileReport[],
): Promise<void> {
  const { annotator } = options;
  const texts = new Map<string, string>();
  if (format === 'w3c') {
    for (const f of files.filter((x) => x.name.endsWith('.txt'))) {
      const decoded = textOf(f);
      if ('text' in decoded)
        texts.set(
          articleUrn(
            f.name
              .split('/')
              .pop()!
              .replace(/\.txt$/, ''),
          ),
          decoded.text,
        );
    }
    // Texts already in the store; one that cannot be read is left out (an annotation on it is then refused).
    for (const a of ctx.repo.listArticles()) {
      if (texts.has(articleUrn(a.id))) continue;
      const article = await ctx.repo.getArticle(a.id).catch(() => null);
      if (article) texts.set(articleUrn(a.id), article.text);
    }
  }
  const annotationFiles = files.filter((f) => format !== 'w3c' || !f.name.endsWith('.txt'));
  await importEachFile(
    ctx,
    annotationFiles,
    reports,
    async (tx, file, report) => {
      const decoded = textOf(file);
      if ('reason' in decoded) throw new Refused([decoded.reason]);
      let outcome;
      if (format === 'doccano') outcome = parseDoccano(decoded.text);
      else {
        let json: unknown;
        try {
          json = JSON.parse(decoded.text);
        } catch (error) {
          throw new Refused([`not valid JSON: ${(error as Error).message}`]);
        }
        outcome = format === 'w3c' ? parseW3C(json, texts) : parseLabelStudio(json);
      }
      if (outcome.errors.length > 0) throw new Refused(refusalReasons(outcome.errors));
      await importDocuments(tx, outcome.documents, annotator, report);
    },
    options,
  );
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
