import type { Annotation, Article } from '../model';
import { spanPieces } from '../spans';
import type { ExportedFile, ExportInput } from './export-input';
import { byLayerName, everyLayer, layerFolders, layersOf } from './export-input';
import { spanText } from './span-text';

/**
 * Tokenisation used for IOB2: a token is a run of letters, combining marks,
 * digits and inner apostrophes or hyphens ("al-Obeidi", "Iran’s"), or any
 * other single non-space character (punctuation, an emoji). Lines are
 * sentences; a blank line separates them, `-DOCSTART-` separates articles.
 */
export const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’-][\p{L}\p{M}\p{N}]+)*|[^\s]/gu;

export interface Token {
  text: string;
  start: number;
  end: number;
}

export function tokenize(text: string): Token[] {
  return Array.from(text.matchAll(TOKEN), (m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/** The index of the first token ending after `offset` (tokens.length if none): a binary search. */
function firstTokenAfter(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.end > offset) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** A span's tokens, piece by piece: [first, last] token indices, or null when a piece does not start and end on tokens. */
function pieceTokens(tokens: readonly Token[], a: Annotation): [number, number][] | null {
  const ranges: [number, number][] = [];
  for (const p of spanPieces(a)) {
    const first = firstTokenAfter(tokens, p.start);
    let last = first;
    while (last + 1 < tokens.length && tokens[last + 1]!.start < p.end) last++;
    if (first >= tokens.length || tokens[first]!.start !== p.start || tokens[last]!.end !== p.end) return null;
    ranges.push([first, last]);
  }
  return ranges;
}

/** A span in the report: article, offsets (each piece's), kind and words. */
const described = (article: Article, a: Annotation) =>
  `${article.id} ${spanPieces(a)
    .map((p) => `${p.start}–${p.end}`)
    .join(',')} ${a.kind} ${JSON.stringify(spanText(a))}`;

/**
 * One article's lines: `-DOCSTART-`, then a token and its tag per line, a
 * blank line where the text starts a new line. Each piece of a discontinuous
 * span is a chunk of its own (B- on its first token); the gap's tokens keep
 * their own tags. Time grows with the text's length and the spans' token
 * counts, never with their product.
 */
function articleLines(
  article: Article,
  spans: readonly Annotation[],
  out: string[],
  report: { problems: string[]; split: string[] },
): void {
  const { text } = article;
  const tokens = tokenize(text);
  const tags = tokens.map(() => 'O');
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const a of sorted) {
    const ranges = pieceTokens(tokens, a);
    if (!ranges) {
      report.problems.push(`${described(article, a)}: does not start and end on token boundaries; left out`);
      continue;
    }
    let free = true;
    for (const [first, last] of ranges) for (let i = first; i <= last && free; i++) free = tags[i] === 'O';
    if (!free) {
      report.problems.push(`${described(article, a)}: overlaps a span already tagged; left out`);
      continue;
    }
    for (const [first, last] of ranges)
      for (let i = first; i <= last; i++) tags[i] = `${i === first ? 'B' : 'I'}-${a.kind}`;
    if (ranges.length > 1)
      report.split.push(
        `${described(article, a)}: discontinuous, written as ${ranges.length} chunks (IOB2 cannot join them)`,
      );
  }
  out.push('-DOCSTART-\tO', '');
  let previousEnd = -1;
  tokens.forEach((t, i) => {
    // Tokens hold no line breaks: a break between two tokens starts a new sentence line.
    if (previousEnd >= 0 && text.slice(previousEnd, t.start).includes('\n')) out.push('');
    previousEnd = t.end;
    out.push(`${t.text}\t${tags[i]}`);
  });
  out.push('');
}

function conllFiles(
  articles: readonly { article: Article; spans: Annotation[] }[],
  kinds: readonly string[] | undefined,
  folder: string,
): ExportedFile[] {
  const out: string[] = [];
  const report = { problems: [] as string[], split: [] as string[] };
  for (const { article, spans } of articles)
    articleLines(
      article,
      spans.filter((a) => !kinds || kinds.includes(a.kind)),
      out,
      report,
    );
  const lines = [
    ...(report.problems.length > 0
      ? report.problems
      : ['Every span starts and ends on a token boundary; none overlap.']),
    ...report.split,
  ];
  return [
    { path: `${folder}iob2.conll`, content: `${out.join('\n')}\n` },
    { path: `${folder}iob2-report.txt`, content: `${lines.join('\n')}\n` },
  ];
}

/**
 * CoNLL-2003 style two-column IOB2 (token, tag) for span kinds. A span that
 * starts or ends inside a token, or overlaps a span already tagged, is not
 * moved or merged: it is left out and listed in `iob2-report.txt`. A
 * discontinuous span is one chunk per piece (the gap's tokens are not part
 * of it), listed in the report, since IOB2 cannot say the chunks are one
 * span. Token tags of two layers cannot share a column: an export of every
 * layer writes one folder per annotator (`alice/iob2.conll`), holding the
 * articles that annotator touched.
 */
export function exportConll(input: ExportInput, kinds?: readonly string[]): ExportedFile[] {
  if (!everyLayer(input))
    return conllFiles(
      input.articles.map(({ article, layer }) => ({ article, spans: layer.annotations })),
      kinds,
      '',
    );
  const byAnnotator = new Map<string, { article: Article; spans: Annotation[] }[]>();
  for (const { article, layer } of input.articles)
    for (const named of layersOf(input, layer)) {
      const list = byAnnotator.get(named.annotator) ?? [];
      list.push({ article, spans: named.layer.annotations });
      byAnnotator.set(named.annotator, list);
    }
  if (byAnnotator.size === 0)
    return [{ path: 'iob2-report.txt', content: 'No layer has annotations in the chosen articles.\n' }];
  const names = [...byAnnotator.keys()].sort(byLayerName);
  const folders = layerFolders(names);
  return names.flatMap((annotator) => conllFiles(byAnnotator.get(annotator)!, kinds, `${folders.get(annotator)!}/`));
}
