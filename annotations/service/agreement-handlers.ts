import type { Handlers, LeftOut } from '../contract';
import { FactmarkError } from '../errors';
import type { ArticleLayer } from '../model';
import { GOLD } from '../model';
import { agreementReport } from '../agreement/report';
import { corpusFigures, withAssignments } from '../review/corpus-figures';
import type { ServiceContext } from './context';
import { eachLayer, project, withLeftOut } from './context';

/**
 * One annotator's spans on an article for the agreement report, or null when
 * they have not annotated it (no annotation, no article label, not marked done).
 */
function spansOf(layer: ArticleLayer, annotator: string) {
  const spans = layer.annotations
    .filter((a) => a.annotator === annotator)
    .map((a) => ({ start: a.start, end: a.end, fragments: a.fragments, label: a.kind, attributes: a.attributes }));
  const touched = spans.length > 0 || layer.documentLabels.some((d) => d.annotator === annotator);
  return touched ? { spans } : null;
}

/** Every annotator with a layer (annotations or article labels) in the layers given. */
function layersIn(layers: Iterable<ArticleLayer>, into = new Set<string>()): Set<string> {
  for (const layer of layers) {
    for (const a of layer.annotations) into.add(a.annotator);
    for (const d of layer.documentLabels) into.add(d.annotator);
  }
  return into;
}

/**
 * Refuses layers named twice, and layers no article of the store has: a
 * mistyped name would otherwise count as an annotator who marked nothing.
 */
async function checkMeasured(
  ctx: ServiceContext,
  annotators: readonly string[],
  read: readonly { article: { id: string }; layer: ArticleLayer }[],
): Promise<void> {
  const repeated = [...new Set(annotators.filter((name, i) => annotators.indexOf(name) !== i))];
  if (repeated.length > 0)
    throw new FactmarkError(
      'invalid-argument',
      `${repeated.map((n) => `"${n}"`).join(', ')} named more than once; name each layer once`,
    );
  const known = layersIn(read.map((r) => r.layer));
  if (annotators.every((name) => known.has(name))) return;
  // The articles measured may be a few: a layer elsewhere in the store is a layer all the same.
  const seen = new Set(read.map((r) => r.article.id));
  const rest = ctx.repo
    .listArticles()
    .map((a) => a.id)
    .filter((id) => !seen.has(id));
  for await (const { layer } of eachLayer(ctx.repo, [], rest)) layersIn([layer], known);
  const unknown = annotators.filter((name) => !known.has(name));
  if (unknown.length === 0) return;
  const names = [...known].sort((a, b) => Number(a === GOLD) - Number(b === GOLD) || a.localeCompare(b));
  throw new FactmarkError(
    'invalid-argument',
    `No layer of ${unknown.map((n) => `"${n}"`).join(', ')} in the store; the layers are: ${names.length > 0 ? names.join(', ') : 'none yet'}`,
  );
}

export function agreementHandlers(ctx: ServiceContext): Pick<Handlers, 'agreement/report'> {
  return {
    'agreement/report': async ({ annotators, articleIds }) => {
      const leftOut: LeftOut[] = [];
      const articles = [];
      for await (const read of eachLayer(ctx.repo, leftOut, articleIds)) articles.push(read);
      if (annotators) await checkMeasured(ctx, annotators, articles);
      // Progress against assignment, over the articles counted here.
      const figures = withAssignments(
        corpusFigures(articles.map((a) => a.layer)),
        articles.map(({ article, layer }) => ({ id: article.id, layer })),
        project(ctx).team?.assignments ?? [],
      );
      // By default every layer with annotations but gold: someone who only marked articles done has nothing to compare.
      const measured =
        annotators ??
        figures.annotators.filter(
          (name) => name !== GOLD && Object.values(figures.distribution[name] ?? {}).some((n) => n > 0),
        );
      const { tagset } = project(ctx);
      const agreement = agreementReport({
        annotators: measured,
        labels: tagset.kinds.map((k) => k.kind),
        attributes: tagset.kinds.flatMap((k) =>
          k.attributes
            .filter((d) => d.type === 'choice' || d.type === 'boolean' || d.type === 'multi-choice')
            .map((d) => ({ label: k.kind, name: d.name })),
        ),
        articles: articles.map(({ article, layer }) => ({
          id: article.id,
          text: article.text,
          layers: Object.fromEntries(measured.map((name) => [name, spansOf(layer, name)])),
        })),
      });
      return withLeftOut({ ...figures, articleCount: articles.length, agreement }, leftOut);
    },
  };
}
