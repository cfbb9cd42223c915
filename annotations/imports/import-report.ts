import type { ArticleLayer } from '../model';
import type { FileReport } from './article-import';

/** What one imported file added to the store, counted by kind of record. */
export interface ImportCounts {
  articles: number;
  /** New annotations by kind (`{ claim: 3, speaker: 2 }`). */
  annotations: Record<string, number>;
  links: number;
  entities: number;
  events: number;
}

/** A colleague's layer as a bundle changed it: the `layer of bob: 3 added, 1 removed, 2 changed` line. */
export interface LayerTally {
  annotator: string;
  added: number;
  removed: number;
  changed: number;
}

export const noCounts = (): ImportCounts => ({ articles: 0, annotations: {}, links: 0, entities: 0, events: 0 });

/** Adds to `counts` the annotations and links `after` has and `before` had not (by id). */
export function countNewRecords(counts: ImportCounts, before: ArticleLayer, after: ArticleLayer): void {
  const had = new Set(before.annotations.map((a) => a.id));
  for (const a of after.annotations)
    if (!had.has(a.id)) counts.annotations[a.kind] = (counts.annotations[a.kind] ?? 0) + 1;
  const linked = new Set(before.relations.map((r) => r.id));
  counts.links += after.relations.filter((r) => !linked.has(r.id)).length;
}

/** The counts of several files together. */
export function sumCounts(all: readonly ImportCounts[]): ImportCounts {
  const sum = noCounts();
  for (const c of all) {
    sum.articles += c.articles;
    sum.links += c.links;
    sum.entities += c.entities;
    sum.events += c.events;
    for (const [kind, n] of Object.entries(c.annotations)) sum.annotations[kind] = (sum.annotations[kind] ?? 0) + n;
  }
  return sum;
}

export const annotationTotal = (counts: ImportCounts) =>
  Object.values(counts.annotations).reduce((sum, n) => sum + n, 0);

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `2 articles, 5 annotations (claim 3, speaker 2), 1 link, 1 entity`; empty when nothing was added. */
export function describeCounts(counts: ImportCounts): string {
  const kinds = Object.entries(counts.annotations)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, n]) => `${kind} ${n}`);
  return [
    counts.articles > 0 && plural(counts.articles, 'article'),
    kinds.length > 0 && `${plural(annotationTotal(counts), 'annotation')} (${kinds.join(', ')})`,
    counts.links > 0 && plural(counts.links, 'link'),
    counts.entities > 0 && plural(counts.entities, 'entity', 'entities'),
    counts.events > 0 && plural(counts.events, 'event'),
  ]
    .filter(Boolean)
    .join(', ');
}

/** `layer of bob: 3 added, 1 removed` (or `unchanged`). */
export function describeLayer({ annotator, added, removed, changed }: LayerTally): string {
  const parts = [added && `${added} added`, removed && `${removed} removed`, changed && `${changed} changed`].filter(
    Boolean,
  );
  return `layer of ${annotator}: ${parts.length > 0 ? parts.join(', ') : 'unchanged'}`;
}

/** The first words of a file's report line: `imported 2 articles, 3 annotations (claim 3)` or `nothing imported`, and duplicates. */
export function summaryOf(report: Pick<FileReport, 'added' | 'duplicates'>): string {
  const added = describeCounts(report.added);
  const duplicates = report.duplicates > 0 ? `; ${report.duplicates} already in the store` : '';
  return `${added ? `imported ${added}` : 'nothing imported'}${duplicates}`;
}
