import { resolveAttributes, resolveValues } from './attributes';
import { FactmarkError } from './errors';
import type { Annotation, ArticleLayer, Entity, EventRecord, Relation } from './model';
import { checkFragments, checkSpan } from './spans';
import type { Tagset } from './tagset';
import { findKind, findRelationType } from './tagset';

/** Checks a whole annotation against its article's text and the tagset. */
export function checkAnnotation(
  tagset: Tagset,
  text: string,
  annotation: Annotation,
  entities: readonly Entity[],
  events: readonly EventRecord[],
): void {
  checkSpan(text, annotation.start, annotation.end, annotation.quote);
  checkFragments(text, annotation);
  resolveAttributes(tagset, annotation.kind, annotation.attributes);
  const kind = findKind(tagset, annotation.kind)!;
  if (annotation.entityId !== null) {
    if (!kind.linksEntity)
      throw new FactmarkError('invalid-argument', `A ${annotation.kind} does not link to an entity`);
    if (!entities.some((e) => e.id === annotation.entityId))
      throw new FactmarkError('not-found', `No entity "${annotation.entityId}"`);
  }
  if (annotation.eventId !== null) {
    if (!kind.linksEvent)
      throw new FactmarkError('invalid-argument', `A ${annotation.kind} does not link to an event record`);
    if (!events.some((e) => e.id === annotation.eventId))
      throw new FactmarkError('not-found', `No event record "${annotation.eventId}"`);
  }
}

/** Checks that the tagset allows this relation between these two records. */
export function checkRelation(
  tagset: Tagset,
  layer: ArticleLayer,
  relation: Relation,
  entities: readonly Entity[],
): void {
  const type = findRelationType(tagset, relation.type);
  if (!type) {
    const known = tagset.relations.map((r) => `"${r.type}"`).join(', ') || 'none';
    throw new FactmarkError('invalid-argument', `Unknown relation "${relation.type}"; the tagset has ${known}`);
  }
  const from = layer.annotations.find((a) => a.id === relation.from);
  if (!from)
    throw new FactmarkError('not-found', `No annotation "${relation.from}" in article "${relation.articleId}"`);
  if (!type.from.includes(from.kind)) {
    throw new FactmarkError(
      'invalid-argument',
      `A "${relation.type}" relation cannot start from a ${from.kind}; it starts from ${type.from.join(' or ')}`,
    );
  }
  if (relation.to.kind === 'annotation') {
    const targetId = relation.to.id;
    const to = layer.annotations.find((a) => a.id === targetId);
    if (!to) throw new FactmarkError('not-found', `No annotation "${targetId}" in article "${relation.articleId}"`);
    if (!type.to.includes(to.kind)) {
      throw new FactmarkError(
        'invalid-argument',
        `A "${relation.type}" relation cannot point to a ${to.kind}; it points to ${type.to.join(' or ')}`,
      );
    }
    if (to.id === from.id) throw new FactmarkError('invalid-argument', 'A relation cannot point to its own start');
  } else {
    const entityId = relation.to.id;
    if (!type.to.includes('entity'))
      throw new FactmarkError('invalid-argument', `A "${relation.type}" relation cannot point to an entity`);
    if (!entities.some((e) => e.id === entityId)) throw new FactmarkError('not-found', `No entity "${entityId}"`);
  }
}

export function checkDocumentLabels(tagset: Tagset, labels: Record<string, unknown>): void {
  resolveValues(tagset.documentLabels, labels as Annotation['attributes'], undefined, 'an article');
}
