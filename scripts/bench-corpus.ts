import type { Annotation, Article, Relation } from '../annotations/model';
import { contentHash } from '../annotations/content-hash';

const WORDS = (
  'Iran and Iraq signed a memorandum of understanding to boost their defense and military cooperation ' +
  'the Iranian Defense Minister said in a joint press conference with his Iraqi counterpart in Tehran on Tuesday ' +
  'these hired terrorists are pursuing the interests of the region and cooperation between the two countries resulted in great achievements'
).split(' ');

/** A deterministic article of `words` words in paragraphs of about a hundred. */
export async function syntheticArticle(id: string, words: number, seed = 1): Promise<Article> {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
  const paragraphs: string[] = [];
  let paragraph: string[] = [];
  for (let i = 0; i < words; i++) {
    paragraph.push(WORDS[next() % WORDS.length]!);
    if (paragraph.length === 100) {
      paragraphs.push(`${paragraph.join(' ')}.`);
      paragraph = [];
    }
  }
  if (paragraph.length > 0) paragraphs.push(`${paragraph.join(' ')}.`);
  const text = paragraphs.join('\n\n');
  return {
    id,
    title: `Synthetic article ${id}`,
    text,
    source: 'benchmark',
    addedAt: new Date(0).toISOString(),
    contentHash: await contentHash(text),
  };
}

/** `count` annotations spread evenly over the article, each a few words long, kinds in turn. */
export function syntheticAnnotations(article: Article, count: number): Annotation[] {
  const kinds: { kind: string; attributes: Annotation['attributes'] }[] = [
    { kind: 'claim', attributes: { verdict: 'unverified', checkWorthy: false, claimType: 'factual' } },
    { kind: 'speaker', attributes: {} },
    { kind: 'event', attributes: { eventType: 'other' } },
  ];
  const step = Math.floor(article.text.length / count);
  const result: Annotation[] = [];
  for (let i = 0; i < count; i++) {
    let start = i * step;
    while (start > 0 && article.text[start - 1] !== ' ') start++;
    const end = Math.min(start + 20 + (i % 5) * 6, article.text.length);
    const { kind, attributes } = kinds[i % kinds.length]!;
    result.push({
      id: `bench-${i}`,
      articleId: article.id,
      annotator: 'bench',
      kind,
      start,
      end,
      quote: article.text.slice(start, end),
      attributes,
      note: '',
      entityId: null,
      eventId: null,
      createdAt: new Date(0).toISOString(),
      updatedAt: new Date(0).toISOString(),
    });
  }
  return result;
}

/**
 * Said-by links among `syntheticAnnotations`: every other claim (`bench-3k`
 * for odd k) said by the speaker after it, so the text has arcs to draw and
 * the even claims are free to be linked by the benchmark.
 */
export function syntheticRelations(annotations: readonly Annotation[]): Relation[] {
  const relations: Relation[] = [];
  for (let k = 1; 3 * k + 1 < annotations.length; k += 2) {
    const claim = annotations[3 * k]!;
    relations.push({
      id: `bench-said-${k}`,
      articleId: claim.articleId,
      annotator: claim.annotator,
      type: 'said-by',
      from: claim.id,
      to: { kind: 'annotation', id: annotations[3 * k + 1]!.id },
      createdAt: new Date(0).toISOString(),
    });
  }
  return relations;
}
