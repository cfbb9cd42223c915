import type { Handlers } from '../contract';
import type { Change } from '../changes';
import { FactmarkError } from '../errors';
import type { DocumentLabels, Relation } from '../model';
import { checkDocumentLabels, checkRelation } from '../record-checks';
import { resolveValues } from '../attributes';
import type { ServiceContext } from './context';
import { findOrThrow, mutation, project, requireWritable, withoutId } from './context';

type RelationHandlers = Pick<Handlers, 'relations/create' | 'relations/delete' | 'documentLabels/set'>;

export function relationHandlers(ctx: ServiceContext): RelationHandlers {
  return {
    'relations/create': async (args) => {
      const { tagset, entities } = project(ctx);
      const layerNow = await ctx.repo.readLayer(args.articleId);
      const from = findOrThrow(layerNow.annotations, args.from, 'annotation', `article "${args.articleId}"`);
      requireWritable(ctx, from, 'annotation');
      const target = args.to.kind === 'annotation' ? layerNow.annotations.find((a) => a.id === args.to.id) : undefined;
      if (target && target.annotator !== from.annotator)
        throw new FactmarkError(
          'invalid-argument',
          `A link joins annotations of one layer; that one is in ${target.annotator}'s layer, not ${from.annotator}'s`,
        );
      const relation: Relation = {
        id: args.id ?? ctx.newId(),
        articleId: args.articleId,
        // A link between gold annotations is gold too.
        annotator: from.annotator,
        type: args.type,
        from: args.from,
        to: args.to,
        createdAt: ctx.now(),
      };
      await ctx.repo.updateLayer(args.articleId, (layer) => {
        checkRelation(tagset, layer, relation, entities);
        if (layer.relations.some((r) => r.id === relation.id))
          throw new FactmarkError('conflict', `Relation "${relation.id}" already exists`);
        const twin = layer.relations.find(
          (r) =>
            r.type === relation.type &&
            r.from === relation.from &&
            r.to.kind === relation.to.kind &&
            r.to.id === relation.to.id,
        );
        if (twin) throw new FactmarkError('conflict', `That "${relation.type}" relation already exists`);
        return { ...layer, relations: [...layer.relations, relation] };
      });
      return mutation(relation, `Link ${relation.type}`, [
        { type: 'relation', articleId: args.articleId, before: null, after: relation },
      ]);
    },

    'relations/delete': async ({ articleId, id }) => {
      let change: Change | null = null;
      await ctx.repo.updateLayer(articleId, (layer) => {
        const current = findOrThrow(layer.relations, id, 'relation', `article "${articleId}"`);
        requireWritable(ctx, current, 'link');
        change = { type: 'relation', articleId, before: current, after: null };
        return { ...layer, relations: withoutId(layer.relations, id) };
      });
      return mutation({ id }, 'Remove link', [change!]);
    },

    'documentLabels/set': async ({ articleId, labels = {}, done }) => {
      const { tagset } = project(ctx);
      checkDocumentLabels(tagset, labels);
      let change: Change | null = null;
      let result: DocumentLabels | null = null;
      await ctx.repo.updateLayer(articleId, (layer) => {
        const current = layer.documentLabels.find((d) => d.annotator === ctx.annotator) ?? null;
        const next: DocumentLabels = {
          annotator: ctx.annotator,
          labels: resolveValues(tagset.documentLabels, labels, current?.labels, 'an article'),
          ...((done ?? current?.done) ? { done: true } : {}),
          updatedAt: ctx.now(),
        };
        change = { type: 'documentLabels', articleId, before: current, after: next };
        result = next;
        return {
          ...layer,
          documentLabels: [...layer.documentLabels.filter((d) => d.annotator !== ctx.annotator), next],
        };
      });
      return mutation(result!, done === undefined ? 'Label article' : done ? 'Mark done' : 'Mark not done', [change!]);
    },
  };
}
