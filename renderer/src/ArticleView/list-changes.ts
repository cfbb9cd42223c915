/** What went from a list and what came into it, by identity. */
export interface ListChanges<T> {
  gone: T[];
  come: T[];
}

/**
 * The items of `before` not in `after` and those of `after` not in
 * `before`, compared by identity. The workspace store keeps an unchanged
 * record as the same object, so after an edit the two lists share a long
 * head and tail: only the part between them is looked at, and an edit costs
 * what it changed, not the length of the list.
 */
export function listChanges<T>(before: readonly T[], after: readonly T[]): ListChanges<T> {
  let head = 0;
  const shorter = Math.min(before.length, after.length);
  while (head < shorter && before[head] === after[head]) head++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > head && endAfter > head && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const was = before.slice(head, endBefore);
  const is = after.slice(head, endAfter);
  // An item in both middles moved without changing (the list is in text order): it neither went nor came.
  const inWas = new Set(was);
  const inIs = new Set(is);
  return { gone: was.filter((x) => !inIs.has(x)), come: is.filter((x) => !inWas.has(x)) };
}
