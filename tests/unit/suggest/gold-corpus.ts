import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeText } from '../../../annotations/article-text';
import type { ExampleArticle, SuggestEntity } from '../../../annotations/suggest/recommender';

/** The gold layer of the sample corpus (tests/fixtures/suggest-gold), with the articles' texts. */
export interface GoldSpan {
  id: string;
  kind: string;
  start: number;
  end: number;
  quote: string;
  entityId: string | null;
}

export interface GoldArticle {
  id: string;
  text: string;
  spans: GoldSpan[];
  relations: { type: string; from: string; to: string }[];
}

const root = join(import.meta.dirname, '../../..');
const raw = JSON.parse(readFileSync(join(root, 'tests/fixtures/suggest-gold/gold.json'), 'utf8')) as {
  entities: SuggestEntity[];
  articles: Omit<GoldArticle, 'text'>[];
};

export const GOLD_ENTITIES: SuggestEntity[] = raw.entities;
export const GOLD_ARTICLES: GoldArticle[] = raw.articles.map((a) => ({
  ...a,
  text: normalizeText(readFileSync(join(root, 'annotations/sample-corpus', `${a.id}.txt`), 'utf8')),
}));

/** The other articles' gold, as examples for the learned matcher (leave one article out). */
export function examplesWithout(articleId: string): ExampleArticle[] {
  return GOLD_ARTICLES.filter((a) => a.id !== articleId).map((a) => ({
    text: a.text,
    annotations: a.spans.map((s) => ({
      kind: s.kind,
      start: s.start,
      end: s.end,
      attributes: {},
      entityId: s.entityId,
    })),
  }));
}
