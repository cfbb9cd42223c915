import { articleFromText, normalizeText } from '../article-text';
import type { Args } from '../contract';
import { parseBratAnn } from '../formats/brat-standoff-parse';
import type { ArticleLayer } from '../model';
import type { ServiceContext } from '../service/context';
import type { FileReport } from './article-import';
import { introducedProblems, refusalReasons } from './import-checks';
import { articleIdFrom } from './import-ids';
import { countNewRecords } from './import-report';
import type { ImportOptions } from './import-transaction';
import { importEachFile, Refused, storeContext, textOf } from './import-transaction';

type ImportFile = Args<'import/files'>['files'][number];

/** Imports brat .ann files into the annotator's layer of the article whose text is the matching .txt. */
export async function importBrat(
  ctx: ServiceContext,
  files: readonly ImportFile[],
  options: ImportOptions,
  reports: FileReport[],
): Promise<void> {
  const anns = files.filter((f) => f.name.endsWith('.ann'));
  await importEachFile(
    ctx,
    anns,
    reports,
    (tx, ann, report) => importBratFile(tx, ann, files, options.annotator, report),
    options,
  );
}

/**
 * One brat .ann file with its .txt, in the transaction `ctx` runs in: the
 * article (when its text is new) and the annotations are saved together, or,
 * when anything is refused, neither.
 */
async function importBratFile(
  ctx: ServiceContext,
  ann: ImportFile,
  files: readonly ImportFile[],
  annotator: string,
  report: FileReport,
): Promise<void> {
  const store = storeContext(ctx);
  const { tagset, entities, events } = ctx.repo.readProject();
  const txtName = ann.name.replace(/\.ann$/, '.txt');
  const txt = files.find((f) => f.name === txtName);
  if (!txt) throw new Refused([`no ${txtName} beside it`]);
  const decoded = textOf(txt);
  if ('reason' in decoded) throw new Refused([`${txtName}: ${decoded.reason}`]);
  const text = decoded.text;
  if (normalizeText(text) !== text)
    throw new Refused([`${txtName} has Windows line endings; offsets would not match once normalised`]);
  const annText = textOf(ann);
  // brat writes an empty .ann for a text nobody has annotated yet.
  if ('reason' in annText && !annText.reason.startsWith('empty')) throw new Refused([annText.reason]);

  const article = await articleFromText(articleIdFrom(ann.name, store.takenIds), text, txt.name, store.stamp);
  const existing = store.byHash.get(article.contentHash);
  const articleId = existing ?? article.id;
  // The .ann's own line endings do not matter: its offsets count in the .txt.
  const parsed = parseBratAnn(text, 'text' in annText ? normalizeText(annText.text) : '', {
    articleId,
    annotator,
    tagset,
    stamp: store.stamp,
    entityIds: new Set(entities.map((e) => e.id)),
    eventIds: new Set(events.map((e) => e.id)),
  });
  if (!parsed.layer) throw new Refused(refusalReasons(parsed.errors));
  if (!existing) {
    await ctx.repo.addArticle(article);
    report.added.articles = 1;
  }
  const { annotations, relations } = parsed.layer;
  const ids = new Set([...annotations, ...relations].map((r) => r.id));
  const before = await ctx.repo.readLayer(articleId);
  const after: ArticleLayer = {
    ...before,
    // Importing the same file again replaces what it brought before, in this annotator's layer only; an id
    // taken in another layer stays there, and the check below refuses the file rather than overwrite it.
    annotations: [...before.annotations.filter((a) => !(a.annotator === annotator && ids.has(a.id))), ...annotations],
    relations: [...before.relations.filter((r) => !(r.annotator === annotator && ids.has(r.id))), ...relations],
  };
  const problems = introducedProblems({ ...article, id: articleId }, before, after, { tagset, entities, events });
  if (problems.length > 0) throw new Refused(refusalReasons(problems));
  await ctx.repo.updateLayer(articleId, () => after);
  countNewRecords(report.added, before, after);
  report.imported.push(
    `${annotations.length} annotations and ${relations.length} links into ${articleId} (${annotator})`,
  );
}
