import type { Annotation, Article, Entity, Relation } from '../model';
import type { ExportedFile, ExportInput } from './export-input';
import { safeName } from './export-input';
import type { ExportPiece } from './export-pieces';
import { filesOf } from './export-pieces';
import type { OffsetMap } from './offsets';
import { offsetMap } from './offsets';
import { pieceTexts } from './span-text';

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

/** Who made an annotation: the annotator whose layer it is in. */
export interface W3CCreator {
  id: string;
  type: 'Person';
  name: string;
}

/** A specific resource: the article's text, and where in it. @see https://www.w3.org/TR/annotation-model/#selectors */
export interface W3CTextTarget {
  source: string;
  selector: [W3CTextQuoteSelector, W3CTextPositionSelector];
}

/**
 * An annotation of a span. A discontinuous span has one target per piece,
 * each on the same source with its own selectors, so no gap is ever part of
 * it. @see https://www.w3.org/TR/annotation-model/
 */
export interface W3CAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'tagging' | 'classifying';
  created: string;
  modified: string;
  creator: W3CCreator;
  body: (W3CTextualBody | { id: string; purpose: 'identifying' })[];
  target: W3CTextTarget | W3CTextTarget[];
}

/**
 * A relation as a linking annotation: its type as a tagging body, its target
 * the IRIs of the annotation it starts from and of the annotation (or
 * entity) it points to. @see https://www.w3.org/TR/annotation-vocab/#linking
 */
export interface W3CLinkingAnnotation {
  type: 'Annotation';
  id: string;
  motivation: 'linking';
  body: { type: 'TextualBody'; purpose: 'tagging'; value: string };
  target: [string, string];
  creator: W3CCreator;
}

export const articleUrn = (id: string) => `urn:factmark:article:${id}`;
export const annotationIri = (id: string) => `urn:factmark:annotation:${id}`;
export const relationIri = (id: string) => `urn:factmark:relation:${id}`;

/** An entity's IRI: its Wikidata item when it names one, else Factmark's own. */
export const entityIri = (entity: Pick<Entity, 'id' | 'externalId'>) =>
  entity.externalId && /^Q\d+$/.test(entity.externalId)
    ? `http://www.wikidata.org/entity/${entity.externalId}`
    : `urn:factmark:entity:${entity.id}`;

export const creatorOf = (annotator: string): W3CCreator => ({
  id: `urn:factmark:annotator:${encodeURIComponent(annotator)}`,
  type: 'Person',
  name: annotator,
});

/** Prefix and suffix from code-point boundaries, so no half of an emoji is ever cut off. */
function around(text: string, start: number, end: number): { prefix: string; suffix: string } {
  const before = Array.from(text.slice(Math.max(0, start - CONTEXT_CHARS * 2), start));
  const after = Array.from(text.slice(end, end + CONTEXT_CHARS * 2));
  return { prefix: before.slice(-CONTEXT_CHARS).join(''), suffix: after.slice(0, CONTEXT_CHARS).join('') };
}

/** One piece of a span as a target: its own quote (with the text around it) and its position in code points. */
function targetOf(
  article: Article,
  piece: { start: number; end: number; text: string },
  map: OffsetMap,
): W3CTextTarget {
  return {
    source: articleUrn(article.id),
    selector: [
      { type: 'TextQuoteSelector', exact: piece.text, ...around(article.text, piece.start, piece.end) },
      { type: 'TextPositionSelector', start: map.toCodePoint(piece.start), end: map.toCodePoint(piece.end) },
    ],
  };
}

