import type { Handlers } from '../contract';
import type { Change, ChangeSet } from '../changes';
import { invert, sameJson } from '../changes';
import { parseChange } from '../change-schema';
import { FactmarkError } from '../errors';
import type { Annotation, ArticleLayer } from '../model';
import type { ProjectData } from '../repository';
import { checkAnnotation, checkDocumentLabels, checkRelation } from '../record-checks';
import type { ServiceContext } from './context';
import { mutation, replaceById, withoutId } from './context';
import type { TeamChange } from './team-changes';
import { applyTeamChanges, checkTeamChanges, isTeamChange } from './team-changes';
import { EMPTY_TEAM } from '../team';

type ArticleChange = Extract<Change, { articleId: string }>;
type ProjectChange = Exclude<Change, { articleId: string } | TeamChange>;

const stale = (what: string) =>
  new FactmarkError('conflict', `Cannot apply: the ${what} was changed since (by another edit); nothing was changed`);

/**
 * `records` with `record` in place of the one with its id, or, when it is
 * absent (undoing a delete, redoing a create), inserted before the first
 * record that `compare` sorts after it. Edits append to these lists, so they
 * are in the order records were made, and a record put back by that order
 * returns where it was instead of going to the end. The records already
 * there are never reordered (exports follow the stored order).
 */
function putBack<T extends { id: string }>(records: readonly T[], record: T, compare: (a: T, b: T) => number): T[] {
  if (records.some((r) => r.id === record.id)) return replaceById(records, record);
  const at = records.findIndex((r) => compare(r, record) > 0);
  return at < 0 ? [...records, record] : [...records.slice(0, at), record, ...records.slice(at)];
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byCreation = <T extends { id: string; createdAt: string }>(a: T, b: T) =>
  compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id);
/**
 * Creation order, then text order for annotations that share a time (made at
 * once, as by an import). Text order alone would move an annotation tagged
 * after others but earlier in the text ahead of them on undo.
 */
const annotationOrder = (a: Annotation, b: Annotation) =>
  compareText(a.createdAt, b.createdAt) || a.start - b.start || a.end - b.end || compareText(a.id, b.id);

function applyToLayer(layer: ArticleLayer, change: ArticleChange): ArticleLayer {
  switch (change.type) {
    case 'annotation': {
      const id = (change.before ?? change.after)!.id;
      if (!sameJson(layer.annotations.find((a) => a.id === id) ?? null, change.before)) throw stale('annotation');
      return {
        ...layer,
        annotations: change.after
          ? putBack(layer.annotations, change.after, annotationOrder)
          : withoutId(layer.annotations, id),
      };
    }
    case 'relation': {
      const id = (change.before ?? change.after)!.id;
      if (!sameJson(layer.relations.find((r) => r.id === id) ?? null, change.before)) throw stale('link');
      return {
        ...layer,
        relations: change.after ? putBack(layer.relations, change.after, byCreation) : withoutId(layer.relations, id),
      };
    }
    case 'documentLabels': {
      const annotator = (change.before ?? change.after)!.annotator;
      if (!sameJson(layer.documentLabels.find((d) => d.annotator === annotator) ?? null, change.before))
        throw stale('article labels');
      const others = layer.documentLabels.filter((d) => d.annotator !== annotator);
      return { ...layer, documentLabels: change.after ? [...others, change.after] : others };
    }
    case 'decision': {
      const key = (change.before ?? change.after)!.key;
      const decisions = layer.decisions ?? [];
      if (!sameJson(decisions.find((d) => d.key === key) ?? null, change.before)) throw stale('adjudication decision');
      const others = decisions.filter((d) => d.key !== key);
      return { ...layer, decisions: change.after ? [...others, change.after] : others };
    }
    case 'rejection': {
      // One id per kind and span in every annotator's layer: the annotator is part of the identity.
      const { id, annotator } = (change.before ?? change.after)!;
      const rejections = layer.rejections ?? [];
      const same = (r: { id: string; annotator: string }) => r.id === id && r.annotator === annotator;
      if (!sameJson(rejections.find(same) ?? null, change.before)) throw stale('rejected suggestion');
      const at = rejections.findIndex(same);
      const next = change.after
        ? at < 0
          ? [...rejections, change.after]
          : rejections.map((r, i) => (i === at ? change.after! : r))
        : rejections.filter((r) => !same(r));
      return { ...layer, rejections: next };
    }
  }
}

function applyToProject(project: ProjectData, change: ProjectChange): ProjectData {
  switch (change.type) {
    case 'entity': {
      const id = (change.before ?? change.after)!.id;
      if (!sameJson(project.entities.find((e) => e.id === id) ?? null, change.before)) throw stale('entity');
      return {
        ...project,
        entities: change.after ? putBack(project.entities, change.after, byCreation) : withoutId(project.entities, id),
      };
    }
    case 'event': {
      const id = (change.before ?? change.after)!.id;
      if (!sameJson(project.events.find((e) => e.id === id) ?? null, change.before)) throw stale('event record');
      return {
        ...project,
        events: change.after ? putBack(project.events, change.after, byCreation) : withoutId(project.events, id),
      };
    }
    case 'tagset':
      if (!sameJson(project.tagset, change.before)) throw stale('tagset');
      return { ...project, tagset: change.after };
    case 'guidelines':
      if (project.guidelines !== change.before) throw stale('guidelines');
      return { ...project, guidelines: change.after };
  }
}

