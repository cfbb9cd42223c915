import { z } from 'zod';
import type { AttributeDefinition, RelationType, SpanKindDefinition, Tagset, TagsetInput } from '../tagset';
import { TagsetNameSchema, validateTagset } from '../tagset';
import { shortHash } from './import-ids';

/**
 * How a foreign file's labels become the project's: each label to the name
 * of a kind or relation of the tagset, or null to leave its annotations out.
 * Given as `--map FILE` (this JSON object) on the command line, or chosen in
 * the import dialog's label step.
 */
export const LabelMapSchema = z.record(z.string().min(1).max(200), TagsetNameSchema.nullable());
export type LabelMap = z.infer<typeof LabelMapSchema>;

/** What a foreign label names: a span kind (events included) or a link type (relations, event roles). */
export type LabelRole = 'span' | 'relation';

/** What became of one foreign label in an import. */
export type LabelFate =
  /** the tagset has it under the same name */
  | 'known'
  /** the map sends it to one of the tagset's */
  | 'mapped'
  /** added to the tagset (extend the tagset) */
  | 'new'
  /** the map drops it: its annotations are left out */
  | 'dropped'
  /** the tagset lacks it and nothing says what to do: the file is refused */
  | 'unknown';

/** One foreign label as an import met it. */
export interface LabelUse {
  label: string;
  role: LabelRole;
  /** Annotations (or links) of the file carrying it. */
  count: number;
  fate: LabelFate;
  /** The tagset name it becomes; null when dropped or unknown. */
  becomes: string | null;
}

/** What an import is told about foreign labels. */
export interface LabelOptions {
  map?: LabelMap;
  /** Labels neither known nor mapped are added to the tagset instead of refusing the file. */
  extendTagset?: boolean;
}

/** Resolves a file's labels against the tagset and the user's map, counting each use. */
export interface LabelResolver {
  /** The tagset name for a foreign label, null when it is dropped, undefined when unknown. */
  resolve(label: string, role: LabelRole): string | null | undefined;
  /** Every label met so far, in the order met. */
  uses(): LabelUse[];
  /** Labels the file uses that the tagset lacks and nothing maps: refusal reasons, or none. */
  problems(): string[];
}

const namesOf = (tagset: Tagset, role: LabelRole) =>
  role === 'span' ? tagset.kinds.map((k) => k.kind) : tagset.relations.map((r) => r.type);

/**
 * A foreign label as a tagset name: itself when it is one, else made one
 * (`New York` → `New_York`, `Café` → `Cafe`). When more than white space and
 * accents had to go (`北京`, `2nd place`), a hash of the label ends the name,
 * so two such labels never become one kind.
 */
export function tagsetNameFor(label: string): string {
  if (TagsetNameSchema.safeParse(label).success) return label;
  const plain = label.normalize('NFKD').replace(/\p{M}+/gu, '');
  const cleaned = plain
    .replace(/[^A-Za-z0-9_.:-]+/g, '_')
    .replace(/^[^A-Za-z_]+/, '')
    .replace(/^_+$/, '');
  if (cleaned === plain.replace(/\s+/g, '_')) return cleaned.slice(0, 64);
  return `${(cleaned || 'label').slice(0, 55)}_${shortHash(label)}`;
}

const RESERVED_KIND = 'entity';
/** Whether a label may be added to the tagset under `name`: "entity" is the registry's, never a kind. */
const addable = (name: string, role: LabelRole) => !(role === 'span' && name === RESERVED_KIND);
const reservedProblem = (label: string, name: string) =>
  `"${label}" cannot be added to the tagset as the kind "${name}": that name is reserved for registry entities; map it to another kind`;

/**
 * A resolver for one file. A label the map names wins; then the tagset's own
 * name; then, when the tagset may grow, a new name; else it is unknown.
 * A map entry naming something the tagset lacks is a problem too (unless
 * the tagset may grow, when it becomes that new name).
 */
