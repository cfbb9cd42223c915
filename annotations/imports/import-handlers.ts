import type { Args, Handlers, ImportReport } from '../contract';
import { FactmarkError } from '../errors';
import { parseBratAnn } from '../formats/brat-standoff-parse';
import type { Bundle } from '../formats/native-bundle-format';
import { BundleSchema } from '../formats/native-bundle-format';
import { sameJson } from '../changes';
import type { ArticleLayer } from '../model';
import { GOLD } from '../model';
import type { ServiceContext } from '../service/context';
import { articleFromText } from '../article-text';
import type { FileReport } from './article-import';
import { parseDoccano, parseLabelStudio, parseW3C } from '../formats/interchange-parse';
import { articleUrn } from '../formats/w3c-web-annotation-format';
import { importDocuments } from './interchange-import';
import { articlesFromFile, decodeArticleBytes } from './article-import';

const bytesOf = (base64: string) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

function storeContext(ctx: ServiceContext) {
  const summaries = ctx.repo.listArticles();
  return {
    stamp: ctx.now(),
    knownHashes: new Set(summaries.map((a) => a.contentHash)),
    takenIds: new Set(summaries.map((a) => a.id)),
    byHash: new Map(summaries.map((a) => [a.contentHash, a.id])),
  };
}

/** A file refused for these reasons: its transaction is dropped, and the reasons reported. */
class Refused extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join('; '));
  }
}

/**
 * Runs the import of one file as a transaction of its own: all of it is
 * saved, or, when it is refused or fails, nothing, with the reasons in its
 * report line.
 */
async function inTransaction(
  ctx: ServiceContext,
  report: FileReport,
  work: (tx: ServiceContext) => Promise<void>,
): Promise<void> {
  try {
    await ctx.transact((repo) => work({ ...ctx, repo }));
  } catch (error) {
    report.imported = [];
    report.duplicates = 0;
    if (error instanceof Refused) report.skipped.push(...error.reasons);
    else report.skipped.push((error as Error).message);
  }
}

