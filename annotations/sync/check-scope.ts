import { sameJson } from '../changes';
import type { ProjectSnapshot, SnapshotRecord } from './snapshot';
import { recordArticle } from './snapshot';

/**
 * Which records need checking in `next`, given that `valid` passed every
 * check: the project-wide records, and the records of each article with a
 * change. Everything (null) when the tagset changed or an entity or event
 * record went away, since records anywhere may lean on those. A team member
 * gone adds the articles assigned to them (only an assignment names a member).
 */
export function checkScope(
  valid: ProjectSnapshot['records'],
  next: ProjectSnapshot['records'],
): ReadonlySet<string> | null {
  const articles = new Set<string>();
  const gone = new Set<string>();
  const changed = (key: string, before: SnapshotRecord | undefined, after: SnapshotRecord | undefined) => {
    if (before === after || sameJson(before ?? null, after ?? null)) return false;
    if (key === 'tagset') return true;
    const record = (after ?? before)!;
    if (after === undefined && (record.type === 'entity' || record.type === 'event')) return true;
    if (after === undefined && record.type === 'member') gone.add(record.value.name);
    const articleId = recordArticle(record);
    if (articleId !== null) articles.add(articleId);
    return false;
  };
  for (const [key, after] of Object.entries(next)) if (changed(key, valid[key], after)) return null;
  for (const [key, before] of Object.entries(valid)) if (!(key in next) && changed(key, before, undefined)) return null;
  if (gone.size > 0)
    for (const record of Object.values(next))
      if (record.type === 'assignment' && gone.has(record.value.annotator)) articles.add(record.value.articleId);
  return articles;
}
