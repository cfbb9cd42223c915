import type { Args, Handlers } from '../contract';
import { FactmarkError } from '../errors';
import type { Decision, SourceRef } from '../model';
import { GOLD } from '../model';
import { resolveAttributes } from '../attributes';
import type { ComparedGroup } from '../review/compare';
import { adjudicationState, compareLayers } from '../review/compare';
import type { AnnotationRepository } from '../repository';
import type { ServiceContext } from './context';
import { mutation, project } from './context';
import type { GoldPick } from './gold-decisions';
import { adjudicate, agreedPick, copyOf, refOf } from './gold-decisions';
import type { ReviewProgressState } from './review-progress';
import { reviewProgressRows } from './review-progress';

type ReviewHandlers = Pick<Handlers, 'review/compare' | 'review/decide' | 'review/accept-agreed' | 'review/progress'>;

function checkLayers(annotators: readonly string[]): void {
  if (annotators.includes(GOLD))
    throw new FactmarkError('invalid-argument', `"${GOLD}" is the adjudicated layer; compare colleagues' layers`);
  const repeated = [...new Set(annotators.filter((name, i) => annotators.indexOf(name) !== i))];
  if (repeated.length > 0)
    throw new FactmarkError(
      'invalid-argument',
      `Each layer may be compared once: ${repeated.map((n) => `"${n}"`).join(', ')} named more than once`,
    );
}

/** What review/progress needs beyond the context: the store itself (its layer listing) and the rows it keeps. */
export interface ReviewDeps {
  repo: AnnotationRepository;
  progress: ReviewProgressState;
}

export function reviewHandlers(ctx: ServiceContext, { repo, progress }: ReviewDeps): ReviewHandlers {
  async function compare(articleId: string, annotators: readonly string[]) {
    checkLayers(annotators);
    const layer = await ctx.repo.readLayer(articleId);
    return { layer, groups: compareLayers(layer, annotators) };
  }

  /** The picks a decision makes from a group. */
  function picksFor(args: Args<'review/decide'>, group: ComparedGroup, text: string): GoldPick[] {
    switch (args.action) {
      case 'reject':
        return [];
      case 'accept-all': {
        // Identical versions (same kind, span and values) become one gold annotation naming each source.
        const picks = new Map<string, GoldPick>();
        for (const a of group.items) {
          const same = JSON.stringify([a.kind, a.start, a.end, a.attributes, a.entityId, a.eventId]);
          const pick = picks.get(same);
          if (pick) pick.sources.push(refOf(a));
          else picks.set(same, { annotation: copyOf(a), sources: [refOf(a)] as SourceRef[] });
        }
        return [...picks.values()];
      }
      case 'accept': {
        const chosen = group.items.find((a) => a.annotator === args.annotator);
        if (!chosen)
          throw new FactmarkError(
            'invalid-argument',
            args.annotator
              ? `${args.annotator} has no annotation in this difference; accept one of ${group.items.map((a) => a.annotator).join(', ')}`
              : 'Say whose annotation to accept',
          );
        return [{ annotation: copyOf(chosen), sources: [refOf(chosen)] }];
      }
      case 'edit': {
        if (!args.edit) throw new FactmarkError('invalid-argument', 'An edit needs the kind, span and attributes');
        const base = group.items[0]!;
        const { tagset } = project(ctx);
        const { kind, start, end } = args.edit;
        const annotation = {
          ...copyOf(base),
          kind,
          start,
          end,
          quote: text.slice(start, end),
          attributes: resolveAttributes(tagset, kind, args.edit.attributes ?? base.attributes),
        };
        return [{ annotation, sources: group.items.map(refOf) }];
      }
    }
  }

  return {
    'review/compare': async ({ articleId, annotators }) => {
      const { layer, groups } = await compare(articleId, annotators);
      const keys = new Set(groups.map((g) => g.key));
      return {
        annotators,
        groups,
        decisions: layer.decisions ?? [],
        /** Decisions whose annotations have changed since: their group is open again. */
        stale: (layer.decisions ?? []).filter((d) => !keys.has(d.key)),
        gold: layer.annotations.filter((a) => a.annotator === GOLD),
        ...adjudicationState(layer, groups),
      };
    },

    'review/decide': async (args) => {
      const article = await ctx.repo.getArticle(args.articleId);
      const stamp = ctx.now();
      let work: ReturnType<typeof adjudicate> | null = null;
      let decision: Decision | null = null;
      await ctx.repo.updateLayer(args.articleId, (start) => {
        checkLayers(args.annotators);
        const groups = compareLayers(start, args.annotators);
        const group = groups.find((g) => g.key === args.key);
        if (!group)
          throw new FactmarkError(
            'conflict',
            'That difference is no longer there (a layer changed since it was compared); compare again',
          );
        work = adjudicate(ctx, args.articleId, article.text, start, groups, project(ctx), stamp);
        // The first decision on an article also takes every agreement into gold.
        if ((start.decisions ?? []).length === 0) work.takeAgreements(group);
        const action = group.differences.length === 0 && args.action === 'accept-all' ? 'agreed' : args.action;
        decision = work.decide(
          group,
          action,
          action === 'agreed' ? agreedPick(group) : picksFor(args, group, article.text),
        );
        return work.layer;
      });
      const label = {
        reject: 'Reject',
        accept: 'Accept',
        'accept-all': 'Accept all',
        edit: 'Adjudicate',
      };
      return mutation(decision!, `${label[args.action]} in gold`, work!.changes);
    },

    'review/accept-agreed': async ({ articleId, annotators }) => {
      const article = await ctx.repo.getArticle(articleId);
      const stamp = ctx.now();
      let work: ReturnType<typeof adjudicate> | null = null;
      let decisions: Decision[] = [];
      await ctx.repo.updateLayer(articleId, (start) => {
        checkLayers(annotators);
        const groups = compareLayers(start, annotators);
        const decided = new Set((start.decisions ?? []).map((d) => d.key));
        const open = groups.filter((g) => g.differences.length > 0 && !decided.has(g.key)).length;
        if (open > 0)
          throw new FactmarkError(
            'conflict',
            `The layers of ${annotators.join(', ')} still differ in ${open} place${open === 1 ? '' : 's'} on “${article.title}”: decide ${open === 1 ? 'that difference' : 'each difference'} first`,
          );
        if (groups.length === 0)
          throw new FactmarkError(
            'invalid-argument',
            `${annotators.join(', ')} have no annotations on “${article.title}”: nothing to take into gold`,
          );
        work = adjudicate(ctx, articleId, article.text, start, groups, project(ctx), stamp);
        decisions = work.takeAgreements();
        if (decisions.length === 0)
          throw new FactmarkError('conflict', `Every agreement on “${article.title}” is in gold already`);
        return work.layer;
      });
      return mutation(decisions, 'Take the agreed layers into gold', work!.changes);
    },

    // A read (see ACCESS in index.ts): no change lands between the layer files' listing and their reads.
    'review/progress': async ({ annotators }) => reviewProgressRows(repo, ctx.repo, progress, annotators),
  };
}
