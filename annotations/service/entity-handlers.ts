import type { EntityPage, EntitySuggestion, Handlers, LeftOut } from '../contract';
import type { Change } from '../changes';
import { FactmarkError } from '../errors';
import type { Entity } from '../model';
import { nameSimilarity } from '../name-match';
import type { ServiceContext } from './context';
import {
  eachLayer,
  editMatchingAnnotations,
  findOrThrow,
  mutation,
  project,
  refuseUnchecked,
  replaceById,
  unreadableArticles,
  withLeftOut,
} from './context';

type EntityHandlers = Pick<
  Handlers,
  | 'entities/list'
  | 'entities/create'
  | 'entities/update'
  | 'entities/delete'
  | 'entities/merge'
  | 'entities/split'
  | 'entities/suggest'
  | 'entities/page'
>;

// Low enough for "Hayali" → "Erfan al-Hiyali" (0.81); "Tehran" → "Hossein Dehqan" scores 0.75.
const SUGGESTION_THRESHOLD = 0.8;

function uniqueAliases(entity: Pick<Entity, 'name'>, aliases: readonly string[]): string[] {
  return [...new Set(aliases.map((a) => a.trim()))].filter((a) => a !== '' && a !== entity.name);
}

/** Counts what links to an entity, across the corpus; `leftOut` names the layers that could not be counted. */
async function links(
  ctx: ServiceContext,
  id: string,
): Promise<{ mentions: number; relations: number; events: number; leftOut: LeftOut[] }> {
  let mentions = 0;
  let relations = 0;
  const leftOut: LeftOut[] = [];
  for await (const { layer } of eachLayer(ctx.repo, leftOut)) {
    mentions += layer.annotations.filter((a) => a.entityId === id).length;
    relations += layer.relations.filter((r) => r.to.kind === 'entity' && r.to.id === id).length;
  }
  const events = project(ctx).events.filter((e) => e.participants.includes(id)).length;
  return { mentions, relations, events, leftOut };
}

