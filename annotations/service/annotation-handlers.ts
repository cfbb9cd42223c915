import type { Handlers } from '../contract';
import { resolveAttributes } from '../attributes';
import type { Change } from '../changes';
import { FactmarkError } from '../errors';
import type { Annotation } from '../model';
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

    'annotations/update': async ({ articleId, id, attributes, note, entityId, eventId }) => {
      const article = await ctx.repo.getArticle(articleId);
      const { tagset, entities, events } = project(ctx);
      let change: Change | null = null;
      let updated: Annotation | null = null;
      await ctx.repo.updateLayer(articleId, (layer) => {
        const current = findOrThrow(layer.annotations, id, 'annotation', `article "${articleId}"`);
        requireWritable(ctx, current, 'annotation');
        const next: Annotation = {
          ...current,
          attributes: attributes
            ? resolveAttributes(tagset, current.kind, attributes, current.attributes)
            : current.attributes,
          note: note ?? current.note,
          entityId: entityId === undefined ? current.entityId : entityId,
          eventId: eventId === undefined ? current.eventId : eventId,
          updatedAt: ctx.now(),
        };
        checkAnnotation(tagset, article.text, next, entities, events);
        change = { type: 'annotation', articleId, before: current, after: next };
        updated = next;
        return { ...layer, annotations: replaceById(layer.annotations, next) };
      });
      return mutation(updated!, 'Edit annotation', [change!]);
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
