/**
 * Two versions of a record, field by field, for a side-by-side view: each
 * leaf's path and both values as text. Lists of named things (a tagset's
 * kinds, attributes, options) are keyed by their name or id, so a kind added
 * on one side shows as one row rather than shifting every row after it.
 */
export interface RecordRow {
  path: string;
  ours: string | null;
  theirs: string | null;
  differs: boolean;
}

const MAX_DEPTH = 6;

function keyOf(item: unknown, index: number): string {
  if (typeof item === 'object' && item !== null) {
    const named = item as { name?: unknown; id?: unknown; value?: unknown };
    for (const field of [named.name, named.id, named.value])
      if (typeof field === 'string' || typeof field === 'number') return String(field);
  }
  return String(index);
}

const isPlain = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isNamedList = (value: unknown): value is unknown[] =>
  Array.isArray(value) && value.length > 0 && value.every((item) => isPlain(item));

function show(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function leaves(value: unknown, path: string, depth: number, out: Map<string, string>): void {
  if (depth < MAX_DEPTH && isPlain(value)) {
    for (const [key, child] of Object.entries(value)) leaves(child, path ? `${path}.${key}` : key, depth + 1, out);
    if (Object.keys(value).length === 0) out.set(path, '{}');
    return;
  }
  if (depth < MAX_DEPTH && isNamedList(value)) {
    value.forEach((item, i) => leaves(item, `${path}[${keyOf(item, i)}]`, depth + 1, out));
    return;
  }
  out.set(path, show(value));
}

/** The rows of two versions (null: absent on that side), in the order the fields first appear. */
export function recordRows(ours: unknown, theirs: unknown): RecordRow[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  if (ours !== null && ours !== undefined) leaves(ours, '', 0, a);
  if (theirs !== null && theirs !== undefined) leaves(theirs, '', 0, b);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths.map((path) => {
    const o = a.get(path) ?? null;
    const t = b.get(path) ?? null;
    return { path, ours: o, theirs: t, differs: o !== t };
  });
}
