import { attributeValue } from '../agreement/attribute-agreement';
import { coveredLength, samePieces, sharedLength } from '../agreement/span-pieces';
import type { Annotation, ArticleLayer } from '../model';

/**
 * What differs between the layers' versions of one stretch of text, in order
 * of precedence: `missing` (some layers have no annotation there), `label`
 * (same span, another kind), `boundary` (overlapping spans of one kind with
 * other offsets, or other fragments), `attributes` (other values such as the
 * verdict; a value against an unset one is a difference), `link` (another
 * speaker, entity, event or relation target).
 */
export const DIFFERENCE_TYPES = ['missing', 'label', 'boundary', 'attributes', 'link'] as const;
export type DifferenceType = (typeof DIFFERENCE_TYPES)[number];

/** Annotations of different layers taken to be the same unit: at most one per layer. */
export interface ComparedGroup {
  /** The group's annotations as `annotator:id`, sorted and joined by `|`: decisions refer to it. */
  key: string;
  start: number;
  end: number;
  items: Annotation[];
  /** Compared layers with no annotation in the group. */
  missing: string[];
  /** Every way the layers differ, by precedence; empty when they agree. */
  differences: DifferenceType[];
}

export const groupKey = (items: readonly Annotation[]) =>
  items
    .map((a) => `${a.annotator}:${a.id}`)
    .sort()
    .join('|');

/** The same span: the same pieces, so a discontinuous span differs from its continuous envelope. */
const sameSpan = samePieces;

/**
 * The same values: attribute by attribute, an unset one (absent, null or
 * empty text) equals only another unset one, never `false` or a default.
 */
function sameValues(a: Annotation['attributes'], b: Annotation['attributes']): boolean {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const name of names)
    if (
      attributeValue(Object.hasOwn(a, name) ? a[name] : undefined) !==
      attributeValue(Object.hasOwn(b, name) ? b[name] : undefined)
    )
      return false;
  return true;
}

/**
 * How strongly two annotations of different layers pair: the same span and
 * kind first, then overlapping spans of one kind (by how much they share),
 * then the same span with another kind. Spans of different kinds that merely
 * overlap do not pair: a speaker inside someone else's claim is no claim.
 * Overlap and Jaccard count the characters the pieces cover, not the gaps.
 */
function pairScore(a: Annotation, b: Annotation): number {
  const shared = sharedLength(a, b);
  if (shared <= 0) return 0;
  const jaccard = shared / (coveredLength(a) + coveredLength(b) - shared);
  if (a.kind === b.kind) return sameSpan(a, b) ? 3 : 1 + jaccard;
  return sameSpan(a, b) ? 1 : 0;
}

/** Pairs annotations greedily, best pairs first, into groups holding at most one annotation per layer. */
function groupAnnotations(annotations: readonly Annotation[]): Annotation[][] {
  const sorted = [...annotations].sort((a, b) => a.start - b.start || a.end - b.end || a.id.localeCompare(b.id));
  const pairs: { i: number; j: number; score: number }[] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j]!.start < sorted[i]!.end; j++) {
      if (sorted[i]!.annotator === sorted[j]!.annotator) continue;
      const score = pairScore(sorted[i]!, sorted[j]!);
      if (score > 0) pairs.push({ i, j, score });
    }
  }
  pairs.sort((p, q) => q.score - p.score || p.i - q.i || p.j - q.j);
  const groupOf = sorted.map((_, i) => i);
  const members = new Map(sorted.map((a, i) => [i, [a]]));
  for (const { i, j } of pairs) {
    const gi = groupOf[i]!;
    const gj = groupOf[j]!;
    if (gi === gj) continue;
    const left = members.get(gi)!;
    const right = members.get(gj)!;
    if (left.some((a) => right.some((b) => a.annotator === b.annotator))) continue;
    members.set(gi, [...left, ...right]);
    members.delete(gj);
    for (const a of right) groupOf[sorted.indexOf(a)] = gi;
  }
  return [...members.values()];
}

/** An annotation's links, with relation targets named by their group so layers can be compared. */
function linkSignature(a: Annotation, layer: ArticleLayer, groupIndex: Map<string, number>): string {
  const relations = layer.relations
    .filter((r) => r.from === a.id)
    .map(
      (r) =>
        `${r.type}>${r.to.kind === 'entity' ? `entity:${r.to.id}` : `group:${groupIndex.get(r.to.id) ?? r.to.id}`}`,
    )
    .sort();
  return JSON.stringify([a.entityId, a.eventId, relations]);
}

/**
 * Compares the layers of the given annotators on one article. Every
 * annotation of those layers lands in exactly one group; groups come in text
 * order. Notes and timestamps are not compared.
 */
export function compareLayers(layer: ArticleLayer, annotators: readonly string[]): ComparedGroup[] {
  const chosen = layer.annotations.filter((a) => annotators.includes(a.annotator));
  // Text order: by start, the longer (outer) group first, then by key so the order never depends on storage.
  const extent = (g: Annotation[]) => [Math.min(...g.map((a) => a.start)), Math.max(...g.map((a) => a.end))] as const;
  const groups = groupAnnotations(chosen).sort((g, h) => {
    const [gs, ge] = extent(g);
    const [hs, he] = extent(h);
    return gs - hs || he - ge || groupKey(g).localeCompare(groupKey(h));
  });
  const groupIndex = new Map(groups.flatMap((g, i) => g.map((a) => [a.id, i] as const)));
  return groups.map((items) => {
    const ordered = [...items].sort((a, b) => annotators.indexOf(a.annotator) - annotators.indexOf(b.annotator));
    const missing = annotators.filter((name) => !items.some((a) => a.annotator === name));
    const [first, ...rest] = ordered;
    const differences: DifferenceType[] = [];
    if (missing.length > 0) differences.push('missing');
    if (rest.some((a) => a.kind !== first!.kind)) differences.push('label');
    if (rest.some((a) => !sameSpan(a, first!))) differences.push('boundary');
    if (rest.some((a) => !sameValues(a.attributes, first!.attributes))) differences.push('attributes');
    const signature = linkSignature(first!, layer, groupIndex);
    if (rest.some((a) => linkSignature(a, layer, groupIndex) !== signature)) differences.push('link');
    return {
      key: groupKey(ordered),
      start: Math.min(...ordered.map((a) => a.start)),
      end: Math.max(...ordered.map((a) => a.end)),
      items: ordered,
      missing,
      differences,
    };
  });
}

/** The annotators with a layer on the article, in first-seen order, the gold layer excepted. */
export function layerNames(layer: ArticleLayer, gold: string): string[] {
  return [...new Set(layer.annotations.map((a) => a.annotator))].filter((name) => name !== gold);
}

/** Where each article stands: how many differences, how many decided, whether every group is decided. */
export function adjudicationState(layer: ArticleLayer, groups: readonly ComparedGroup[]) {
  const decided = new Set((layer.decisions ?? []).map((d) => d.key));
  const differing = groups.filter((g) => g.differences.length > 0);
  return {
    differences: differing.length,
    decided: differing.filter((g) => decided.has(g.key)).length,
    adjudicated: groups.length > 0 && groups.every((g) => decided.has(g.key)),
  };
}