/** Imports a Factmark bundle: articles (matched by content), entities, events, and every layer in it. */
async function importBundle(ctx: ServiceContext, name: string, text: string, report: FileReport): Promise<void> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    report.skipped.push(`not valid JSON: ${(error as Error).message}`);
    return;
  }
  const parsed = BundleSchema.safeParse(json);
  if (!parsed.success) {
    report.skipped.push(
      `not a Factmark bundle: ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
    return;
  }
  const bundle = parsed.data;
  const store = storeContext(ctx);
  const fresh = bundle.articles.filter((a) => !store.byHash.has(a.article.contentHash));
  for (const { article } of fresh) {
    if (store.takenIds.has(article.id))
      throw new FactmarkError(
        'conflict',
        `${name}: article id "${article.id}" is taken by a different text in this store`,
      );
  }
  await ctx.repo.addArticles(fresh.map((a) => a.article));
  report.duplicates = bundle.articles.length - fresh.length;
  report.imported.push(...fresh.map((a) => a.article.id));
  await ctx.repo.updateProject((p) => ({
    ...p,
    tagset: ctx.repo.listArticles().length === fresh.length ? bundle.tagset : p.tagset,
    guidelines: p.guidelines || bundle.guidelines,
    entities: bundle.entities.reduce((list, e) => (list.some((x) => x.id === e.id) ? list : [...list, e]), p.entities),
    events: bundle.events.reduce((list, e) => (list.some((x) => x.id === e.id) ? list : [...list, e]), p.events),
  }));
  const owner =
    bundle.exportedBy && bundle.exportedBy !== ctx.annotator && bundle.exportedBy !== GOLD ? bundle.exportedBy : null;
  const tally = new Map<string, { added: number; removed: number; changed: number }>();
  const count = (annotator: string, what: 'added' | 'removed' | 'changed') => {
    const row = tally.get(annotator) ?? { added: 0, removed: 0, changed: 0 };
    row[what]++;
    tally.set(annotator, row);
  };
  if (owner) tally.set(owner, { added: 0, removed: 0, changed: 0 });
  for (const item of bundle.articles) {
    const articleId = store.byHash.get(item.article.contentHash) ?? item.article.id;
    await ctx.repo.updateLayer(articleId, (layer) => mergeLayer(layer, item, articleId, owner, count));
  }
  for (const [annotator, { added, removed, changed }] of tally) {
    const parts = [added && `${added} added`, removed && `${removed} removed`, changed && `${changed} changed`].filter(
      Boolean,
    );
    report.imported.push(`layer of ${annotator}: ${parts.length > 0 ? parts.join(', ') : 'unchanged'}`);
  }
}

/**
 * Merges one article of a bundle into the store's layer. The layer of the
 * colleague who exported the bundle is replaced by theirs (a newer export
 * updates it); every other layer, the user's own and gold included, only
 * gains annotations it does not have: nothing of theirs is overwritten.
 */
function mergeLayer(
  layer: ArticleLayer,
  item: Bundle['articles'][number],
  articleId: string,
  owner: string | null,
  count: (annotator: string, what: 'added' | 'removed' | 'changed') => void,
): ArticleLayer {
  const mine = <T extends { annotator: string }>(r: T) => owner !== null && r.annotator === owner;
  const incoming = item.annotations.map((a) => ({ ...a, articleId }));
  const before = new Map(layer.annotations.filter(mine).map((a) => [a.id, a]));
  for (const a of incoming.filter(mine)) {
    const old = before.get(a.id);
    if (!old) count(a.annotator, 'added');
    else if (!sameJson(old, a)) count(a.annotator, 'changed');
    before.delete(a.id);
  }
  for (const a of before.values()) count(a.annotator, 'removed');
  const annotations = layer.annotations.filter((a) => !mine(a));
  for (const a of incoming) {
    if (mine(a)) annotations.push(a);
    else if (!annotations.some((x) => x.id === a.id)) {
      annotations.push(a);
      count(a.annotator, 'added');
    }
  }
  const relations = layer.relations.filter((r) => !mine(r));
  for (const r of item.relations.map((x) => ({ ...x, articleId })))
    if (mine(r) || !relations.some((x) => x.id === r.id)) relations.push(r);
  const documentLabels = layer.documentLabels.filter((d) => !mine(d));
  for (const d of item.documentLabels)
    if (mine(d) || !documentLabels.some((x) => x.annotator === d.annotator)) documentLabels.push(d);
  const decisions = [...(layer.decisions ?? [])];
  for (const d of item.decisions ?? []) if (!decisions.some((x) => x.key === d.key)) decisions.push(d);
  return { annotations, relations, documentLabels, ...(decisions.length > 0 ? { decisions } : {}) };
}

/** Imports brat .ann files into the annotator's layer of the article whose text is the matching .txt. */
async function importBrat(
  ctx: ServiceContext,
  files: Args<'import/files'>['files'],
  annotator: string,
  reports: FileReport[],
): Promise<void> {
  for (const ann of files.filter((f) => f.name.endsWith('.ann'))) {
    const report: FileReport = { file: ann.name, imported: [], duplicates: 0, skipped: [] };
    reports.push(report);
    await inTransaction(ctx, report, (tx) => importBratFile(tx, ann, files, annotator, report));
  }
}

/** One brat .ann file with its .txt, in the transaction `ctx` runs in: a refusal throws, so nothing of it is saved. */
async function importBratFile(
  ctx: ServiceContext,
  ann: Args<'import/files'>['files'][number],
  files: Args<'import/files'>['files'],
  annotator: string,
  report: FileReport,
): Promise<void> {
  const store = storeContext(ctx);
  const { tagset, entities, events } = ctx.repo.readProject();
  const txt = files.find((f) => f.name === ann.name.replace(/\.ann$/, '.txt'));
  const decoded = txt
    ? decodeArticleBytes(bytesOf(txt.content))
    : { reason: `no ${ann.name.replace(/\.ann$/, '.txt')} beside it` };
  const annText = decodeArticleBytes(bytesOf(ann.content));
  if ('reason' in decoded) throw new Refused([decoded.reason]);
  const text = decoded.text;
  let articleId = store.byHash.get((await articleFromText('x', text, '', store.stamp)).contentHash);
  if (!articleId) {
    const article = await articleFromText(
      ann.name.replace(/\.ann$/, '').replace(/[^A-Za-z0-9_.-]+/g, '-'),
      text,
      txt!.name,
      store.stamp,
    );
    if (article.text !== text)
      throw new Refused(['the .txt has Windows line endings; offsets would not match once normalised']);
    if (store.takenIds.has(article.id)) article.id = `${article.id}-${store.takenIds.size}`;
    await ctx.repo.addArticle(article);
    store.takenIds.add(article.id);
    articleId = article.id;
  }
  const parsed = parseBratAnn(text, 'text' in annText ? annText.text : '', {
    articleId,
    annotator,
    tagset,
    stamp: store.stamp,
    entityIds: new Set(entities.map((e) => e.id)),
    eventIds: new Set(events.map((e) => e.id)),
  });
  if (!parsed.layer) throw new Refused(parsed.errors);
  const { annotations, relations } = parsed.layer;
  await ctx.repo.updateLayer(articleId, (layer) => ({
    ...layer,
    annotations: [...layer.annotations.filter((a) => !annotations.some((x) => x.id === a.id)), ...annotations],
    relations: [...layer.relations.filter((r) => !relations.some((x) => x.id === r.id)), ...relations],
  }));
  report.imported.push(
    `${annotations.length} annotations and ${relations.length} links into ${articleId} (${annotator})`,
  );
}

/** Label Studio tasks, doccano JSONL, or W3C annotations (with their texts beside them). */
async function importInterchange(
  ctx: ServiceContext,
  format: 'label-studio' | 'doccano' | 'w3c',
  files: Args<'import/files'>['files'],
  annotator: string,
  reports: FileReport[],
): Promise<void> {
  const texts = new Map<string, string>();
  if (format === 'w3c') {
    for (const f of files.filter((x) => x.name.endsWith('.txt'))) {
      const decoded = decodeArticleBytes(bytesOf(f.content));
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
    for (const a of ctx.repo.listArticles())
      if (!texts.has(articleUrn(a.id))) texts.set(articleUrn(a.id), (await ctx.repo.getArticle(a.id)).text);
  }
  for (const file of files.filter((f) => format !== 'w3c' || !f.name.endsWith('.txt'))) {
    const report: FileReport = { file: file.name, imported: [], duplicates: 0, skipped: [] };
    reports.push(report);
    const decoded = decodeArticleBytes(bytesOf(file.content));
    if ('reason' in decoded) {
      report.skipped.push(decoded.reason);
      continue;
    }
    let outcome;
    if (format === 'doccano') outcome = parseDoccano(decoded.text);
    else {
      let json: unknown;
      try {
        json = JSON.parse(decoded.text);
      } catch (error) {
        report.skipped.push(`not valid JSON: ${(error as Error).message}`);
        continue;
      }
      outcome = format === 'w3c' ? parseW3C(json, texts) : parseLabelStudio(json);
    }
    if (outcome.errors.length > 0) report.skipped.push(...outcome.errors);
    else await inTransaction(ctx, report, (tx) => importDocuments(tx, outcome.documents, annotator, report));
  }
}

/**
 * Imports files: articles (.txt, .md, .html, .jsonl), a Factmark bundle, or
 * brat standoff pairs. One bad file never stops the others; a file that
 * fails is reported and adds nothing.
 */
export function importHandlers(ctx: ServiceContext): Pick<Handlers, 'import/files'> {
  return {
    'import/files': async ({ format, files, annotator }) => {
      const reports: FileReport[] = [];
      if (format === 'label-studio' || format === 'doccano' || format === 'w3c') {
        await importInterchange(ctx, format, files, annotator ?? ctx.annotator, reports);
      } else if (format === 'brat') {
        await importBrat(ctx, files, annotator ?? ctx.annotator, reports);
      } else if (format === 'bundle') {
        for (const file of files) {
          const report: FileReport = { file: file.name, imported: [], duplicates: 0, skipped: [] };
          reports.push(report);
          const decoded = decodeArticleBytes(bytesOf(file.content));
          if ('reason' in decoded) report.skipped.push(decoded.reason);
          else await inTransaction(ctx, report, (tx) => importBundle(tx, file.name, decoded.text, report));
        }
      } else {
        await ctx.transact(async (repo) => {
          const store = storeContext({ ...ctx, repo });
          const batch = [];
          for (const file of files) {
            const { articles, report } = await articlesFromFile(file.name, bytesOf(file.content), store);
            reports.push(report);
            batch.push(...articles);
          }
          await repo.addArticles(batch);
        });
      }
      const result: ImportReport = { files: reports, articles: ctx.repo.listArticles() };
      return result;
    },
  };
}
