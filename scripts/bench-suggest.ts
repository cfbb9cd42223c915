import { DEFAULT_TAGSET } from '../annotations/default-tagset';
import { RECOMMENDER_IDS } from '../annotations/suggest/recommender';
import type { RecommenderId, SuggestEntity, SuggestRequestInput } from '../annotations/suggest/recommender';
import { suggest } from '../annotations/suggest/run';
import { syntheticAnnotations, syntheticArticle } from './bench-corpus';
import type { BenchRow } from './bench-table';
import { msRow } from './bench-table';

const SECTION = 'Suggestions, 100,000-word article';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** 200 registry entities with two aliases each: the benchmark text's places, and made-up people and organisations. */
function registry(): SuggestEntity[] {
  const syllables = ['ka', 'ra', 'mi', 'do', 'se', 'lu', 'na', 'ho', 'be', 'ti'];
  const word = (n: number) => syllables[n % 10]! + syllables[Math.floor(n / 10) % 10]! + syllables[(n * 7) % 10]!;
  const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
  const entities: SuggestEntity[] = [
    { id: 'iran', name: 'Iran', type: 'place', aliases: ['Islamic Republic of Iran'] },
    { id: 'iraq', name: 'Iraq', type: 'place', aliases: ['Republic of Iraq'] },
    { id: 'tehran', name: 'Tehran', type: 'place', aliases: [] },
  ];
  for (let i = 0; entities.length < 200; i++) {
    const [first, last] = [cap(word(i)), cap(word(i + 37))];
    entities.push(
      i % 2 === 0
        ? { id: `p${i}`, name: `${first} al-${last}`, type: 'person', aliases: [`al-${last}`, `${first} ${last}i`] }
        : { id: `o${i}`, name: `${first} ${last} Agency`, type: 'organisation', aliases: [`${first.toUpperCase()}A`] },
    );
  }
  return entities;
}

async function request(recommenders: RecommenderId[]): Promise<SuggestRequestInput> {
  const article = await syntheticArticle('long', 100_000);
  const other = await syntheticArticle('other', 20_000, 2);
  return {
    article: { id: article.id, text: article.text },
    tagset: DEFAULT_TAGSET,
    entities: registry(),
    examples: [{ text: other.text, annotations: syntheticAnnotations(other, 2000) }],
    settings: { recommenders },
  };
}

async function time(
  recommenders: RecommenderId[],
  runs: number,
): Promise<{ ms: number; cpuMs: number; count: number }> {
  const input = await request(recommenders);
  const times: number[] = [];
  const cpu: number[] = [];
  let count = 0;
  for (let i = 0; i < runs; i++) {
    // A text of its own per run, so no run reuses the words the last one read.
    const run = { ...input, article: { ...input.article, text: `${input.article.text}\n\nRun ${i}.` } };
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    count = suggest(run).length;
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(times), cpuMs: median(cpu), count };
}

/**
 * Suggestions for the 100,000-word article with a registry of 200 entities
 * and 2,000 example annotations: all recommenders together (target < 1 s),
 * and each alone.
 */
export async function benchSuggest(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const all = await time([...RECOMMENDER_IDS], 5);
  console.log(
    `suggest: all recommenders ${all.ms.toFixed(0)} ms (${all.cpuMs.toFixed(0)} ms CPU), ${all.count} suggestions`,
  );
  rows.push(msRow(SECTION, 'all recommenders together', all.ms, 1000));
  for (const id of RECOMMENDER_IDS) {
    const one = await time([id], 3);
    console.log(`suggest: ${id} ${one.ms.toFixed(0)} ms (${one.cpuMs.toFixed(0)} ms CPU), ${one.count} suggestions`);
    rows.push({ ...msRow(SECTION, `${id} alone`, one.ms, 1000), target: '–', met: true });
  }
  return rows;
}