export function entityHandlers(ctx: ServiceContext): EntityHandlers {
  async function saveEntity(entity: Entity, before: Entity | null, label: string) {
    await ctx.repo.updateProject((p) => ({ ...p, entities: replaceById(p.entities, entity) }));
    return mutation(entity, label, [{ type: 'entity', before, after: entity }]);
  }

  return {
    'entities/list': async () => project(ctx).entities,

    'entities/create': async (args) => {
      const id = args.id ?? ctx.newId();
      if (project(ctx).entities.some((e) => e.id === id))
        throw new FactmarkError('conflict', `Entity "${id}" already exists`);
      const stamp = ctx.now();
      const entity: Entity = {
        id,
        name: args.name,
        type: args.type,
        aliases: uniqueAliases(args, args.aliases ?? []),
        externalId: args.externalId ?? null,
        createdAt: stamp,
        updatedAt: stamp,
      };
      return saveEntity(entity, null, `Create entity ${entity.name}`);
    },

    'entities/update': async ({ id, ...patch }) => {
      const before = findOrThrow(project(ctx).entities, id, 'entity');
      const merged = {
        ...before,
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
        updatedAt: ctx.now(),
      } as Entity;
      const entity: Entity = { ...merged, aliases: uniqueAliases(merged, merged.aliases) };
      return saveEntity(entity, before, `Edit entity ${entity.name}`);
    },

    'entities/delete': async ({ id }) => {
      const before = findOrThrow(project(ctx).entities, id, 'entity');
      const used = await links(ctx, id);
      if (used.mentions + used.relations + used.events > 0) {
        throw new FactmarkError(
          'conflict',
          `Entity "${before.name}" is still linked from ${used.mentions} mention(s), ${used.relations} relation(s) and ${used.events} event record(s); unlink or merge it first`,
        );
      }
      // A layer that cannot be read may link it too: deleting the entity would leave those links dangling.
      refuseUnchecked(used.leftOut, `Entity "${before.name}" cannot be deleted`);
      await ctx.repo.updateProject((p) => ({ ...p, entities: p.entities.filter((e) => e.id !== id) }));
      return mutation({ id }, `Delete entity ${before.name}`, [{ type: 'entity', before, after: null }]);
    },

    'entities/merge': async ({ into, from: listed }) => {
      const { entities, events } = project(ctx);
      const target = findOrThrow(entities, into, 'entity');
      if (listed.includes(into))
        throw new FactmarkError(
          'invalid-argument',
          `Entity "${target.name}" cannot be merged into itself; leave "${into}" out of the entities to merge`,
        );
      // Each source once: a repeated id would delete the same entity twice, a change set that cannot be undone.
      const from = [...new Set(listed)];
      const merged = from.map((id) => findOrThrow(entities, id, 'entity'));
      // A layer that cannot be read may link a merged entity, and would keep a link to one that is gone.
      refuseUnchecked(await unreadableArticles(ctx.repo), `Cannot merge into "${target.name}"`);
      const changes: Change[] = await editMatchingAnnotations(
        ctx,
        (a) => a.entityId !== null && from.includes(a.entityId),
        (a) => ({ ...a, entityId: into, updatedAt: ctx.now() }),
      );
      for (const summary of ctx.repo.listArticles()) {
        const layer = await ctx.repo.readLayer(summary.id);
        if (!layer.relations.some((r) => r.to.kind === 'entity' && from.includes(r.to.id))) continue;
        await ctx.repo.updateLayer(summary.id, (current) => ({
          ...current,
          relations: current.relations.map((r) => {
            if (r.to.kind !== 'entity' || !from.includes(r.to.id)) return r;
            const after = { ...r, to: { kind: 'entity' as const, id: into } };
            changes.push({ type: 'relation', articleId: summary.id, before: r, after });
            return after;
          }),
        }));
      }
      const after: Entity = {
        ...target,
        aliases: uniqueAliases(target, [...target.aliases, ...merged.flatMap((e) => [e.name, ...e.aliases])]),
        externalId: target.externalId ?? merged.find((e) => e.externalId)?.externalId ?? null,
        updatedAt: ctx.now(),
      };
      const eventChanges: Change[] = [];
      const nextEvents = events.map((event) => {
        if (!event.participants.some((p) => from.includes(p))) return event;
        const participants = [...new Set(event.participants.map((p) => (from.includes(p) ? into : p)))];
        const updated = { ...event, participants, updatedAt: ctx.now() };
        eventChanges.push({ type: 'event', before: event, after: updated });
        return updated;
      });
      await ctx.repo.updateProject((p) => ({
        ...p,
        events: nextEvents,
        entities: replaceById(
          p.entities.filter((e) => !from.includes(e.id)),
          after,
        ),
      }));
      changes.push(
        ...eventChanges,
        { type: 'entity', before: target, after },
        ...merged.map((e): Change => ({ type: 'entity', before: e, after: null })),
      );
      return mutation(after, `Merge into ${after.name}`, changes);
    },

    'entities/split': async ({ id, mentions, name, type }) => {
      const source = findOrThrow(project(ctx).entities, id, 'entity');
      const stamp = ctx.now();
      const entity: Entity = {
        id: ctx.newId(),
        name,
        type: type ?? source.type,
        aliases: [],
        externalId: null,
        createdAt: stamp,
        updatedAt: stamp,
      };
      const wanted = new Set(mentions.map((m) => `${m.articleId}/${m.annotationId}`));
      for (const m of mentions) {
        const layer = await ctx.repo.readLayer(m.articleId);
        const mention = findOrThrow(layer.annotations, m.annotationId, 'annotation', `article "${m.articleId}"`);
        if (mention.entityId !== id)
          throw new FactmarkError('invalid-argument', `Mention "${m.annotationId}" is not linked to "${source.name}"`);
      }
      await ctx.repo.updateProject((p) => ({ ...p, entities: [...p.entities, entity] }));
      const changes: Change[] = [{ type: 'entity', before: null, after: entity }];
      // Only the mentions' articles are touched: a damaged layer elsewhere keeps its links to the source entity.
      changes.push(
        ...(await editMatchingAnnotations(
          ctx,
          (a) => wanted.has(`${a.articleId}/${a.id}`),
          (a) => ({ ...a, entityId: entity.id, updatedAt: ctx.now() }),
          new Set(mentions.map((m) => m.articleId)),
        )),
      );
      return mutation(entity, `Split ${name} from ${source.name}`, changes);
    },

    'entities/suggest': async ({ text, limit }) => {
      const suggestions: EntitySuggestion[] = [];
      for (const entity of project(ctx).entities) {
        let best: EntitySuggestion | null = null;
        for (const candidate of [entity.name, ...entity.aliases]) {
          const score = nameSimilarity(text, candidate);
          if (!best || score > best.score) best = { entity, score, matched: candidate };
        }
        if (best && best.score >= SUGGESTION_THRESHOLD) suggestions.push(best);
      }
      return suggestions
        .sort((a, b) => b.score - a.score || a.entity.name.localeCompare(b.entity.name))
        .slice(0, limit ?? 5);
    },

    'entities/page': async ({ id }) => {
      const entity = findOrThrow(project(ctx).entities, id, 'entity');
      const page: EntityPage = { entity, mentions: [], claims: [] };
      const leftOut: LeftOut[] = [];
      for await (const { article, layer } of eachLayer(ctx.repo, leftOut)) {
        const ref = { articleId: article.id, title: article.title };
        const mentions = layer.annotations.filter((a) => a.entityId === id);
        for (const annotation of mentions) page.mentions.push({ ...ref, annotation });
        for (const relation of layer.relations) {
          if (relation.type !== 'said-by' || relation.to.kind !== 'annotation') continue;
          const targetId = relation.to.id;
          const speaker = mentions.find((m) => m.id === targetId);
          const claim = layer.annotations.find((a) => a.id === relation.from);
          if (speaker && claim) page.claims.push({ ...ref, claim, speaker });
        }
      }
      return withLeftOut(page, leftOut);
    },
  };
}
