import { describe, expect, it } from 'vitest';
import type { Annotation, ArticleLayer } from '../../annotations/model';
import { adjudicationState, compareLayers, groupKey } from '../../annotations/review/compare';

const STAMP = '2026-11-25T00:00:00.000Z';
let next = 0;
function span(
  annotator: string,
  kind: string,
  start: number,
  end: number,
  attributes: Annotation['attributes'] = {},
): Annotation {
  return {
    id: `${annotator}-${kind}-${next++}`,
    articleId: 'a',
    annotator,
    kind,
    start,
    end,
    quote: 'x'.repeat(end - start),
    attributes,
    note: '',
    entityId: null,
    eventId: null,
    createdAt: STAMP,
    updatedAt: STAMP,
  };
}
const layerOf = (annotations: Annotation[], extra: Partial<ArticleLayer> = {}): ArticleLayer => ({
  annotations,
  relations: [],
  documentLabels: [],
  ...extra,
});
const summary = (layer: ArticleLayer, names: string[]) =>
  compareLayers(layer, names).map((g) => [g.items.map((a) => a.id), g.differences]);

describe('compareLayers', () => {
  it('does not pair spans of different kinds that only overlap: a speaker inside a claim is no claim', () => {
    const claim = span('a', 'claim', 0, 50);
    const speaker = span('b', 'speaker', 0, 5);
    expect(summary(layerOf([claim, speaker]), ['a', 'b'])).toEqual([
      [[claim.id], ['missing']],
      [[speaker.id], ['missing']],
    ]);
  });

  it('pairs the same span of another kind as a label difference, and the same kind first when both exist', () => {
    const aClaim = span('a', 'claim', 0, 50);
    const bEvent = span('b', 'event', 0, 50);
    const bClaim = span('b', 'claim', 2, 48);
    expect(summary(layerOf([aClaim, bEvent, bClaim]), ['a', 'b'])).toEqual([
      [[aClaim.id, bClaim.id], ['boundary']],
      [[bEvent.id], ['missing']],
    ]);
    expect(summary(layerOf([aClaim, bEvent]), ['a', 'b'])).toEqual([[[aClaim.id, bEvent.id], ['label']]]);
  });

  it('gives one layer at most one annotation per group, the best-overlapping one', () => {
    const a = span('a', 'place', 10, 20);
    const bSmall = span('b', 'place', 10, 12);
    const bClose = span('b', 'place', 11, 20);
    const groups = compareLayers(layerOf([a, bSmall, bClose]), ['a', 'b']);
    expect(groups.map((g) => g.items.map((x) => x.id))).toEqual([[a.id, bClose.id], [bSmall.id]]);
  });

  it('classifies attributes and links, and three layers with one missing', () => {
    const a = span('a', 'claim', 0, 10, { verdict: 'false' });
    const b = span('b', 'claim', 0, 10, { verdict: 'true' });
    const c = span('c', 'claim', 0, 10, { verdict: 'false' });
    const sa = span('a', 'speaker', 20, 25);
    const sb = span('b', 'speaker', 20, 25);
    const said = (from: Annotation, to: Annotation) => ({
      id: `${from.id}-said`,
      articleId: 'a',
      annotator: from.annotator,
      type: 'said-by',
      from: from.id,
      to: { kind: 'annotation' as const, id: to.id },
      createdAt: STAMP,
    });
    const layer = layerOf([a, b, c, sa, sb], { relations: [said(a, sa), said(b, sb)] });
    const groups = compareLayers(layer, ['a', 'b', 'c']);
    expect(groups.map((g) => [g.items.map((x) => x.annotator), g.missing, g.differences])).toEqual([
      [['a', 'b', 'c'], [], ['attributes', 'link']],
      [['a', 'b'], ['c'], ['missing']],
    ]);
    // Same targets by group: alice's and bob's said-by links agree.
    expect(compareLayers(layer, ['a', 'b'])[0]!.differences).toEqual(['attributes']);
    expect(groups[0]!.key).toBe(groupKey([c, a, b]));
  });

  it('counts an article adjudicated only when every group, agreements included, has a decision', () => {
    const a = span('a', 'place', 0, 5);
    const b = span('b', 'place', 0, 5);
    const only = span('a', 'date', 10, 15);
    const layer = layerOf([a, b, only]);
    const groups = compareLayers(layer, ['a', 'b']);
    const decision = (key: string) => ({
      key,
      action: 'accept' as const,
      sources: [],
      goldIds: [],
      decidedBy: 'x',
      decidedAt: STAMP,
    });
    expect(adjudicationState(layer, groups)).toEqual({ differences: 1, decided: 0, adjudicated: false });
    const oneDecided = { ...layer, decisions: [decision(groups[1]!.key)] };
    expect(adjudicationState(oneDecided, groups)).toEqual({ differences: 1, decided: 1, adjudicated: false });
    const all = { ...layer, decisions: groups.map((g) => decision(g.key)) };
    expect(adjudicationState(all, groups)).toEqual({ differences: 1, decided: 1, adjudicated: true });
  });

  it('takes an unset value against a chosen one for a difference, and unset against unset (null or absent) for none', () => {
    const unset = span('a', 'claim', 0, 10, { verdict: 'false', checkWorthy: null });
    const no = span('b', 'claim', 0, 10, { verdict: 'false', checkWorthy: false });
    const absent = span('c', 'claim', 0, 10, { verdict: 'false' });
    expect(compareLayers(layerOf([unset, no]), ['a', 'b'])[0]!.differences).toEqual(['attributes']);
    expect(compareLayers(layerOf([unset, absent]), ['a', 'c'])[0]!.differences).toEqual([]);
    expect(compareLayers(layerOf([no, absent]), ['b', 'c'])[0]!.differences).toEqual(['attributes']);
  });
});

