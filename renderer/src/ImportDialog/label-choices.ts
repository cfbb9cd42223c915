import type { LabelMap, LabelOptions, LabelRole, LabelUse } from '../../../annotations/imports/label-mapping';
import { tagsetNameFor } from '../../../annotations/imports/label-mapping';
import { closeMatch, tagsetNames } from '../../../annotations/imports/label-uses';
import type { Tagset } from '../../../annotations/tagset';

/** What the user chose for one foreign label: a name of the tagset, a new kind or relation, or leave it out. */
export type LabelChoice = { to: string } | 'new' | 'drop';

/** One line of the label step: a foreign label, how often the files use it, and what it becomes. */
export interface LabelRow {
  label: string;
  role: LabelRole;
  count: number;
  choice: LabelChoice;
  /** The tagset name a loose match proposed (`Person` → `person`), when the default is such a guess. */
  suggested: string | null;
}

/**
 * The default for a label: the tagset's own name when it has it; else the
 * name equal but for case and separators, marked as a suggestion; else a
 * new kind or relation.
 */
export function defaultRow(use: Pick<LabelUse, 'label' | 'role' | 'count'>, tagset: Tagset): LabelRow {
  const match = closeMatch(use.label, tagsetNames(tagset, use.role));
  return {
    label: use.label,
    role: use.role,
    count: use.count,
    choice: match ? { to: match } : 'new',
    suggested: match && match !== use.label ? match : null,
  };
}

/** A label's key among the rows: a span label and a link label of one name are two rows. */
export const rowKey = (row: Pick<LabelRow, 'label' | 'role'>) => `${row.role}\u0000${row.label}`;

/**
 * The rows for the labels a dry run met, each with the user's choice where
 * they made one, else its default. Span labels first, then link labels,
 * each in the order met.
 */
export function labelRows(
  uses: readonly LabelUse[],
  tagset: Tagset,
  chosen: ReadonlyMap<string, LabelChoice> = new Map(),
): LabelRow[] {
  const rows = uses.map((use) => {
    const row = defaultRow(use, tagset);
    const choice = chosen.get(rowKey(use));
    return choice ? { ...row, choice } : row;
  });
  return [...rows.filter((r) => r.role === 'span'), ...rows.filter((r) => r.role === 'relation')];
}

/** The select's value for a choice, and back: `to:person`, `new`, `drop` (a tagset name holds no space). */
export const choiceValue = (choice: LabelChoice) => (typeof choice === 'string' ? choice : `to:${choice.to}`);
export const choiceOf = (value: string): LabelChoice =>
  value === 'new' || value === 'drop' ? value : { to: value.replace(/^to:/, '') };

/** What a row's "new" becomes in the tagset: the label itself when it is a valid name, else one made of it. */
export const newName = (label: string) => tagsetNameFor(label);

/**
 * The import's label options: a map entry for every choice that is not the
 * label itself (`PER` → `person`, `MISC` → null), and extendTagset exactly
 * when some label is to be added as new.
 */
export function labelOptions(rows: readonly LabelRow[]): LabelOptions {
  const map: LabelMap = {};
  for (const row of rows) {
    if (row.choice === 'drop') map[row.label] = null;
    else if (row.choice !== 'new' && row.choice.to !== row.label) map[row.label] = row.choice.to;
  }
  const extendTagset = rows.some((r) => r.choice === 'new');
  return { ...(Object.keys(map).length > 0 ? { map } : {}), ...(extendTagset ? { extendTagset } : {}) };
}

/**
 * Labels used both for spans and for links whose choices differ: a label map
 * names labels, not roles, so one entry would serve both.
 */
export function conflictingLabels(rows: readonly LabelRow[]): string[] {
  const entry = (row: LabelRow) =>
    row.choice === 'drop' ? 'drop' : row.choice === 'new' || row.choice.to === row.label ? 'self' : row.choice.to;
  const seen = new Map<string, string>();
  const conflicts = new Set<string>();
  for (const row of rows) {
    const before = seen.get(row.label);
    if (before !== undefined && before !== entry(row)) conflicts.add(row.label);
    seen.set(row.label, entry(row));
  }
  return [...conflicts];
}