export function toW3C(
  article: Article,
  a: Annotation,
  /** The registry by id: looked up once per annotation, so a large registry costs no scan each. */
  entities: ReadonlyMap<string, Entity>,
  map = offsetMap(article.text),
): W3CAnnotation {
  const body: W3CAnnotation['body'] = [{ type: 'TextualBody', purpose: 'tagging', value: a.kind }];
  for (const [name, value] of Object.entries(a.attributes)) {
    if (value === null || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value])
      body.push({ type: 'TextualBody', purpose: 'classifying', value: `${name}=${String(v)}` });
  }
  const entity = a.entityId ? entities.get(a.entityId) : undefined;
  if (entity) body.push({ id: entityIri(entity), purpose: 'identifying' });
  if (a.note) body.push({ type: 'TextualBody', purpose: 'describing', value: a.note });
  const targets = pieceTexts(a).map((piece) => targetOf(article, piece, map));
  return {
    id: annotationIri(a.id),
    type: 'Annotation',
    motivation: Object.keys(a.attributes).length > 0 ? 'classifying' : 'tagging',
    created: a.createdAt,
    modified: a.updatedAt,
    creator: creatorOf(a.annotator),
    body,
    target: targets.length === 1 ? targets[0]! : targets,
  };
}

/** A relation as a linking annotation. */
export function linkToW3C(r: Relation, entities: ReadonlyMap<string, Entity>): W3CLinkingAnnotation {
  return {
    type: 'Annotation',
    id: relationIri(r.id),
    motivation: 'linking',
    body: { type: 'TextualBody', purpose: 'tagging', value: r.type },
    target: [
      annotationIri(r.from),
      r.to.kind === 'entity'
        ? entityIri(entities.get(r.to.id) ?? { id: r.to.id, externalId: null })
        : annotationIri(r.to.id),
    ],
    creator: creatorOf(r.annotator),
  };
}

/**
 * One AnnotationCollection for the export, and each article's text beside it
 * (the selectors' source). Every annotation names its annotator as
 * `creator`; a discontinuous span targets each of its pieces; relations
 * follow as linking annotations.
 */
export function exportW3C(input: ExportInput): ExportedFile[] {
  return filesOf(exportW3CPieces(input));
}

/** Where the items go in the collection's JSON: a string no item serializes to. */
const ITEMS_HOLE = '"\\u0000items"';
/** The indent of an item in the collection's JSON (`first.items[i]`, two spaces a level). */
const ITEM_INDENT = ' '.repeat(6);

/**
 * The W3C files piece by piece: the collection's head (which counts the
 * items, so the layers are counted first), then each article's items as it
 * is written, indented as `JSON.stringify(collection, null, 2)` indents
 * them, the collection's end, and the texts.
 */
export function* exportW3CPieces(
  input: ExportInput,
  onArticle?: (done: number, total: number) => void,
): Generator<ExportPiece> {
  const entities = new Map(input.entities.map((e) => [e.id, e]));
  const total = input.articles.reduce((n, { layer }) => n + layer.annotations.length + layer.relations.length, 0);
  const path = 'annotations.jsonld';
  const collection = (items: unknown[]) => ({
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'urn:factmark:export',
    type: 'AnnotationCollection',
    label: `Factmark export (${input.tagset.name})`,
    total,
    first: { id: 'urn:factmark:export:page1', type: 'AnnotationPage', startIndex: 0, items },
  });
  if (total === 0) yield { path, text: `${JSON.stringify(collection([]), null, 2)}\n` };
  else {
    const [head, tail] = JSON.stringify(collection(['\u0000items']), null, 2).split(ITEMS_HOLE) as [string, string];
    yield { path, text: head };
    let first = true;
    for (const { article, layer } of input.articles) {
      const map = offsetMap(article.text);
      const items = [
        ...layer.annotations.map((a): W3CAnnotation | W3CLinkingAnnotation => toW3C(article, a, entities, map)),
        ...layer.relations.map((r) => linkToW3C(r, entities)),
      ];
      for (const item of items) {
        // JSON strings hold no raw line end: every "\n" of an item's JSON is one of its lines.
        const json = JSON.stringify(item, null, 2).replaceAll('\n', `\n${ITEM_INDENT}`);
        yield { path, text: first ? json : `,\n${ITEM_INDENT}${json}` };
        first = false;
      }
    }
    yield { path, text: `${tail}\n` };
  }
  let done = 0;
  for (const { article } of input.articles) {
    yield { path: `texts/${safeName(article.id)}.txt`, text: article.text };
    onArticle?.(++done, input.articles.length);
  }
}