describe('compareLayers on discontinuous spans', () => {
  // "picked … up": fragments 3–9 and 13–15; the gap 9–13 holds other words.
  const pieces = (annotator: string, kind: string, fragments: [number, number][]): Annotation => ({
    ...span(annotator, kind, fragments[0]![0], fragments[fragments.length - 1]![1]),
    fragments: fragments.map(([start, end]) => ({ start, end })),
  });

  it('takes the same fragments for the same span, and the envelope for another boundary', () => {
    const a = pieces('a', 'verb', [
      [3, 9],
      [13, 15],
    ]);
    const same = pieces('b', 'verb', [
      [3, 9],
      [13, 15],
    ]);
    const envelope = span('c', 'verb', 3, 15);
    expect(compareLayers(layerOf([a, same]), ['a', 'b'])[0]!.differences).toEqual([]);
    expect(compareLayers(layerOf([a, envelope]), ['a', 'c'])[0]!.differences).toEqual(['boundary']);
  });

  it('does not pair a span lying in the gap', () => {
    const a = pieces('a', 'verb', [
      [3, 9],
      [13, 15],
    ]);
    const inGap = span('b', 'verb', 10, 12);
    expect(summary(layerOf([a, inGap]), ['a', 'b'])).toEqual([
      [[a.id], ['missing']],
      [[inGap.id], ['missing']],
    ]);
  });

  it('pairs by the characters the pieces cover (Jaccard over pieces, not envelopes)', () => {
    // a covers 0–5 and 20–25 (10 characters). b's 0–25 shares 10 of 25: 0.4; b's 0–6 shares 5 of 11: 0.45.
    // Over envelopes 0–25 would share everything with a and win.
    const a = pieces('a', 'claim', [
      [0, 5],
      [20, 25],
    ]);
    const wide = span('b', 'claim', 0, 25);
    const close = span('b', 'claim', 0, 6);
    const groups = compareLayers(layerOf([a, wide, close]), ['a', 'b']);
    expect(groups.find((g) => g.items.includes(a))!.items.map((x) => x.id)).toEqual([a.id, close.id]);
  });
});
