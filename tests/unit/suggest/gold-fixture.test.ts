import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../../annotations/default-tagset';
import { GOLD_ARTICLES, GOLD_ENTITIES } from './gold-corpus';

describe('the gold layer of the sample corpus', () => {
  it('covers the five sample articles, with the ids the app gives them', () => {
    expect(GOLD_ARTICLES.map((a) => a.id)).toEqual([
      '000_0032acaf3c30b9bc',
      '001_3eea3b6f31cb041f',
      '002_7feab6871f0e57f9',
      '003_868bd8ac9b581218',
      '004_74bfdcc74ec9356c',
    ]);
  });

  it('quotes exactly the text its offsets point at, in kinds of the default tagset', () => {
    const kinds = new Set(DEFAULT_TAGSET.kinds.map((k) => k.kind));
    for (const article of GOLD_ARTICLES)
      for (const span of article.spans) {
        expect(article.text.slice(span.start, span.end), `${article.id} ${span.id}`).toBe(span.quote);
        expect(span.start).toBeLessThan(span.end);
        expect(kinds.has(span.kind)).toBe(true);
      }
  });

  it('links every claim by said-by to a speaker span of the same article', () => {
    let claims = 0;
    for (const article of GOLD_ARTICLES) {
      const byId = new Map(article.spans.map((s) => [s.id, s]));
      for (const r of article.relations) {
        expect(r.type).toBe('said-by');
        expect(byId.get(r.from)?.kind).toBe('claim');
        expect(byId.get(r.to)?.kind).toBe('speaker');
      }
      const linked = new Set(article.relations.map((r) => r.from));
      for (const claim of article.spans.filter((s) => s.kind === 'claim')) {
        expect(linked.has(claim.id), `${article.id}: ${claim.quote}`).toBe(true);
        claims++;
      }
    }
    expect(claims).toBeGreaterThanOrEqual(40);
  });

  it('links mentions only to entities of the registry, of the mention’s type', () => {
    const entities = new Map(GOLD_ENTITIES.map((e) => [e.id, e]));
    for (const article of GOLD_ARTICLES)
      for (const span of article.spans) {
        if (span.entityId === null) continue;
        const entity = entities.get(span.entityId);
        expect(entity, span.entityId).toBeDefined();
        if (span.kind !== 'speaker') expect(entity!.type).toBe(span.kind);
      }
  });
});
