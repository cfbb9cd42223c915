import type { ExportedFile, ExportInput } from './export-input';

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

/**
 * CoNLL-2003 style two-column IOB2 (token, tag) for span kinds. A span that
 * starts or ends inside a token, or overlaps a span already tagged, is not
 * moved or merged: it is left out and listed in `iob2-report.txt`.
 */
export function exportConll(input: ExportInput, kinds?: readonly string[]): ExportedFile[] {
  const out: string[] = [];
  const report: string[] = [];
  for (const { article, layer } of input.articles) {
    const tokens = tokenize(article.text);
    const tags = tokens.map(() => 'O');
    const spans = layer.annotations
      .filter((a) => !kinds || kinds.includes(a.kind))
      .sort((a, b) => a.start - b.start || b.end - a.end);
    for (const a of spans) {
      const first = tokens.findIndex((t) => t.end > a.start);
      let last = first;
      while (last + 1 < tokens.length && tokens[last + 1]!.start < a.end) last++;
      const where = `${article.id} ${a.start}–${a.end} ${a.kind} ${JSON.stringify(a.quote)}`;
      if (first < 0 || tokens[first]!.start !== a.start || tokens[last]!.end !== a.end) {
        report.push(`${where}: does not start and end on token boundaries; left out`);
        continue;
      }
      if (tags.slice(first, last + 1).some((t) => t !== 'O')) {
        report.push(`${where}: overlaps a span already tagged; left out`);
        continue;
      }
      for (let i = first; i <= last; i++) tags[i] = `${i === first ? 'B' : 'I'}-${a.kind}`;
    }
    out.push('-DOCSTART-\tO', '');
    let line = -1;
    tokens.forEach((t, i) => {
      const tokenLine = article.text.slice(0, t.start).split('\n').length;
      if (line !== -1 && tokenLine !== line) out.push('');
      line = tokenLine;
      out.push(`${t.text}\t${tags[i]}`);
    });
    out.push('');
  }
  return [
    { path: 'iob2.conll', content: `${out.join('\n')}\n` },
    {
      path: 'iob2-report.txt',
      content:
        report.length > 0
          ? `${report.join('\n')}\n`
          : 'Every span starts and ends on a token boundary; none overlap.\n',
    },
  ];
}
