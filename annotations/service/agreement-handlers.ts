import { articleStats } from '../agreement/article-stats';
import type { AgreementConfig } from '../agreement/figure-types';
import { pooledFigures } from '../agreement/pooled-figures';
import type { Handlers } from '../contract';
import { FactmarkError } from '../errors';
import { GOLD } from '../model';
import type { AnnotationRepository, LayerFiles } from '../repository';
import type { LayerSummary } from '../review/corpus-figures';
import { corpusFigures, withAssignments } from '../review/corpus-figures';
import type { AgreementState, Job } from './agreement-measure';
import { hasLayer, measureArticles, readSummaries, spansOf, Stopped } from './agreement-measure';
import type { ServiceContext } from './context';
import { project, withLeftOut } from './context';

/** Every annotator with a layer (annotations or article labels) in the summaries given. */
function layersIn(summaries: Iterable<LayerSummary>, into = new Set<string>()): Set<string> {
  for (const summary of summaries) for (const name of Object.keys(summary)) if (hasLayer(summary, name)) into.add(name);
  return into;
}

/** The kinds and the choice attributes of the tagset, measured for the layers given. */
function configOf(ctx: ServiceContext, annotators: string[]): AgreementConfig {
  const { tagset } = project(ctx);
  return {
    annotators,
    labels: tagset.kinds.map((k) => k.kind),
    attributes: tagset.kinds.flatMap((k) =>
      k.attributes
        .filter((d) => d.type === 'choice' || d.type === 'boolean' || d.type === 'multi-choice')
        .map((d) => ({ label: k.kind, name: d.name })),
    ),
  };
}

/** What the agreement operations need beyond the context: the store itself, progress by job, and their cache. */
export interface AgreementDeps {
  repo: AnnotationRepository;
  jobs: Map<string, { done: number; total: number }>;
  state: AgreementState;
}

export function agreementHandlers(
  ctx: ServiceContext,
  { repo, jobs, state }: AgreementDeps,
): Pick<Handlers, 'agreement/report' | 'agreement/article' | 'jobs/cancel'> {
  /**
   * Refuses layers named twice, and layers no article of the store has: a
   * mistyped name would otherwise count as an annotator who marked nothing.
   */
  async function checkMeasured(
    annotators: readonly string[],
    summaries: ReadonlyMap<string, LayerSummary>,
    job: Job,
  ): Promise<void> {
    const repeated = [...new Set(annotators.filter((name, i) => annotators.indexOf(name) !== i))];
    if (repeated.length > 0)
      throw new FactmarkError(
        'invalid-argument',
        `${repeated.map((n) => `"${n}"`).join(', ')} named more than once; name each layer once`,
      );
    const known = layersIn(summaries.values());
    if (annotators.every((name) => known.has(name))) return;
    // The articles measured may be a few: a layer elsewhere in the store is a layer all the same.
    const rest = repo
      .listArticles()
      .map((a) => a.id)
      .filter((id) => !summaries.has(id));
    const others = await readSummaries(repo, state, rest, new Map(), job, () => 0);
    layersIn(others.summaries.values(), known);
    const unknown = annotators.filter((name) => !known.has(name));
    if (unknown.length === 0) return;
    const names = [...known].sort((a, b) => Number(a === GOLD) - Number(b === GOLD) || a.localeCompare(b));
    throw new FactmarkError(
      'invalid-argument',
      `No layer of ${unknown.map((n) => `"${n}"`).join(', ')} in the store; the layers are: ${names.length > 0 ? names.join(', ') : 'none yet'}`,
    );
  }

  return {
    'agreement/report': async ({ annotators, articleIds, jobId }) => {
      const articles = repo.listArticles();
      const titles = new Map(articles.map((a) => [a.id, a.title]));
      const lengths = new Map(articles.map((a) => [a.id, a.length]));
      const missing = articleIds?.find((id) => !titles.has(id));
      if (missing) throw new FactmarkError('not-found', `No article "${missing}" in the store`);
      const run = { cancelled: false };
      if (jobId) state.running.set(jobId, run);
      const job: Job = {
        done: 0,
        progress(done, total) {
          job.done = done;
          if (jobId) jobs.set(jobId, { done, total });
        },
        check() {
          if (run.cancelled) throw new Stopped();
        },
      };
      try {
        const ids = articleIds ?? articles.map((a) => a.id);
        // Until the layers are read, the articles to measure are at most those with two layer files.
        // The layers measured by default are likely those with files, but gold (see below).
        const guess = (listed: ReadonlyMap<string, LayerFiles> | null) => {
          if (annotators) return configOf(ctx, annotators);
          if (!listed) return null;
          const names = new Set<string>();
          for (const files of listed.values()) for (const name of files.annotators) if (name) names.add(name);
          names.delete(GOLD);
          return configOf(
            ctx,
            [...names].sort((a, b) => a.localeCompare(b)),
          );
        };
        const { summaries, revisions, fresh, leftOut, ahead } = await readSummaries(
          repo,
          state,
          ids,
          titles,
          job,
          (files) => ids.reduce((n, id) => n + ((files.get(id) ?? 0) >= 2 ? 1 : 0), 0),
          guess,
        );
        const early = await ahead;
        if (annotators) await checkMeasured(annotators, summaries, job);
        // Progress against assignment, over the articles counted here.
        const counted = [...summaries].map(([id, layer]) => ({ id, layer }));
        const figures = withAssignments(
          corpusFigures(counted.map((a) => a.layer)),
          counted,
          project(ctx).team?.assignments ?? [],
        );
        // By default every layer with annotations but gold: someone who only marked articles done has nothing to compare.
        const measured =
          annotators ??
          figures.annotators.filter(
            (name) => name !== GOLD && Object.values(figures.distribution[name] ?? {}).some((n) => n > 0),
          );
        const config = configOf(ctx, measured);
        const result = await measureArticles(repo, state, config, { summaries, revisions, fresh, early }, lengths, job);
        for (const l of result.leftOut) leftOut.push({ articleId: l.id, title: titles.get(l.id) ?? l.id, ...l });
        const agreement = {
          annotators: [...measured],
          labels: [...config.labels],
          corpus: pooledFigures(config, result.stats, 'corpus'),
          measuredArticles: result.stats.flatMap((s) => (s.present.filter(Boolean).length >= 2 ? [s.id] : [])),
        };
        const articleCount = counted.length - result.leftOut.length;
        return withLeftOut({ ...figures, articleCount, agreement }, leftOut);
      } catch (error) {
        if (error instanceof Stopped) return null;
        throw error;
      } finally {
        if (jobId) {
          jobs.delete(jobId);
          state.running.delete(jobId);
        }
      }
    },

    'agreement/article': async ({ articleId, annotators }) => {
      const read = repo.readUnkept
        ? await repo.readUnkept(articleId, true)
        : { layer: await ctx.repo.readLayer(articleId), text: (await ctx.repo.getArticle(articleId)).text };
      const config = configOf(ctx, annotators);
      const stats = articleStats(config, {
        id: articleId,
        text: read.text ?? '',
        layers: Object.fromEntries(annotators.map((name) => [name, spansOf(read.layer, name)])),
      });
      return { id: articleId, ...pooledFigures(config, [stats], 'article') };
    },

    'jobs/cancel': async ({ jobId }) => {
      const run = state.running.get(jobId);
      if (run) run.cancelled = true;
      return run !== undefined;
    },
  };
}
