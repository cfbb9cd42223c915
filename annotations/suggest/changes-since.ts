import type { Suggestion } from './recommender';

/** How a list of suggestions is made from one given out earlier (see suggestions/changes). */
export interface ChangesSince {
  /** This list's version. */
  version: string;
  /** The version the changes apply to; null: to no list (every suggestion came). */
  since: string | null;
  /** Ids of the earlier list's suggestions that are not in this one as they were. */
  gone: string[];
  /** The suggestions that came (new, or changed), in list order. */
  came: Suggestion[];
  /** Where each of `came` stands in the new list, ascending. */
  at: number[];
}

/** Each suggestion's JSON, made once per object (the server gives the same objects while nothing they come from changed). */
const printed = new WeakMap<Suggestion, string>();
function print(s: Suggestion): string {
  let text = printed.get(s);
  if (text === undefined) printed.set(s, (text = JSON.stringify(s)));
  return text;
}

interface Given {
  articleId: string;
  ids: string[];
  /** Each suggestion as JSON: equal text, equal suggestion. */
  prints: string[];
}

/**
 * The lists of suggestions lately given out, by version, so that the next
 * answer to a client holding one can be its changes: after a keystroke's tag
 * on a long article, a few suggestions rather than thousands. Versions are
 * unique to this process (a client holding one from before a restart gets
 * every suggestion), and only the last `limit` are kept.
 */
export function createSuggestionVersions(limit = 8) {
  const given = new Map<string, Given>();
  const nonce = crypto.randomUUID().slice(0, 8);
  let serial = 0;

  function remember(entry: Given): string {
    const version = `${nonce}.${++serial}`;
    given.set(version, entry);
    for (const old of given.keys()) {
      if (given.size <= limit) break;
      given.delete(old);
    }
    return version;
  }

  function everything(list: readonly Suggestion[]): Omit<ChangesSince, 'version'> {
    return { since: null, gone: [], came: [...list], at: list.map((_, i) => i) };
  }

  return {
    /** `list`, the open suggestions of `articleId` now, as changes since `since` where that version is known. */
    changes(articleId: string, list: readonly Suggestion[], since: string | null): ChangesSince {
      // Looked up before this list is kept, which may drop the oldest.
      const before = since === null ? undefined : given.get(since);
      const ids = list.map((s) => s.id);
      const prints = list.map(print);
      const version = remember({ articleId, ids, prints });
      // Ids given twice cannot be told apart by id: such lists are sent whole.
      if (!before || before.articleId !== articleId || new Set(ids).size !== ids.length)
        return { version, ...everything(list) };
      const earlier = new Map(before.ids.map((id, i) => [id, i]));
      if (earlier.size !== before.ids.length) return { version, ...everything(list) };
      const kept = new Set<number>();
      const came: Suggestion[] = [];
      const at: number[] = [];
      let last = -1;
      for (let i = 0; i < list.length; i++) {
        const j = earlier.get(ids[i]!);
        // Kept: the same suggestion, after the one kept before it (the earlier list's order holds for what is kept).
        if (j !== undefined && j > last && before.prints[j] === prints[i]) {
          kept.add(j);
          last = j;
        } else {
          came.push(list[i]!);
          at.push(i);
        }
      }
      return { version, since, gone: before.ids.filter((_, j) => !kept.has(j)), came, at };
    },
  };
}

export type SuggestionVersions = ReturnType<typeof createSuggestionVersions>;

/**
 * The list `changes` makes of `previous` (the list of version
 * `changes.since`); null when they do not fit it (the caller asks for every
 * suggestion). Suggestions kept are the same objects, and no change gives
 * `previous` itself.
 */
export function applyChangesSince(
  previous: readonly Suggestion[],
  changes: Pick<ChangesSince, 'gone' | 'came' | 'at'>,
): Suggestion[] | null {
  const { gone, came, at } = changes;
  if (came.length !== at.length) return null;
  if (gone.length === 0 && came.length === 0) return previous as Suggestion[];
  const out = new Set(gone);
  const kept = out.size === 0 ? previous : previous.filter((s) => !out.has(s.id));
  if (previous.length - kept.length !== out.size) return null;
  const length = kept.length + came.length;
  const list: Suggestion[] = new Array<Suggestion>(length);
  let k = 0;
  let c = 0;
  for (let i = 0; i < length; i++) {
    if (c < at.length && at[c] === i) list[i] = came[c++]!;
    else if (k < kept.length) list[i] = kept[k++]!;
    else return null;
  }
  return c === came.length && k === kept.length ? list : null;
}
