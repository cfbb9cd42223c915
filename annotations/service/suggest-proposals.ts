import type { Annotation, Article, ArticleLayer } from '../model';
import { GOLD } from '../model';
import type { AnnotationRepository, ProjectData, StoreView } from '../repository';
import type { ExampleArticle, Suggestion, SuggestSettings } from '../suggest/recommender';
import { SuggestSettingsSchema } from '../suggest/recommender';
import { suggestWithKeptIndex } from './suggest-learned';
import type { SuggestRunner } from './suggest-runner';
import { keptAnswers, suggestThrough } from './suggest-runner';
import type { ExampleState } from './suggest-examples';
import { examplesOf } from './suggest-examples';

/** A span's identity for suggestions: a rejection or an annotation of the same kind and ends hides a suggestion. */
export const spanKey = (s: { kind: string; start: number; end: number }) => `${s.kind}:${s.start}:${s.end}`;

/** The project's suggestion settings, the defaults for what was never set. */
export function suggestSettingsOf(project: ProjectData): SuggestSettings {
  return SuggestSettingsSchema.parse(project.settings?.suggestions ?? {});
}

/** What the recommenders make of one article for one annotator. */
export interface Proposals {
  article: Article;
  layer: ArticleLayer;
  settings: SuggestSettings;
  /** Everything proposed, whatever the annotator has or rejected. */
  all: Suggestion[];
  /** What the annotator is shown: neither in their layer already nor rejected by them. */
  open: Suggestion[];
}

/** What the store gives the recommenders besides the article: the registry and the learned matcher's examples. */
export interface SuggestSources {
  repo: AnnotationRepository;
  examples: ExampleState;
  /** Runs the recommenders off the thread that answers requests (a worker, in Node); absent: on it. */
  runner?: SuggestRunner;
}

/** Examples from `layers` on every annotated article but `except`. */
export async function examplesBut(
  sources: SuggestSources,
  view: StoreView,
  layers: readonly string[],
  except: string,
): Promise<ExampleArticle[]> {
  const byArticle = await examplesOf(sources.repo, view, sources.examples, layers);
  const examples: ExampleArticle[] = [];
  for (const [id, example] of byArticle) if (id !== except) examples.push(example);
  return examples;
}

/** The annotator's annotations on an article, by kind and span. */
export function mineBySpan(proposals: Pick<Proposals, 'layer'>, annotator: string): Map<string, Annotation> {
  return new Map(proposals.layer.annotations.filter((a) => a.annotator === annotator).map((a) => [spanKey(a), a]));
}

export interface ProposalOptions {
  /** In place of the project's settings (the command line's flags). */
  settings?: SuggestSettings;
  /** In place of the examples from the annotator's and the gold layer on the other articles. */
  examples?: ExampleArticle[];
}

/**
 * The suggestions for `annotator` on an article: the enabled recommenders,
 * learning from the annotator's own layer and the gold layer on the other
 * annotated articles.
 */
export async function proposalsFor(
  sources: SuggestSources,
  view: StoreView,
  annotator: string,
  articleId: string,
  options: ProposalOptions = {},
): Promise<Proposals> {
  const settings = options.settings ?? suggestSettingsOf(view.readProject());
  const article = await view.getArticle(articleId);
  const layer = await view.readLayer(articleId);
  const { tagset, entities } = view.readProject();
  const examples = !settings.recommenders.includes('learned')
    ? []
    : (options.examples ?? (await examplesBut(sources, view, [annotator, GOLD], articleId)));
  const request = { article: { id: article.id, text: article.text }, tagset, entities, examples, settings };
  const all = sources.runner
    ? await suggestThrough(sources.runner, keptAnswers(sources.examples), request)
    : await suggestWithKeptIndex(sources.examples.learned, request);
  const hidden = new Set([
    ...layer.annotations.filter((a) => a.annotator === annotator).map(spanKey),
    ...(layer.rejections ?? []).filter((r) => r.annotator === annotator).map(spanKey),
  ]);
  const shown = all.filter((s) => !hidden.has(spanKey(s)));
  // A claim's speaker that is not shown (tagged or rejected already) is no suggestion to link to.
  const ids = new Set(shown.map((s) => s.id));
  const open = shown.map((s) => (s.saidBy !== null && !ids.has(s.saidBy) ? { ...s, saidBy: null } : s));
  return { article, layer, settings, all, open };
}
