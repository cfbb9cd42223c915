import { layerProblems } from '../layer-checks';
import type { Article, ArticleLayer, Entity, EventRecord } from '../model';
import type { Tagset } from '../tagset';

/** How many problems a refused file lists; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 20;

export interface Registry {
  tagset: Tagset;
  entities: readonly Entity[];
  events: readonly EventRecord[];
}

/**
 * The problems an import would bring into one article's layer: those of the
 * layer after it that the layer before it did not have (a store already
 * holding a bad record is not the imported file's fault). Each names the
 * article.
 */
export function introducedProblems(
  article: Article,
  before: ArticleLayer,
  after: ArticleLayer,
  registry: Registry,
): string[] {
  const old = new Set(
    before.annotations.length + before.relations.length > 0
      ? layerProblems(article, before, registry.tagset, registry.entities, registry.events)
      : [],
  );
  return layerProblems(article, after, registry.tagset, registry.entities, registry.events)
    .filter((p) => !old.has(p))
    .map((p) => `article ${article.id}: ${p}`);
}

/** Event records naming participants that are not entities of the registry. */
export function registryProblems(events: readonly EventRecord[], entities: readonly Entity[]): string[] {
  const known = new Set(entities.map((e) => e.id));
  return events.flatMap((e) =>
    e.participants.filter((p) => !known.has(p)).map((p) => `event ${e.id}: participant "${p}" is not an entity`),
  );
}

/** A refused file's reasons: its problems, at most `MAX_LISTED_PROBLEMS` of them and a count of the rest. */
export function refusalReasons(problems: readonly string[]): string[] {
  const more = problems.length - MAX_LISTED_PROBLEMS;
  return more > 0 ? [...problems.slice(0, MAX_LISTED_PROBLEMS), `…and ${more} more problems`] : [...problems];
}
