import { resolveAttributes } from '../attributes';
import type { Annotation, Relation } from '../model';
import type { Suggestion } from '../suggest/recommender';
import type { Tagset } from '../tagset';
import { findKind, findRelationType } from '../tagset';
import { spanKey } from './suggest-proposals';

/** Who makes the records, and their ids: the session, or a command writing a layer. */
export interface Maker {
  annotator: string;
  newId(): string;
}

/** The annotation a suggestion becomes; attributes or an entity the tagset or registry no longer allow are left out. */
export function annotationOf(
  ctx: Maker,
  tagset: Tagset,
  entityIds: ReadonlySet<string>,
  s: Suggestion,
  articleId: string,
  stamp: string,
): Annotation {
  let attributes: Annotation['attributes'];
  try {
    attributes = resolveAttributes(tagset, s.kind, s.attributes);
  } catch {
    attributes = resolveAttributes(tagset, s.kind, {});
  }
  const links = findKind(tagset, s.kind)?.linksEntity === true;
  return {
    id: ctx.newId(),
    articleId,
    annotator: ctx.annotator,
    kind: s.kind,
    start: s.start,
    end: s.end,
    quote: s.quote,
    attributes,
    note: '',
    entityId: links && s.entityId !== null && entityIds.has(s.entityId) ? s.entityId : null,
    eventId: null,
    suggestedBy: s.recommender,
    createdAt: stamp,
    updatedAt: stamp,
  };
}

/**
 * The said-by links of accepted claims: to the speaker accepted with them, or
 * to the speaker span the annotator's layer holds already. None where the
 * tagset has no said-by relation between those kinds.
 */
export function saidByLinks(
  ctx: Maker,
  tagset: Tagset,
  proposed: readonly Suggestion[],
  mine: ReadonlyMap<string, Annotation>,
  made: ReadonlyMap<string, Annotation>,
  stamp: string,
): Relation[] {
  const type = findRelationType(tagset, 'said-by');
  if (!type) return [];
  const all = new Map(proposed.map((s) => [s.id, s]));
  const relations: Relation[] = [];
  for (const [suggestionId, claim] of made) {
    const speakerId = all.get(suggestionId)?.saidBy;
    const speaker = speakerId ? all.get(speakerId) : undefined;
    if (!speaker) continue;
    const target = made.get(speaker.id) ?? mine.get(spanKey(speaker));
    if (!target || !type.from.includes(claim.kind) || !type.to.includes(target.kind)) continue;
    relations.push({
      id: ctx.newId(),
      articleId: claim.articleId,
      annotator: ctx.annotator,
      type: type.type,
      from: claim.id,
      to: { kind: 'annotation', id: target.id },
      createdAt: stamp,
    });
  }
  return relations;
}
