import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../../annotations/default-tagset';
import type { Figures } from '../../../annotations/suggest/evaluate';
import { addFigures, evaluate, figures } from '../../../annotations/suggest/evaluate';
import { languageModelSuggestions } from '../../../annotations/suggest/language-model';
import type { RecommenderId, Suggestion } from '../../../annotations/suggest/recommender';
import { RECOMMENDERS, suggest } from '../../../annotations/suggest/run';
import type { GoldArticle } from './gold-corpus';
import { GOLD_ARTICLES, GOLD_ENTITIES, examplesWithout } from './gold-corpus';

const TAGSET_KINDS = DEFAULT_TAGSET.kinds.map((k) => k.kind);

/** What one recommender proposes on a gold article (the learned matcher learns from the other four). */
function run(recommender: RecommenderId, article: GoldArticle): Suggestion[] {
  return suggest({
    article: { id: article.id, text: article.text },
    tagset: DEFAULT_TAGSET,
    entities: GOLD_ENTITIES,
    examples: recommender === 'learned' ? examplesWithout(article.id) : [],
    settings: { recommenders: [recommender] },
  });
}

interface Row {
  exact: Figures;
  lenient: Figures;
  byKind: Map<string, Figures>;
}

/** Micro-averaged figures of one recommender over the corpus, against the gold spans of the kinds it proposes. */
function measure(recommender: RecommenderId): Row {
  const kinds = RECOMMENDERS[recommender].kinds ?? TAGSET_KINDS;
  const zero = figures(0, 0, 0, 0);
  const row: Row = { exact: zero, lenient: zero, byKind: new Map() };
  for (const article of GOLD_ARTICLES) {
    const e = evaluate(
      run(recommender, article),
      article.spans.filter((s) => kinds.includes(s.kind)),
    );
    row.exact = addFigures(row.exact, e.exact);
    row.lenient = addFigures(row.lenient, e.lenient);
    for (const [kind, f] of Object.entries(e.byKind))
      row.byKind.set(kind, addFigures(row.byKind.get(kind) ?? zero, f.exact));
  }
  return row;
}

const pct = (x: number) => x.toFixed(2);
const ROWS = new Map((['gazetteer', 'learned', 'language-model', 'attribution'] as const).map((r) => [r, measure(r)]));

describe('each recommender against the gold layer of the sample corpus', () => {
  it('prints precision, recall and F1 per recommender and per kind', () => {
    const lines = ['recommender / kind         exact P   R     F1   | overlap P   R     F1'];
    for (const [id, row] of ROWS) {
      const f = (x: Figures) => `${pct(x.precision)} ${pct(x.recall)} ${pct(x.f1)}`;
      lines.push(`${id.padEnd(26)} ${f(row.exact)} | ${f(row.lenient)}`);
      for (const [kind, k] of row.byKind)
        lines.push(`  ${kind.padEnd(24)} ${f(k)}   (${k.hits}/${k.suggested} suggested, ${k.recalled}/${k.gold} gold)`);
    }
    console.log(lines.join('\n'));
    expect(ROWS.size).toBe(4);
  });

  it('gazetteer: precision at least 0.95 with the registry holding the corpus’s people', () => {
    const row = ROWS.get('gazetteer')!;
    expect(row.exact.precision).toBeGreaterThanOrEqual(0.95);
    expect(row.exact.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('attribution patterns: at least 70% of the gold claims said by a speaker, and their speakers', () => {
    const row = ROWS.get('attribution')!;
    expect(row.byKind.get('claim')!.recall).toBeGreaterThanOrEqual(0.9);
    expect(row.byKind.get('speaker')!.recall).toBeGreaterThanOrEqual(0.9);
    expect(row.exact.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('attribution patterns: a found claim is said by the gold claim’s speaker', () => {
    let linked = 0;
    let found = 0;
    for (const article of GOLD_ARTICLES) {
      const suggestions = run('attribution', article);
      const byId = new Map(suggestions.map((s) => [s.id, s]));
      const gold = new Map(article.spans.map((s) => [s.id, s]));
      for (const r of article.relations) {
        const claim = gold.get(r.from)!;
        const speaker = gold.get(r.to)!;
        const s = suggestions.find((x) => x.kind === 'claim' && x.start === claim.start && x.end === claim.end);
        if (!s) continue;
        found++;
        const said = s.saidBy === null ? undefined : byId.get(s.saidBy);
        if (said && said.start === speaker.start && said.end === speaker.end) linked++;
      }
    }
    expect(linked / found).toBeGreaterThanOrEqual(0.9);
  });

  it('language model on long texts (compromise’s lexicon without its tagger) stays above its measured floor', () => {
    const kinds = new Set(['person', 'organisation', 'place', 'date']);
    let total = figures(0, 0, 0, 0);
    for (const article of GOLD_ARTICLES) {
      const context = { article, entities: GOLD_ENTITIES, examples: [], kinds };
      const found = languageModelSuggestions(context, 'lexicon');
      total = addFigures(
        total,
        evaluate(
          found,
          article.spans.filter((s) => kinds.has(s.kind)),
        ).exact,
      );
    }
    console.log(`language model, lexicon only: P ${pct(total.precision)} R ${pct(total.recall)} F1 ${pct(total.f1)}`);
    expect(total.precision).toBeGreaterThanOrEqual(0.9);
    expect(total.recall).toBeGreaterThanOrEqual(0.7);
  });

  it('learned matcher (leave one article out) and language model stay above their measured floors', () => {
    const learned = ROWS.get('learned')!;
    expect(learned.exact.precision).toBeGreaterThanOrEqual(0.9);
    expect(learned.exact.recall).toBeGreaterThanOrEqual(0.55);
    const model = ROWS.get('language-model')!;
    expect(model.exact.precision).toBeGreaterThanOrEqual(0.9);
    expect(model.exact.recall).toBeGreaterThanOrEqual(0.65);
    expect(model.lenient.recall).toBeGreaterThanOrEqual(model.exact.recall);
  });
});
