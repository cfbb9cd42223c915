import type { ParsedDocument, ParsedSpan } from '../formats/interchange-parse';
import { shown } from '../formats/interchange-parse';
import type { Annotation, Article, Entity } from '../model';
import { joinPieces } from '../spans';
import type { Tagset } from '../tagset';
import { findKind } from '../tagset';
import { valuesFromFile } from './interchange-values';

export /** Offsets in a text as written, moved to the text with its line endings made "\n" (as every article's are). */
function lineEndingShift(raw: string): (offset: number) => number {
  if (!raw.includes('\r')) return (offset) => offset;
  const removed = new Uint32Array(raw.length + 1);
  let count = 0;
  for (let i = 0; i < raw.length; i++) {
    removed[i] = count;
    if (raw[i] === '\r' && raw[i + 1] === '\n') count++;
  }
  removed[raw.length] = count;
  return (offset) => offset - removed[offset]!;
}

export /** An entity an IRI names: Factmark's own (`urn:factmark:entity:ID`) or a Wikidata item an entity has as its id. */
function entityNamed(iri: string, entities: readonly Entity[]): Entity | undefined {
  const own = /^urn:factmark:entity:(.+)$/.exec(iri)?.[1];
  if (own) return entities.find((e) => e.id === decodeURIComponent(own));
  const qid = /^https?:\/\/www\.wikidata\.org\/(?:entity|wiki)\/(Q\d+)$/.exec(iri)?.[1];
  return qid ? entities.find((e) => e.externalId === qid) : undefined;
}

/** Why a piece of a span cannot be read against the text as written, or null. */
function pieceProblem(text: string, start: number, end: number, quote: string | null): string | null {
  if (end <= start) return 'is empty or reversed: its end must be after its start';
  if (end > text.length) return `is outside the text, which is ${text.length} UTF-16 code units long`;
  for (const at of [start, end])
    if (/[\uD800-\uDBFF]/.test(text.charAt(at - 1)) && /[\uDC00-\uDFFF]/.test(text.charAt(at)))
      return `cuts a character in two (offset ${at} falls inside a surrogate pair, such as an emoji)`;
  const actual = text.slice(start, end);
  return quote !== null && quote !== actual
    ? `the file quotes ${shown(quote)}, but the text there is ${shown(actual)}`
    : null;
}

export /** A span of the file as an annotation of the layer, or the reason it cannot be one. */
function annotationOf(
  span: ParsedSpan,
  kind: string,
  doc: ParsedDocument,
  article: Article,
  layer: { annotator: string; ids: (localId: string) => string },
  at: { tagset: Tagset; entities: readonly Entity[]; shift: (offset: number) => number; stamp: string },
): { record: Annotation; left?: string } | string {
  for (const [i, piece] of span.pieces.entries()) {
    const problem = pieceProblem(doc.text, piece.start, piece.end, span.quotes[i] ?? null);
    if (problem) return `${span.where}: ${problem}`;
  }
  const joined = joinPieces(
    article.text,
    span.pieces.map((p) => ({ start: at.shift(p.start), end: at.shift(p.end) })),
  );
  const def = findKind(at.tagset, kind)!;
  const values = valuesFromFile(def.attributes, span.attributes, span.texts, `a ${kind}`);
  let entityId: string | null = null;
  let left: string | undefined;
  if (span.entityIri) {
    const entity = entityNamed(span.entityIri, at.entities);
    if (entity && def.linksEntity) entityId = entity.id;
    else
      left = `${span.where}: names ${span.entityIri}, ${entity ? `but a ${kind} does not link to entities` : 'which is no entity of the registry'}: the link is left out`;
  }
  const record: Annotation = {
    id: layer.ids(span.localId),
    articleId: article.id,
    annotator: layer.annotator,
    kind,
    start: joined.start,
    end: joined.end,
    ...(joined.fragments ? { fragments: joined.fragments } : {}),
    quote: article.text.slice(joined.start, joined.end),
    attributes: values.attributes,
    note: [span.note, ...values.note].filter(Boolean).join('\n'),
    entityId,
    eventId: null,
    createdAt: at.stamp,
    updatedAt: at.stamp,
  };
  return left ? { record, left } : { record };
}