/**
 * An entity or event record the change set removes must not be linked from
 * any article once it is applied (the layers given are as they will be).
 */
async function refuseRemovedRecordsInUse(
  ctx: ServiceContext,
  changes: readonly ProjectChange[],
  nextLayers: ReadonlyMap<string, ArticleLayer>,
): Promise<void> {
  const removed = (type: 'entity' | 'event') =>
    new Set(changes.flatMap((c) => (c.type === type && c.before && !c.after ? [c.before.id] : [])));
  const entities = removed('entity');
  const events = removed('event');
  if (entities.size === 0 && events.size === 0) return;
  for (const summary of ctx.repo.listArticles()) {
    const layer = nextLayers.get(summary.id) ?? (await ctx.repo.readLayer(summary.id));
    const user =
      layer.annotations.find((a) => (a.entityId && entities.has(a.entityId)) || (a.eventId && events.has(a.eventId))) ??
      layer.relations.find((r) => r.to.kind === 'entity' && entities.has(r.to.id));
    if (user)
      throw new FactmarkError(
        'conflict',
        `Cannot apply: a record it removes is still linked from article "${summary.id}"; remove those links first`,
      );
  }
}

/**
 * Applies a change set forwards (redo) or backwards (undo). Every record must
 * still be as the change expects, and every resulting record must pass the
 * same checks as a fresh edit; otherwise nothing is written.
 */
export function historyHandlers(ctx: ServiceContext): Pick<Handlers, 'history/apply'> {
  return {
    'history/apply': async ({ changeSet: raw, direction }) => {
      const parsed: ChangeSet = { label: raw.label, changes: raw.changes.map((change, i) => parseChange(change, i)) };
      const changes = (direction === 'undo' ? invert(parsed) : parsed).changes;
      const projectChanges = changes.filter((c): c is ProjectChange => !('articleId' in c) && !isTeamChange(c));
      const teamChanges = changes.filter(isTeamChange);
      const articleIds = [...new Set(changes.flatMap((c) => ('articleId' in c ? [c.articleId] : [])))];

      // Dry run first: project, then every article against the project it will see.
      const nextProject = projectChanges.reduce(applyToProject, ctx.repo.readProject());
      if (teamChanges.length > 0) {
        const known = new Set(ctx.repo.listArticles().map((a) => a.id));
        checkTeamChanges(applyTeamChanges(nextProject.team ?? EMPTY_TEAM, teamChanges), teamChanges, (id) =>
          known.has(id),
        );
      }
      const nextLayers = new Map<string, ArticleLayer>();
      for (const articleId of articleIds) {
        const article = await ctx.repo.getArticle(articleId);
        const mine = changes.filter((c): c is ArticleChange => 'articleId' in c && c.articleId === articleId);
        const layer = mine.reduce(applyToLayer, await ctx.repo.readLayer(articleId));
        for (const c of mine) {
          if (c.type === 'annotation' && c.after)
            checkAnnotation(nextProject.tagset, article.text, c.after, nextProject.entities, nextProject.events);
          if (c.type === 'relation' && c.after) checkRelation(nextProject.tagset, layer, c.after, nextProject.entities);
          if (c.type === 'documentLabels' && c.after) checkDocumentLabels(nextProject.tagset, c.after.labels);
        }
        const ids = new Set(layer.annotations.map((a) => a.id));
        const dangling = layer.relations.find(
          (r) => !ids.has(r.from) || (r.to.kind === 'annotation' && !ids.has(r.to.id)),
        );
        if (dangling)
          throw new FactmarkError(
            'conflict',
            `Cannot apply: a ${dangling.type} link made since would point to an annotation that is no longer there; undo or remove the link first`,
          );
        nextLayers.set(articleId, layer);
      }
      await refuseRemovedRecordsInUse(ctx, projectChanges, nextLayers);
      // The event records it touches, and those naming an entity it removes, name only entities that stay.
      const touched = new Set(projectChanges.flatMap((c) => (c.type === 'event' && c.after ? [c.after.id] : [])));
      const had = new Set(ctx.repo.readProject().entities.map((e) => e.id));
      const keeps = new Set(nextProject.entities.map((e) => e.id));
      for (const event of nextProject.events) {
        const missing = event.participants.find((id) => !keeps.has(id) && (touched.has(event.id) || had.has(id)));
        if (missing)
          throw new FactmarkError(
            'conflict',
            `Cannot apply: event record "${event.title}" would name entity "${missing}", which is no longer there; nothing was changed`,
          );
      }

      // Then write, re-checking each file against what it holds at that moment.
      if (projectChanges.length > 0) await ctx.repo.updateProject((p) => projectChanges.reduce(applyToProject, p));
      if (teamChanges.length > 0)
        await ctx.repo.updateProject((p) => ({ ...p, team: applyTeamChanges(p.team ?? EMPTY_TEAM, teamChanges) }));
      for (const articleId of articleIds) {
        const mine = changes.filter((c): c is ArticleChange => 'articleId' in c && c.articleId === articleId);
        await ctx.repo.updateLayer(articleId, (layer) => mine.reduce(applyToLayer, layer));
      }
      return mutation(null, parsed.label, parsed.changes);
    },
  };
}
