import type { OutOfScope } from '../../../annotations/contract';

const titles = (articles: readonly OutOfScope[]) =>
  articles.length <= 3
    ? articles.map((a) => `“${a.title}”`).join(', ')
    : `${articles
        .slice(0, 3)
        .map((a) => `“${a.title}”`)
        .join(', ')} and ${articles.length - 3} more`;

/** What an export's scope left out, and what it could not say, in a sentence or two; '' when nothing. */
export function outOfScopeText(
  notAdjudicated: readonly OutOfScope[],
  notAnnotated: readonly OutOfScope[],
  notes: readonly string[],
): string {
  const parts: string[] = [];
  if (notAdjudicated.length > 0)
    parts.push(
      `Left out ${notAdjudicated.length} article(s) not adjudicated yet (gold covers adjudicated articles only): ${titles(notAdjudicated)}`,
    );
  if (notAnnotated.length > 0)
    parts.push(`Left out ${notAnnotated.length} article(s) with nothing in that layer: ${titles(notAnnotated)}`);
  return [...parts, ...notes].join('. ');
}
