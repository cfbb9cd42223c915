import type { Change, ChangeSet, Mutation } from '../changes';
import { FactmarkError } from '../errors';
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

/** Every article with its layer, one at a time: for corpus-wide reads (search, entity pages, migrations). */
export async function* eachLayer(repo: StoreView): AsyncGenerator<{ article: Article; layer: ArticleLayer }> {
  for (const summary of repo.listArticles()) {
    yield { article: await repo.getArticle(summary.id), layer: await repo.readLayer(summary.id) };
  }
}

/** Applies one edit to the layer of each article that has annotations matching `pick`; returns the changes. */
export async function editMatchingAnnotations(
  ctx: ServiceContext,
  pick: (a: Annotation) => boolean,
  edit: (a: Annotation) => Annotation,
): Promise<Change[]> {
  const changes: Change[] = [];
  for (const summary of ctx.repo.listArticles()) {
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
