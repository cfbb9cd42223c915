import type { Change, ChangeSet, Mutation } from '../changes';
import type { LeftOut } from '../contract';
import { FactmarkError, StoreUnreadableError } from '../errors';
import type { Annotation, Article, ArticleLayer } from '../model';
import { GOLD } from '../model';
import type { ProjectData, StoreView } from '../repository';

/** What every handler works with. */
export interface ServiceContext {
  /** The store as this operation sees it: inside its transaction, or a read that no change interleaves. */
  repo: StoreView;
  /**
   * Runs `work` as a transaction of its own: all of it is saved, or nothing.
   * Only operations that save in several steps (an import, file by file) use
   * it; every other operation is one transaction already.
   */
  transact<T>(work: (tx: StoreView) => Promise<T>): Promise<T>;
  /** Whose layer new annotations go to. */
  annotator: string;
  now(): string;
  newId(): string;
}

export function mutation<T>(value: T, label: string, changes: Change[]): Mutation<T> {
  return { value, changeSet: { label, changes } };
}

export function emptyChangeSet(label: string): ChangeSet {
  return { label, changes: [] };
}

export function findOrThrow<T extends { id: string }>(
  records: readonly T[],
  id: string,
  what: string,
  where?: string,
): T {
  const found = records.find((r) => r.id === id);
  if (!found) throw new FactmarkError('not-found', `No ${what} "${id}"${where ? ` in ${where}` : ''}`);
  return found;
}

export function replaceById<T extends { id: string }>(records: readonly T[], record: T): T[] {
  const at = records.findIndex((r) => r.id === record.id);
  return at < 0 ? [...records, record] : records.map((r, i) => (i === at ? record : r));
}

export function withoutId<T extends { id: string }>(records: readonly T[], id: string): T[] {
  return records.filter((r) => r.id !== id);
}

/**
 * Every article with its layer, one at a time: for corpus-wide reads (search,
 * entity pages, migrations). An article whose text or annotations file cannot
 * be read is skipped and added to `leftOut`, so damage to one file stays
 * local; a change that the skipped layers might contradict refuses with
 * `refuseUnchecked`. `articleIds` (in its order) narrows the walk.
 */
export async function* eachLayer(
  repo: StoreView,
  leftOut: LeftOut[],
  articleIds?: readonly string[],
): AsyncGenerator<{ article: Article; layer: ArticleLayer }> {
  const titles = new Map(repo.listArticles().map((a) => [a.id, a.title]));
  for (const articleId of articleIds ?? titles.keys()) {
    const read = await readArticleLayer(repo, articleId);
    if ('article' in read) yield read;
    else leftOut.push({ articleId, title: titles.get(articleId) ?? articleId, ...read });
  }
}

/** An article and its layer, or the file of the two that cannot be read and why. */
export async function readArticleLayer(
  repo: StoreView,
  articleId: string,
): Promise<{ article: Article; layer: ArticleLayer } | { file: string; reason: string }> {
  try {
    return { article: await repo.getArticle(articleId), layer: await repo.readLayer(articleId) };
  } catch (error) {
    if (error instanceof StoreUnreadableError) return { file: error.file, reason: error.reason };
    throw error;
  }
}

/** An article alone (one without annotation files), or its file that cannot be read and why. */
export async function readArticle(
  repo: StoreView,
  articleId: string,
): Promise<{ article: Article; layer?: undefined } | { file: string; reason: string }> {
  try {
    return { article: await repo.getArticle(articleId) };
  } catch (error) {
    if (error instanceof StoreUnreadableError) return { file: error.file, reason: error.reason };
    throw error;
  }
}

/** `result` with `leftOut` when an article was left out; as it was when none was. */
export function withLeftOut<T extends object>(result: T, leftOut: readonly LeftOut[]): T & { leftOut?: LeftOut[] } {
  return leftOut.length > 0 ? { ...result, leftOut: [...leftOut] } : result;
}

/** Reads every layer only to learn which cannot be read. */
export async function unreadableArticles(repo: StoreView): Promise<LeftOut[]> {
  const leftOut: LeftOut[] = [];
  const walk = eachLayer(repo, leftOut);
  while (!(await walk.next()).done);
  return leftOut;
}

/**
 * Refuses a change that a layer left out might contradict (a link to what
 * would be deleted, a value a tagset change would orphan): the user restores
 * or repairs the file first, rather than risk it.
 */
export function refuseUnchecked(leftOut: readonly LeftOut[], what: string): void {
  if (leftOut.length === 0) return;
  const articles = leftOut.map((l) => `cannot check article "${l.title}" (${l.file}: ${l.reason})`);
  throw new FactmarkError(
    'conflict',
    `${what}: ${articles.join('; ')}; restore or repair ${leftOut.length === 1 ? 'it' : 'them'} first`,
  );
}

/**
 * Applies one edit to the layer of each article that has annotations
 * matching `pick` (of the named articles only, when `articleIds` is given:
 * the others are not read); returns the changes.
 */
export async function editMatchingAnnotations(
  ctx: ServiceContext,
  pick: (a: Annotation) => boolean,
  edit: (a: Annotation) => Annotation,
  articleIds?: ReadonlySet<string>,
): Promise<Change[]> {
  const changes: Change[] = [];
  for (const summary of ctx.repo.listArticles()) {
    if (articleIds && !articleIds.has(summary.id)) continue;
    const layer = await ctx.repo.readLayer(summary.id);
    if (!layer.annotations.some(pick)) continue;
    await ctx.repo.updateLayer(summary.id, (current) => ({
      ...current,
      annotations: current.annotations.map((a) => {
        if (!pick(a)) return a;
        const after = edit(a);
        changes.push({ type: 'annotation', articleId: summary.id, before: a, after });
        return after;
      }),
    }));
  }
  return changes;
}

/**
 * A colleague's layer is theirs: the user changes only their own layer and
 * the gold layer (the adjudicator's corrections). Imports and adjudication
 * are how a colleague's work moves.
 */
export function requireWritable(ctx: ServiceContext, record: { annotator: string }, what: string): void {
  if (record.annotator === ctx.annotator || record.annotator === GOLD) return;
  throw new FactmarkError(
    'conflict',
    `That ${what} is in ${record.annotator}'s layer, which only they change; compare the layers to take it into gold`,
  );
}

export function project(ctx: ServiceContext): ProjectData {
  return ctx.repo.readProject();
}
