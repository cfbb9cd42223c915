import type { Tagset } from '../tagset';
import type { LabelMap, LabelRole, LabelUse } from './label-mapping';

const counted = (use: Pick<LabelUse, 'count' | 'role'>) =>
  `${use.count} ${use.role === 'span' ? (use.count === 1 ? 'span' : 'spans') : use.count === 1 ? 'link' : 'links'}`;

/** `PER → person (mapped, 12 spans)`, `MISC dropped (3 spans)`, `LOC unknown (2 spans)`: one line of a labels table. */
export function describeLabelUse(use: LabelUse): string {
  if (use.becomes === null) return `${use.label} ${use.fate} (${counted(use)})`;
  return `${use.label} → ${use.becomes} (${use.fate}, ${counted(use)})`;
}

/**
 * Every label several files met, once per label and role, counts summed, in
 * the order first met; the fate is the first file's (files of one import
 * share the map and the tagset, so they agree but where one was refused).
 */
export function combineLabelUses(reports: readonly { labels?: readonly LabelUse[] }[]): LabelUse[] {
  const all = new Map<string, LabelUse>();
  for (const report of reports)
    for (const use of report.labels ?? []) {
      const key = `${use.role}\u0000${use.label}`;
      const seen = all.get(key);
      if (seen) seen.count += use.count;
      else all.set(key, { ...use });
    }
  return [...all.values()];
}

/** A name folded for a loose match: case, white space and the separators `_ - . :` ignored. */
const folded = (name: string) => name.toLocaleLowerCase('en').replace(/[\s_.:-]+/g, '');

/** The tagset's names a label of that role may become. */
export const tagsetNames = (tagset: Tagset, role: LabelRole): string[] =>
  role === 'span' ? tagset.kinds.map((k) => k.kind) : tagset.relations.map((r) => r.type);

/**
 * The tagset name a foreign label most likely means: itself, else the one
 * equal but for case and separators (`Person` → `person`, `Located_in` →
 * `located-in`); undefined when none is.
 */
export function closeMatch(label: string, names: readonly string[]): string | undefined {
  if (names.includes(label)) return label;
  const wanted = folded(label);
  return wanted === '' ? undefined : names.find((n) => folded(n) === wanted);
}

/**
 * A label map to edit and pass back with `--map`: the entries given, and
 * for every label the tagset lacks that nothing maps, its close match in
 * the tagset when there is one, else null (leave out).
 */
export function labelMapSkeleton(uses: readonly LabelUse[], given: LabelMap, tagset: Tagset): LabelMap {
  const skeleton: LabelMap = { ...given };
  for (const use of uses) {
    if (use.fate !== 'unknown' || Object.hasOwn(skeleton, use.label)) continue;
    skeleton[use.label] = closeMatch(use.label, tagsetNames(tagset, use.role)) ?? null;
  }
  return skeleton;
}
