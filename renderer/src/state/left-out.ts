import type { LeftOut } from '../../../annotations/contract';
import type { StoreProblem } from '../../../annotations/repository';

/** The articles a corpus-wide result left out: its `leftOut`, or the rows (review progress) that carry a problem. */
export function leftOutOf(result: unknown): LeftOut[] {
  if (Array.isArray(result))
    return result.flatMap((row: { articleId?: string; title?: string; problem?: { file: string; reason: string } }) =>
      row.problem && row.articleId
        ? [{ articleId: row.articleId, title: row.title ?? row.articleId, ...row.problem }]
        : [],
    );
  const listed = (result as { leftOut?: unknown } | null)?.leftOut;
  return Array.isArray(listed) ? (listed as LeftOut[]) : [];
}

/** "Left out 2 damaged article(s): A, B" — one short line; the reasons go in `leftOutReasons`. */
export function leftOutText(leftOut: readonly LeftOut[]): string {
  return `Left out ${leftOut.length} damaged article(s): ${leftOut.map((l) => l.title).join(', ')}`;
}

/** Each left-out file and why, one per line (for a tooltip). */
export function leftOutReasons(leftOut: readonly LeftOut[]): string {
  return leftOut.map((l) => `${l.file}: ${l.reason}`).join('\n');
}

/** The problem that keeps an article from opening, if the store has reported one. */
export function problemOf(problems: readonly StoreProblem[] | undefined, articleId: string): StoreProblem | undefined {
  return problems?.find((p) => p.articleId === articleId);
}
