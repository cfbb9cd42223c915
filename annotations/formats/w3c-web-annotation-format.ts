import type { Annotation, Article, Entity } from '../model';
import type { ExportedFile, ExportInput } from './export-input';
import { safeName } from './export-input';
import { offsetMap } from './offsets';

const CONTEXT_CHARS = 32;

/** @see https://www.w3.org/TR/annotation-model/#text-quote-selector */
export interface W3CTextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/** Offsets in Unicode code points. @see https://www.w3.org/TR/annotation-model/#text-position-selector */
export interface W3CTextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface W3CTextualBody {
  type: 'TextualBody';
  purpose: 'tagging' | 'classifying' | 'describing' | 'identifying';
  value: string;
}

/** @see https://www.w3.org/TR/annotation-model/ */
export interface W3CAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'tagging' | 'classifying';
  created: string;
  modified: string;
  creator: { id: string; type: 'Person'; name: string };
  body: (W3CTextualBody | { id: string; purpose: 'identifying' })[];
  target: { source: string; selector: [W3CTextQuoteSelector, W3CTextPositionSelector] };
}

export const articleUrn = (id: string) => `urn:factmark:article:${id}`;

/** Prefix and suffix from code-point boundaries, so no half of an emoji is ever cut off. */
function around(text: string, start: number, end: number): { prefix: string; suffix: string } {
  const before = Array.from(text.slice(Math.max(0, start - CONTEXT_CHARS * 2), start));
  const after = Array.from(text.slice(end, end + CONTEXT_CHARS * 2));
  return { prefix: before.slice(-CONTEXT_CHARS).join(''), suffix: after.slice(0, CONTEXT_CHARS).join('') };
}

export function toW3C(
  article: Article,
  a: Annotation,
  entities: readonly Entity[],
  map = offsetMap(article.text),
): W3CAnnotation {
  const body: W3CAnnotation['body'] = [{ type: 'TextualBody', purpose: 'tagging', value: a.kind }];
  for (const [name, value] of Object.entries(a.attributes)) {
    if (value === null || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value])
      body.push({ type: 'TextualBody', purpose: 'classifying', value: `${name}=${String(v)}` });
  }
  const entity = entities.find((e) => e.id === a.entityId);
  if (entity)
    body.push({
      id:
        entity.externalId && /^Q\d+$/.test(entity.externalId)
          ? `http://www.wikidata.org/entity/${entity.externalId}`
          : `urn:factmark:entity:${entity.id}`,
      purpose: 'identifying',
    });
  if (a.note) body.push({ type: 'TextualBody', purpose: 'describing', value: a.note });
  return {
    id: `urn:factmark:annotation:${a.id}`,
    type: 'Annotation',
    motivation: Object.keys(a.attributes).length > 0 ? 'classifying' : 'tagging',
    created: a.createdAt,
    modified: a.updatedAt,
    creator: { id: `urn:factmark:annotator:${encodeURIComponent(a.annotator)}`, type: 'Person', name: a.annotator },
    body,
    target: {
      source: articleUrn(article.id),
      selector: [
        { type: 'TextQuoteSelector', exact: a.quote, ...around(article.text, a.start, a.end) },
        { type: 'TextPositionSelector', start: map.toCodePoint(a.start), end: map.toCodePoint(a.end) },
      ],
    },
  };
}

/** One AnnotationCollection for the export, and each article's text beside it (the selectors' source). */
export function exportW3C(input: ExportInput): ExportedFile[] {
  const items = input.articles.flatMap(({ article, layer }) => {
    const map = offsetMap(article.text);
    return layer.annotations.map((a) => toW3C(article, a, input.entities, map));
  });
  const collection = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'urn:factmark:export',
    type: 'AnnotationCollection',
    label: `Factmark export (${input.tagset.name})`,
    total: items.length,
    first: { id: 'urn:factmark:export:page1', type: 'AnnotationPage', startIndex: 0, items },
  };
  return [
    { path: 'annotations.jsonld', content: `${JSON.stringify(collection, null, 2)}\n` },
    ...input.articles.map(({ article }) => ({ path: `texts/${safeName(article.id)}.txt`, content: article.text })),
  ];
}