export function createLabelResolver(tagset: Tagset, options: LabelOptions = {}): LabelResolver {
  const met = new Map<string, LabelUse>();
  const problems: string[] = [];
  const badlyMapped = new Set<string>();
  const fateOf = (label: string, role: LabelRole): Pick<LabelUse, 'fate' | 'becomes'> => {
    const names = namesOf(tagset, role);
    if (options.map && Object.hasOwn(options.map, label)) {
      const target = options.map[label]!;
      if (target === null) return { fate: 'dropped', becomes: null };
      if (names.includes(target)) return { fate: target === label ? 'known' : 'mapped', becomes: target };
      if (options.extendTagset && addable(target, role)) return { fate: 'new', becomes: target };
      badlyMapped.add(label);
      if (options.extendTagset) {
        problems.push(reservedProblem(label, target));
        return { fate: 'unknown', becomes: null };
      }
      problems.push(
        `the label map sends "${label}" to "${target}", which is not a ${role === 'span' ? 'kind' : 'relation'} of the tagset`,
      );
      return { fate: 'unknown', becomes: null };
    }
    if (names.includes(label)) return { fate: 'known', becomes: label };
    if (!options.extendTagset) return { fate: 'unknown', becomes: null };
    const name = tagsetNameFor(label);
    // A label made into a name the tagset has (`1person` → `person`) is that one, not a new one.
    if (names.includes(name)) return { fate: 'mapped', becomes: name };
    if (addable(name, role)) return { fate: 'new', becomes: name };
    badlyMapped.add(label);
    problems.push(reservedProblem(label, name));
    return { fate: 'unknown', becomes: null };
  };
  return {
    resolve(label, role) {
      const key = `${role}\u0000${label}`;
      let use = met.get(key);
      if (!use) {
        use = { label, role, count: 0, ...fateOf(label, role) };
        met.set(key, use);
      }
      use.count++;
      return use.fate === 'unknown' ? undefined : use.becomes;
    },
    uses: () => [...met.values()].map((u) => ({ ...u })),
    problems() {
      const unknown = [...met.values()].filter((u) => u.fate === 'unknown' && !badlyMapped.has(u.label));
      const listed = unknown.map(
        (u) =>
          `"${u.label}" (${u.count} ${u.role === 'span' ? (u.count === 1 ? 'span' : 'spans') : u.count === 1 ? 'link' : 'links'})`,
      );
      return [
        ...problems,
        ...(listed.length > 0
          ? [
              `labels the tagset does not have: ${listed.join(', ')}; map them to the tagset's (the import dialog's label step, or --map FILE) or add them to it (--extend-tagset)`,
            ]
          : []),
      ];
    },
  };
}

/** Colours for kinds an import adds, told apart on a white page. */
const PALETTE = [
  '#2563eb',
  '#dc2626',
  '#059669',
  '#d97706',
  '#7c3aed',
  '#0891b2',
  '#be185d',
  '#65a30d',
  '#9a3412',
  '#4f46e5',
  '#0f766e',
  '#a21caf',
];

/** A kind an import adds: its name, and what the file (or its scheme) says of it. */
export interface KindAddition {
  kind: string;
  label?: string;
  color?: string;
  linksEvent?: boolean;
  linksEntity?: boolean;
  attributes?: AttributeDefinition[];
}

export interface RelationAddition {
  type: string;
  label?: string;
  from: string[];
  to: string[];
  equivalence?: boolean;
}

/** Display label for a scheme's name: `Located_in` → `Located in`. */
export const labelFor = (name: string) => name.replace(/_+/g, ' ').trim().slice(0, 60) || name.slice(0, 60);

/**
 * The tagset with the additions: new kinds (no hotkey, a colour of their
 * own), new relation types, and, for a relation already there, the kinds
 * it newly joins; new attributes of existing kinds. Checked whole.
 */
export function growTagset(
  tagset: Tagset,
  additions: { kinds?: readonly KindAddition[]; relations?: readonly RelationAddition[] },
): Tagset {
  const next = JSON.parse(JSON.stringify(tagset)) as TagsetInput & Tagset;
  for (const add of additions.kinds ?? []) {
    const existing = next.kinds.find((k) => k.kind === add.kind);
    if (existing) {
      for (const a of add.attributes ?? [])
        if (!existing.attributes.some((x) => x.name === a.name)) existing.attributes.push(a);
      continue;
    }
    const kind: SpanKindDefinition = {
      kind: add.kind,
      label: add.label ?? labelFor(add.kind),
      color: add.color ?? PALETTE[next.kinds.length % PALETTE.length]!,
      hotkey: null,
      linksEntity: add.linksEntity ?? false,
      linksEvent: add.linksEvent ?? false,
      attributes: add.attributes ?? [],
    };
    next.kinds.push(kind);
  }
  next.relations ??= [];
  for (const add of additions.relations ?? []) {
    const existing = next.relations.find((r) => r.type === add.type);
    if (existing) {
      existing.from = [...new Set([...existing.from, ...add.from])];
      existing.to = [...new Set([...existing.to, ...add.to])];
      continue;
    }
    const relation: RelationType = {
      type: add.type,
      label: add.label ?? labelFor(add.type),
      from: [...new Set(add.from)],
      to: [...new Set(add.to)],
      equivalence: add.equivalence ?? false,
    };
    next.relations.push(relation);
  }
  return validateTagset(next);
}
