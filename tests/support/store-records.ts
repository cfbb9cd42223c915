import { articleFromText } from '../../annotations/article-text';
import type { Annotation, Entity } from '../../annotations/model';

export const STAMP = '2026-01-01T00:00:00.000Z';

/** An article for store tests: a headline line, a blank line, one sentence. */
export const testArticle = (id: string, text = `Headline ${id}\n\nIran and Iraq met.`) =>
  articleFromText(id, text, 'test', STAMP);

/** A claim at `start` (`quote` must be the article's text there for checks that read it). */
export const testAnnotation = (articleId: string, id: string, start = 0, quote = 'Head'): Annotation => ({
  id,
  articleId,
  annotator: 'alice',
  kind: 'claim',
  start,
  end: start + quote.length,
  quote,
  attributes: {},
  note: '',
  entityId: null,
  eventId: null,
  createdAt: STAMP,
  updatedAt: STAMP,
});

/** alice's annotation of `kind` over `span` of `text` in article `articleId`, its quote taken from the text. */
export const annotationOver = (
  text: string,
  articleId: string,
  id: string,
  kind: string,
  span: { start: number; end: number },
  extra: Partial<Annotation> = {},
): Annotation => ({
  id,
  articleId,
  annotator: 'alice',
  kind,
  ...span,
  quote: text.slice(span.start, span.end),
  attributes: {},
  note: '',
  entityId: null,
  eventId: null,
  createdAt: STAMP,
  updatedAt: STAMP,
  ...extra,
});

/** A registry person (or `type`), no aliases, no external id. */
export const testEntity = (id: string, name: string, type: Entity['type'] = 'person'): Entity => ({
  id,
  name,
  type,
  aliases: [],
  externalId: null,
  createdAt: STAMP,
  updatedAt: STAMP,
});
