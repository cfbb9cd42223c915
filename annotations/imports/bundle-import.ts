import { sameJson } from '../changes';
import { contentHash } from '../content-hash';
import type { Bundle } from '../formats/native-bundle-format';
import { BundleSchema } from '../formats/native-bundle-format';
import type { Article, ArticleLayer } from '../model';
import { GOLD } from '../model';
import { issuesText } from '../schema-issues';
import type { ServiceContext } from '../service/context';
import { validateTagset } from '../tagset';
import type { FileReport } from './article-import';
import { introducedProblems, refusalReasons, registryProblems } from './import-checks';
import { createIdSet } from './import-ids';
import type { LayerTally } from './import-report';
import { countNewRecords, describeLayer } from './import-report';
import { Refused } from './import-transaction';

type BundleArticle = Bundle['articles'][number];
type Tally = (annotator: string, what: 'added' | 'removed' | 'changed') => void;

/** One article of the bundle and where it goes: a store article with the same text, or a new one. */
interface Target {
  item: BundleArticle;
  article: Article;
  isNew: boolean;
}

/** The records of `incoming` whose ids `known` does not have, each id once: the registry keeps what it has. */
function unknownTo<T extends { id: string }>(known: readonly T[], incoming: readonly T[]): T[] {
  const seen = new Set(known.map((r) => r.id));
  return incoming.filter((r) => {
    if (seen.has(r.id)) return false;
    seen.add(r.id);
    return true;
  });
}

function parseBundle(text: string): Bundle {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Refused([`not valid JSON: ${(error as Error).message}`]);
  }
  const parsed = BundleSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new Refused([`not a Factmark bundle: ${issuesText(parsed.error.issues, 3)}`]);
}

/** Matches each article of the bundle to the store by its text's real hash; new ones keep their id when it is free. */
async function targetsOf(ctx: ServiceContext, bundle: Bundle, problems: string[]): Promise<Target[]> {
  const summaries = ctx.repo.listArticles();
  const byHash = new Map(summaries.map((a) => [a.contentHash, a.id]));
  const taken = createIdSet(summaries.map((a) => a.id));
  const seen = new Map<string, string>();
  const targets: Target[] = [];
  for (const item of bundle.articles) {
    const { id } = item.article;
    const hash = await contentHash(item.article.text);
    if (hash !== item.article.contentHash) problems.push(`article ${id}: its contentHash does not match its text`);
    const twin = seen.get(hash);
    seen.set(hash, id);
    if (twin !== undefined) {
      problems.push(`article ${id}: the same text as article ${twin} of this bundle`);
      continue;
    }
    const existing = byHash.get(hash);
    if (existing) targets.push({ item, article: await ctx.repo.getArticle(existing), isNew: false });
    else if (taken.has(id))
      problems.push(`article ${id}: the id is taken by a different text in this store (or in this bundle)`);
    else {
      taken.add(id);
      targets.push({ item, article: item.article, isNew: true });
    }
  }
  return targets;
}

/**
 * Imports a Factmark bundle: articles (matched by content), entities,
 * events, and every layer in it. Everything is checked first, as the store
 * checks itself: each annotation against its article's text and the tagset
 * (the bundle's own when it becomes the store's, in an empty store), each
 * link's ends, each entity and event named. With any problem the bundle is
 * refused whole.
 */
export async function importBundle(ctx: ServiceContext, text: string, report: FileReport): Promise<void> {
  const bundle = parseBundle(text);
  const problems: string[] = [];
  const project = ctx.repo.readProject();
  const replacesTagset = ctx.repo.listArticles().length === 0;
  if (replacesTagset) {
    try {
      validateTagset(bundle.tagset);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const tagset = replacesTagset ? bundle.tagset : project.tagset;
  const newEntities = unknownTo(project.entities, bundle.entities);
  const newEvents = unknownTo(project.events, bundle.events);
  const registry = {
    tagset,
    entities: [...project.entities, ...newEntities],
    events: [...project.events, ...newEvents],
  };
  problems.push(...registryProblems(newEvents, registry.entities));

  const targets = await targetsOf(ctx, bundle, problems);
  const owner =
    bundle.exportedBy && bundle.exportedBy !== ctx.annotator && bundle.exportedBy !== GOLD ? bundle.exportedBy : null;
  const tally = new Map<string, LayerTally>();
  const count: Tally = (annotator, what) => {
    const row = tally.get(annotator) ?? { annotator, added: 0, removed: 0, changed: 0 };
    row[what]++;
    tally.set(annotator, row);
  };
  if (owner) tally.set(owner, { annotator: owner, added: 0, removed: 0, changed: 0 });
  const layers: { article: Article; before: ArticleLayer; after: ArticleLayer }[] = [];
  for (const { item, article, isNew } of targets) {
    const before: ArticleLayer = isNew
      ? { annotations: [], relations: [], documentLabels: [] }
      : await ctx.repo.readLayer(article.id);
    const after = mergeLayer(before, item, article.id, owner, count);
    problems.push(...introducedProblems(article, before, after, registry));
    layers.push({ article, before, after });
  }
  if (problems.length > 0) throw new Refused(refusalReasons(problems));

  const fresh = targets.filter((t) => t.isNew).map((t) => t.article);
  await ctx.repo.addArticles(fresh);
  await ctx.repo.updateProject((p) => ({
    ...p,
    tagset,
    guidelines: p.guidelines || bundle.guidelines,
    entities: registry.entities,
    events: registry.events,
  }));
  for (const { article, before, after } of layers) {
    await ctx.repo.updateLayer(article.id, () => after);
    countNewRecords(report.added, before, after);
  }
  report.duplicates = targets.length - fresh.length;
  report.imported.push(...fresh.map((a) => a.id));
  report.added.articles = fresh.length;
  report.added.entities = newEntities.length;
  report.added.events = newEvents.length;
  report.layers = [...tally.values()];
  report.imported.push(...report.layers.map(describeLayer));
}

/**
 * Merges one article of a bundle into the store's layer. The layer of the
 * colleague who exported the bundle is replaced by theirs (a newer export
 * updates it); every other layer, the user's own and gold included, only
 * gains annotations it does not have: nothing of theirs is overwritten.
 */
function mergeLayer(
  layer: ArticleLayer,
  item: BundleArticle,
  articleId: string,
  owner: string | null,
  count: Tally,
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
