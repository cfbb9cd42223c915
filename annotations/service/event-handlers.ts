import type { EventPage, Handlers, LeftOut } from '../contract';
import { FactmarkError } from '../errors';
import type { Annotation, Entity, EventRecord } from '../model';
import type { ServiceContext } from './context';
import { eachLayer, findOrThrow, mutation, project, refuseUnchecked, replaceById, withLeftOut } from './context';

type EventHandlers = Pick<
  Handlers,
  'events/list' | 'events/create' | 'events/update' | 'events/delete' | 'events/page'
>;

function checkParticipants(entities: readonly Entity[], participants: readonly string[]): void {
  for (const id of participants)
    if (!entities.some((e) => e.id === id)) throw new FactmarkError('not-found', `No entity "${id}" to take part`);
}

/** The paragraph (text between blank lines) around `offset`. */
function paragraphAround(text: string, offset: number): [number, number] {
  const before = text.lastIndexOf('\n\n', offset);
  const after = text.indexOf('\n\n', offset);
  return [before < 0 ? 0 : before + 2, after < 0 ? text.length : after];
}

export function eventHandlers(ctx: ServiceContext): EventHandlers {
  return {
    'events/list': async () => project(ctx).events,

    'events/create': async (args) => {
      const { entities, events } = project(ctx);
      const id = args.id ?? ctx.newId();
      if (events.some((e) => e.id === id)) throw new FactmarkError('conflict', `Event record "${id}" already exists`);
      checkParticipants(entities, args.participants ?? []);
      const stamp = ctx.now();
      const event: EventRecord = {
        id,
        title: args.title,
        type: args.type,
        date: args.date ?? null,
        place: args.place ?? null,
        participants: [...new Set(args.participants ?? [])],
        createdAt: stamp,
        updatedAt: stamp,
      };
      await ctx.repo.updateProject((p) => ({ ...p, events: [...p.events, event] }));
      return mutation(event, `Create event ${event.title}`, [{ type: 'event', before: null, after: event }]);
    },

    'events/update': async ({ id, ...patch }) => {
      const { entities, events } = project(ctx);
      const before = findOrThrow(events, id, 'event record');
      if (patch.participants) checkParticipants(entities, patch.participants);
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const event = { ...before, ...defined, updatedAt: ctx.now() } as EventRecord;
      event.participants = [...new Set(event.participants)];
      await ctx.repo.updateProject((p) => ({ ...p, events: replaceById(p.events, event) }));
      return mutation(event, `Edit event ${event.title}`, [{ type: 'event', before, after: event }]);
    },

    'events/delete': async ({ id }) => {
      const before = findOrThrow(project(ctx).events, id, 'event record');
      let mentions = 0;
      const leftOut: LeftOut[] = [];
      for await (const { layer } of eachLayer(ctx.repo, leftOut))
        mentions += layer.annotations.filter((a) => a.eventId === id).length;
      if (mentions > 0)
        throw new FactmarkError(
          'conflict',
          `Event "${before.title}" is still linked from ${mentions} mention(s); unlink them first`,
        );
      // A layer that cannot be read may link it too: deleting the record would leave those mentions dangling.
      refuseUnchecked(leftOut, `Event "${before.title}" cannot be deleted`);
      await ctx.repo.updateProject((p) => ({ ...p, events: p.events.filter((e) => e.id !== id) }));
      return mutation({ id }, `Delete event ${before.title}`, [{ type: 'event', before, after: null }]);
    },

    'events/page': async ({ id }) => {
      const { entities, events } = project(ctx);
      const event = findOrThrow(events, id, 'event record');
      const page: EventPage = {
        event,
        participants: entities.filter((e) => event.participants.includes(e.id)),
        reports: [],
      };
      const leftOut: LeftOut[] = [];
      for await (const { article, layer } of eachLayer(ctx.repo, leftOut)) {
        const mentions = layer.annotations.filter((a) => a.eventId === id);
        if (mentions.length === 0) continue;
        const paragraphs = mentions.map((m) => paragraphAround(article.text, m.start));
        const claims = layer.annotations.filter(
          (a) => a.kind === 'claim' && paragraphs.some(([from, to]) => a.start < to && a.end > from),
        );
        const roles = layer.relations
          .filter((r) => mentions.some((m) => m.id === r.from))
          .map((relation) => {
            const targetId = relation.to.id;
            const target: Annotation | Entity | null =
              relation.to.kind === 'annotation'
                ? (layer.annotations.find((a) => a.id === targetId) ?? null)
                : (entities.find((e) => e.id === targetId) ?? null);
            return { relation, target };
          });
        page.reports.push({ articleId: article.id, title: article.title, mentions, claims, roles });
      }
      return withLeftOut(page, leftOut);
    },
  };
}
