import type { Handlers } from '../contract';
import { respan, retype } from '../annotation-edits';
import { resolveAttributes } from '../attributes';
import type { Change } from '../changes';
import { FactmarkError } from '../errors';
import type { Annotation, Relation } from '../model';
import { checkAnnotation } from '../record-checks';
import type { ServiceContext } from './context';
import { findOrThrow, mutation, project, replaceById, requireWritable, withoutId } from './context';

type AnnotationHandlers = Pick<
  Handlers,
  'annotations/list' | 'annotations/create' | 'annotations/update' | 'annotations/delete'
>;

export function annotationHandlers(ctx: ServiceContext): AnnotationHandlers {
  return {
    'annotations/list': ({ articleId }) => ctx.repo.readLayer(articleId),

    'annotations/create': async (args) => {
      const article = await ctx.repo.getArticle(args.articleId);
      const { tagset, entities, events } = project(ctx);
      const stamp = ctx.now();
      const annotation: Annotation = {
        id: args.id ?? ctx.newId(),
        articleId: args.articleId,
        annotator: ctx.annotator,
        kind: args.kind,
        start: args.start,
        end: args.end,
        quote: args.quote,
        attributes: resolveAttributes(tagset, args.kind, args.attributes ?? {}),
        note: args.note ?? '',
        entityId: args.entityId ?? null,
        eventId: args.eventId ?? null,
        createdAt: stamp,
        updatedAt: stamp,
      };
      checkAnnotation(tagset, article.text, annotation, entities, events);
      await ctx.repo.updateLayer(args.articleId, (layer) => {
        if (layer.annotations.some((a) => a.id === annotation.id))
          throw new FactmarkError('conflict', `Annotation "${annotation.id}" already exists`);
        return { ...layer, annotations: [...layer.annotations, annotation] };
      });
      return mutation(annotation, `Tag ${annotation.kind}`, [
        { type: 'annotation', articleId: args.articleId, before: null, after: annotation },
      ]);
    },

    'annotations/update': async ({ articleId, id, kind, start, end, attributes, note, entityId, eventId }) => {
      const article = await ctx.repo.getArticle(articleId);
      const { tagset, entities, events } = project(ctx);
      const changes: Change[] = [];
      let label = 'Edit annotation';
      let updated: Annotation | null = null;
      await ctx.repo.updateLayer(articleId, (layer) => {
        const current = findOrThrow(layer.annotations, id, 'annotation', `article "${articleId}"`);
        requireWritable(ctx, current, 'annotation');
        let base = current;
        let removed: Relation[] = [];
        if (kind !== undefined && kind !== current.kind) {
          ({ annotation: base, removedRelations: removed } = retype(tagset, current, kind, layer.relations));
          label = `Change ${current.kind} to ${kind}`;
        }
        if (start !== undefined || end !== undefined) {
          base = respan(article.text, base, start ?? base.start, end ?? base.end);
          if (base.start !== current.start || base.end !== current.end) label = `Move the ends of a ${base.kind}`;
        }
        const next: Annotation = {
          ...base,
          attributes: attributes ? resolveAttributes(tagset, base.kind, attributes, base.attributes) : base.attributes,
          note: note ?? base.note,
          entityId: entityId === undefined ? base.entityId : entityId,
          eventId: eventId === undefined ? base.eventId : eventId,
          updatedAt: ctx.now(),
        };
        checkAnnotation(tagset, article.text, next, entities, events);
        for (const relation of removed) changes.push({ type: 'relation', articleId, before: relation, after: null });
        changes.push({ type: 'annotation', articleId, before: current, after: next });
        updated = next;
        return {
          ...layer,
          annotations: replaceById(layer.annotations, next),
          relations: removed.length === 0 ? layer.relations : layer.relations.filter((r) => !removed.includes(r)),
        };
      });
      return mutation(updated!, label, changes);
    },

    'annotations/delete': async ({ articleId, id }) => {
      const changes: Change[] = [];
      await ctx.repo.updateLayer(articleId, (layer) => {
        const current = findOrThrow(layer.annotations, id, 'annotation', `article "${articleId}"`);
        requireWritable(ctx, current, 'annotation');
        // Relations from or to it go with it (and come back with an undo).
        const attached = layer.relations.filter((r) => r.from === id || (r.to.kind === 'annotation' && r.to.id === id));
        for (const relation of attached) changes.push({ type: 'relation', articleId, before: relation, after: null });
        changes.push({ type: 'annotation', articleId, before: current, after: null });
        return {
          ...layer,
          annotations: withoutId(layer.annotations, id),
          relations: layer.relations.filter((r) => !attached.includes(r)),
        };
      });
      return mutation({ id }, 'Delete annotation', changes);
    },
  };
}
