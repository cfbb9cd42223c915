import type { Handlers } from '../contract';
import type { Change } from '../changes';
import { FactmarkError } from '../errors';
import type { Annotation, Rejection } from '../model';
import { rejectionId } from '../model';
import { checkAnnotation } from '../record-checks';
import { annotationOf, saidByLinks } from './suggest-accept';
import type { Suggestion, SuggestSettings } from '../suggest/recommender';
import { RECOMMENDER_IDS } from '../suggest/recommender';
import type { Tagset } from '../tagset';
import type { ServiceContext } from './context';
import { mutation, project } from './context';
import { evaluateSuggestions } from './suggest-evaluation';
import type { Proposals, SuggestSources } from './suggest-proposals';
import { mineBySpan, proposalsFor, suggestSettingsOf } from './suggest-proposals';
import type { SuggestionVersions } from '../suggest/changes-since';

type SuggestionHandlers = Pick<
  Handlers,
  | 'suggestions/list'
  | 'suggestions/changes'
  | 'suggestions/accept'
  | 'suggestions/reject'
  | 'suggestions/settings'
  | 'suggestions/configure'
  | 'suggestions/evaluate'
>;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The suggestions named, each once, in the order given; one not shown to the annotator refuses them all. */
function chosen(proposals: Proposals, ids: readonly string[], articleId: string): Suggestion[] {
  const open = new Map(proposals.open.map((s) => [s.id, s]));
  const missing = ids.filter((id) => !open.has(id));
  if (missing.length > 0) {
    const named = missing
      .slice(0, 5)
      .map((id) => `"${id}"`)
      .join(', ');
    const more = missing.length > 5 ? ` and ${missing.length - 5} more` : '';
    throw new FactmarkError(
      'invalid-argument',
      `${missing.length === 1 ? 'Suggestion' : 'Suggestions'} ${named}${more} ${missing.length === 1 ? 'is' : 'are'} not proposed for article "${articleId}" (accepted, rejected or no longer suggested); nothing was saved`,
    );
  }
  return [...new Set(ids)].map((id) => open.get(id)!);
}

/** The settings after a change, checked against the tagset: recommenders in their running order, each once. */
function configured(
  current: SuggestSettings,
  tagset: Tagset,
  change: { recommenders?: readonly string[]; kinds?: readonly string[] | null; minScore?: number },
): SuggestSettings {
  const known = new Set(tagset.kinds.map((k) => k.kind));
  const unknown = (change.kinds ?? []).filter((k) => !known.has(k));
  if (unknown.length > 0)
    throw new FactmarkError(
      'invalid-argument',
      `Unknown ${unknown.length === 1 ? 'kind' : 'kinds'} ${unknown.map((k) => `"${k}"`).join(', ')}; the tagset has ${[...known].map((k) => `"${k}"`).join(', ')}`,
    );
  return {
    recommenders: change.recommenders
      ? RECOMMENDER_IDS.filter((id) => change.recommenders!.includes(id))
      : current.recommenders,
    kinds: change.kinds === undefined ? current.kinds : change.kinds === null ? null : [...new Set(change.kinds)],
    minScore: change.minScore ?? current.minScore,
  };
}

export function suggestionHandlers(
  ctx: ServiceContext,
  sources: SuggestSources,
  versions: SuggestionVersions,
): SuggestionHandlers {
  const proposals = (articleId: string) => proposalsFor(sources, ctx.repo, ctx.annotator, articleId);
  return {
    'suggestions/list': async ({ articleId }) => {
      const { open, settings } = await proposals(articleId);
      return { suggestions: open, settings };
    },

    'suggestions/changes': async ({ articleId, since }) => {
      const { open, settings } = await proposals(articleId);
      return { ...versions.changes(articleId, open, since), settings };
    },

    'suggestions/accept': async ({ articleId, suggestionIds }) => {
      const found = await proposals(articleId);
      const picked = chosen(found, suggestionIds, articleId);
      const { tagset, entities, events } = project(ctx);
      const entityIds = new Set(entities.map((e) => e.id));
      const stamp = ctx.now();
      const made = new Map<string, Annotation>();
      for (const s of picked) {
        const annotation = annotationOf(ctx, tagset, entityIds, s, articleId, stamp);
        checkAnnotation(tagset, found.article.text, annotation, entities, events);
        made.set(s.id, annotation);
      }
      const relations = saidByLinks(ctx, tagset, found.all, mineBySpan(found, ctx.annotator), made, stamp);
      const annotations = [...made.values()];
      await ctx.repo.updateLayer(articleId, (layer) => ({
        ...layer,
        annotations: [...layer.annotations, ...annotations],
        relations: [...layer.relations, ...relations],
      }));
      const changes: Change[] = [
        ...annotations.map((after): Change => ({ type: 'annotation', articleId, before: null, after })),
        ...relations.map((after): Change => ({ type: 'relation', articleId, before: null, after })),
      ];
      const label =
        annotations.length === 1
          ? `Accept ${annotations[0]!.kind}`
          : `Accept ${plural(annotations.length, 'suggestion')}`;
      return mutation(annotations, label, changes);
    },

    'suggestions/reject': async ({ articleId, suggestionIds }) => {
      const found = await proposals(articleId);
      const stamp = ctx.now();
      const rejections: Rejection[] = chosen(found, suggestionIds, articleId).map((s) => ({
        id: rejectionId(s.kind, s.start, s.end),
        articleId,
        annotator: ctx.annotator,
        kind: s.kind,
        start: s.start,
        end: s.end,
        recommender: s.recommender,
        rejectedAt: stamp,
      }));
      await ctx.repo.updateLayer(articleId, (layer) => ({
        ...layer,
        rejections: [...(layer.rejections ?? []), ...rejections],
      }));
      const label =
        rejections.length === 1 ? `Reject ${rejections[0]!.kind}` : `Reject ${plural(rejections.length, 'suggestion')}`;
      return mutation(
        rejections,
        label,
        rejections.map((after): Change => ({ type: 'rejection', articleId, before: null, after })),
      );
    },

    'suggestions/settings': async () => suggestSettingsOf(project(ctx)),

    'suggestions/configure': async (change) => {
      const current = project(ctx);
      const next = configured(suggestSettingsOf(current), current.tagset, change);
      await ctx.repo.updateProject((p) => ({ ...p, settings: { ...p.settings, suggestions: next } }));
      return next;
    },

    'suggestions/evaluate': async ({ reference, articleIds }) =>
      evaluateSuggestions(sources, ctx.repo, { reference, articleIds }),
  };
}
