/**
 * Units that look alike, counted once: each distinct row of values (one per
 * annotator, null where missing) with how many units have it, in the order
 * first seen. Every coefficient here is a sum over units, so these give the
 * same figures as the units themselves, and an article's patterns pool with
 * another's by adding counts.
 */
export type Patterns = [key: string, row: (string | null)[], count: number][];

/** Counts each row by its key, keeping the order rows are first seen. */
export function patternsOf(rows: Iterable<(string | null)[]>, keyOf: (row: (string | null)[]) => string): Patterns {
  const found = new Map<string, [string, (string | null)[], number]>();
  for (const row of rows) {
    const key = keyOf(row);
    const seen = found.get(key);
    if (seen) seen[2]++;
    else found.set(key, [key, row, 1]);
  }
  return [...found.values()];
}

/** Several lists of patterns as one, counts added by key, in the order first seen. */
export function pooledPatterns(lists: Iterable<Patterns>): Patterns {
  const found = new Map<string, [string, (string | null)[], number]>();
  for (const list of lists) {
    for (const [key, row, count] of list) {
      const seen = found.get(key);
      if (seen) seen[2] += count;
      else found.set(key, [key, row, count]);
    }
  }
  return [...found.values()];
}

/** Rows of one value per column, unit by unit. */
export function* rowsOf<T>(columns: readonly (readonly T[])[]): Generator<T[]> {
  const units = columns[0]?.length ?? 0;
  for (let u = 0; u < units; u++) yield columns.map((c) => c[u]!);
}

// Token values are 'in', 'out' or null: joined they stay apart; attribute values are any JSON text.
export const tokenKey = (row: (string | null)[]) => row.join('|');
export const attributeKey = (row: (string | null)[]) => JSON.stringify(row);
