import type { ChangeSet } from '../../../annotations/changes';
import type { ArticleLayer } from '../../../annotations/model';

/** The articles an undo step changes, in the order of its changes (none: registry records only). */
export function articlesOf(changeSet: ChangeSet): string[] {
  return [...new Set(changeSet.changes.flatMap((c) => ('articleId' in c ? [c.articleId] : [])))];
}

/** Whether the step changes records kept outside the articles (entities, event records, tagset, guidelines). */
export const touchesRegistry = (changeSet: ChangeSet) => changeSet.changes.some((c) => !('articleId' in c));

/** The annotation to show once the step is applied in `articleId`: the first it changed (or linked from) that is there. */
export function annotationOf(changeSet: ChangeSet, articleId: string, layer: ArticleLayer): string | null {
  const ids = changeSet.changes.flatMap((c) => {
    if (!('articleId' in c) || c.articleId !== articleId) return [];
    if (c.type === 'annotation') return [(c.after ?? c.before)!.id];
    if (c.type === 'relation') return [(c.after ?? c.before)!.from];
    return [];
  });
  return ids.find((id) => layer.annotations.some((a) => a.id === id)) ?? null;
}

/** Where a step's changes are, for its notice: ` in “Title”`, ` in “Title” and 2 other articles`, or nothing. */
export function whereText(articleIds: readonly string[], titles: Readonly<Record<string, string>>): string {
  const [first] = articleIds;
  if (!first) return '';
  const title = titles[first] ?? first;
  const others = articleIds.length - 1;
  return ` in “${title}”${others > 0 ? ` and ${others} other article${others === 1 ? '' : 's'}` : ''}`;
}

/** An undo step as the Undo and Redo buttons name it: its label and where it is (an article's title once met, else its id). */
export const describeStep = (changeSet: ChangeSet, titles: Readonly<Record<string, string>>) =>
  `${changeSet.label}${whereText(articlesOf(changeSet), titles)}`;
