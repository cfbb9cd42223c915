import { randomUUID } from 'node:crypto';
import { GOLD } from '../model';
import type { Annotation } from '../model';
import { checkAnnotation } from '../record-checks';
import { annotationOf, saidByLinks } from '../service/suggest-accept';
import { createExampleState } from '../service/suggest-examples';
import { examplesBut, proposalsFor, suggestSettingsOf } from '../service/suggest-proposals';
import type { RecommenderId, SuggestSettings } from '../suggest/recommender';
import { RECOMMENDER_IDS } from '../suggest/recommender';
import { UsageError } from './cli-common';
import { openCommandStore } from './command-store';

export const SUGGEST_HELP = `Suggestions written as a layer (for pipelines and evaluation):
  factmark suggest --as LAYER [--articles ID,ID] [--recommenders R,R] [--min-score X] [--replace]
                   each article's suggestions (every article's by default) become annotations of layer LAYER,
                   marked with the recommender that made them; the project's suggestion settings apply
                   unless the flags say otherwise. Recommenders: ${RECOMMENDER_IDS.join(', ')}.
                   The learned recommender learns from the gold layer of the other articles.
  --replace        LAYER holds annotations already: replace its annotations and links on the articles written
  Exit codes: 0 done; 1 refused (an unknown article, LAYER not empty); 2 bad usage; 3 the store is open elsewhere.`;

export interface SuggestCommandOptions {
  storeDir: string;
  args: readonly string[];
  as?: string;
  articles?: string[];
  recommenders?: string[];
  minScore?: string;
  replace: boolean;
}

/** The settings the flags make of the project's: unknown recommenders and scores out of 0..1 are usage errors. */
function flagSettings(project: SuggestSettings, options: SuggestCommandOptions): SuggestSettings {
  const unknown = (options.recommenders ?? []).filter((r) => !(RECOMMENDER_IDS as readonly string[]).includes(r));
  if (unknown.length > 0)
    throw new UsageError(
      `Unknown recommender ${unknown.map((r) => `"${r}"`).join(', ')}; there are ${RECOMMENDER_IDS.join(', ')}`,
    );
  const minScore = options.minScore === undefined ? project.minScore : Number(options.minScore);
  if (options.minScore !== undefined && (options.minScore.trim() === '' || !(minScore >= 0 && minScore <= 1)))
    throw new UsageError(`--min-score must be a number from 0 to 1, not "${options.minScore}"`);
  const recommenders = options.recommenders
    ? RECOMMENDER_IDS.filter((id) => options.recommenders!.includes(id))
    : project.recommenders;
  if (recommenders.length === 0) throw new UsageError('--recommenders names none');
  return { ...project, recommenders: recommenders as RecommenderId[], minScore };
}

function checkLayerName(name: string | undefined): string {
  if (!name || !name.trim()) throw new UsageError('suggest needs --as LAYER, the layer to write');
  if (name !== name.trim() || name.length > 200 || /\p{C}/u.test(name))
    throw new UsageError('--as must be a name without surrounding spaces or control characters, at most 200 long');
  if (name === GOLD)
    throw new UsageError(`"${GOLD}" is the adjudicated layer's name: suggestions go to a layer of their own`);
  return name;
}

/** Runs `suggest`: writes the suggestions of the articles as layer `--as`; returns the exit code. */
export async function runSuggestCommand(options: SuggestCommandOptions): Promise<number> {
  if (options.args.length > 0) throw new UsageError(`suggest takes no arguments (got "${options.args[0]}")`);
  const layerName = checkLayerName(options.as);
  const repo = await openCommandStore(options.storeDir);
  try {
    const settings = flagSettings(suggestSettingsOf(repo.readProject()), options);
    const known = new Set(repo.listArticles().map((a) => a.id));
    const articleIds = options.articles ?? [...known];
    const missing = articleIds.filter((id) => !known.has(id));
    if (missing.length > 0) {
      console.error(
        `factmark: no article ${missing.map((id) => `"${id}"`).join(', ')} in the store; nothing was written`,
      );
      return 1;
    }
    if (!options.replace) {
      const held = await articlesWithLayer(repo, layerName);
      if (held.length > 0) {
        console.error(
          `factmark: layer "${layerName}" holds annotations already (article ${held[0]}${held.length > 1 ? ` and ${held.length - 1} more` : ''}); give --replace to replace them, or another --as`,
        );
        return 1;
      }
    }
    const sources = { repo, examples: createExampleState() };
    const maker = { annotator: layerName, newId: () => randomUUID() };
    let total = 0;
    for (const articleId of articleIds) {
      // The learned recommender learns from gold on the other articles, never from the layer being written.
      const examples = settings.recommenders.includes('learned')
        ? await examplesBut(sources, repo, [GOLD], articleId)
        : [];
      const found = await proposalsFor(sources, repo, layerName, articleId, { settings, examples });
      const { tagset, entities, events } = repo.readProject();
      const entityIds = new Set(entities.map((e) => e.id));
      const stamp = new Date().toISOString();
      const made = new Map<string, Annotation>();
      for (const s of found.all) {
        const annotation = annotationOf(maker, tagset, entityIds, s, articleId, stamp);
        checkAnnotation(tagset, found.article.text, annotation, entities, events);
        made.set(s.id, annotation);
      }
      const relations = saidByLinks(maker, tagset, found.all, new Map(), made, stamp);
      const annotations = [...made.values()];
      if (annotations.length > 0 || found.layer.annotations.some((a) => a.annotator === layerName))
        await repo.updateLayer(articleId, (layer) => ({
          ...layer,
          annotations: [...layer.annotations.filter((a) => a.annotator !== layerName), ...annotations],
          relations: [...layer.relations.filter((r) => r.annotator !== layerName), ...relations],
        }));
      console.log(`${articleId}\t${annotations.length} suggestion(s)`);
      total += annotations.length;
    }
    console.log(`total: ${total} suggestion(s) written as layer "${layerName}" on ${articleIds.length} article(s)`);
    return 0;
  } finally {
    await repo.close();
  }
}

/** The articles on which `layer` has annotations. */
async function articlesWithLayer(repo: Awaited<ReturnType<typeof openCommandStore>>, layer: string): Promise<string[]> {
  const listed = await repo.listLayerFiles!();
  const held: string[] = [];
  for (const [articleId, files] of listed) {
    if (!files.annotators.some((a) => a === null || a === layer)) continue;
    const { layer: read } = await repo.readUnkept!(articleId, false);
    if (read.annotations.some((a) => a.annotator === layer)) held.push(articleId);
  }
  return held;
}
