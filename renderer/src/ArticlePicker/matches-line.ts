/** What the picker's status line says of the matches: how many, and how to find one not shown yet. */
export function matchesLine(filter: string, total: number | null, loaded: number): string {
  if (total === null) return 'Looking…';
  const count = total.toLocaleString('en');
  if (total === 0) return filter ? `No article’s title holds “${filter}”.` : 'No articles yet.';
  const what = filter
    ? `${count} ${total === 1 ? 'article' : 'articles'} with “${filter}” in the title`
    : `${count} articles`;
  return loaded < total ? `${what}: type part of a title to find one, or scroll for more.` : `${what}.`;
}
