import { z } from 'zod';
import { FactmarkError } from './errors';
import { issuesText } from './schema-issues';
import { optionLabel } from './tagset-lookup';

export { findKind, findRelationType, optionColor, optionLabel } from './tagset-lookup';

/**
 * The tagset: which span kinds exist, how they look, their hotkeys and their
 * attributes; which relations may join which kinds; which labels a whole
 * article takes. It is data, stored with the project and edited in the app.
 */
export type AttributeValue = string | boolean | number | null | string[];

/**
 * The id of a kind, attribute or relation: any label a real annotation scheme
 * uses (`claim`, `PER`, `Located_in`, `Org-Aff`, `B.1`), kept apart from its
 * display label. It is one token, so every format can carry it.
 */
export const TagsetNameSchema = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/,
    'must start with a letter or "_" and hold only letters, digits, "_", "-", "." and ":" (at most 64)',
  );
const Name = TagsetNameSchema;
const Label = z.string().trim().min(1, 'must not be empty').max(60);
const Options = z.array(z.string().trim().min(1)).min(1, 'needs at least one option');
const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #e8a317');
/**
 * How an option is shown, keyed by its stored value: a label to show instead
 * of the value (renaming an option keeps the value its annotations hold) and
 * a colour. Both optional; a tagset without them shows the values.
 */
const OptionDisplay = z.record(z.string(), z.object({ label: Label.optional(), color: Colour.optional() })).optional();
export type OptionDisplay = NonNullable<z.infer<typeof OptionDisplay>>;

export const AttributeDefinitionSchema = z.discriminatedUnion('type', [
  z.object({
    name: Name,
    label: Label,
    type: z.literal('choice'),
    options: Options,
    optionDisplay: OptionDisplay,
    /** null: unset until someone chooses. */
    default: z.string().nullable().default(null),
    required: z.boolean().default(false),
  }),
  z.object({
    name: Name,
    label: Label,
    type: z.literal('multi-choice'),
    options: Options,
    optionDisplay: OptionDisplay,
    default: z.array(z.string()).nullable().default(null),
    required: z.boolean().default(false),
  }),
  z.object({
    name: Name,
    label: Label,
    type: z.literal('boolean'),
    /** null: unset (neither yes nor no) until someone chooses. */
    default: z.boolean().nullable().default(null),
    required: z.boolean().default(false),
  }),
  z.object({
    name: Name,
    label: Label,
    type: z.literal('number'),
    default: z.number().nullable().default(null),
    required: z.boolean().default(false),
  }),
  z.object({
    name: Name,
    label: Label,
    type: z.literal('text'),
    default: z.string().nullable().default(null),
    required: z.boolean().default(false),
  }),
]);
export type AttributeDefinition = z.infer<typeof AttributeDefinitionSchema>;

export const SpanKindDefinitionSchema = z.object({
  kind: Name,
  label: Label,
  /** CSS colour of the highlight, `#rrggbb`. */
  color: Colour,
  /** The key that tags the current selection with this kind: one character, or none (a kind needs no hotkey). */
  hotkey: z
    .string()
    .regex(/^[0-9a-z]$/, 'must be one digit or lower-case letter')
    .nullable()
    .default(null),
  /** Mentions of this kind link to a normalised entity of the registry. */
  linksEntity: z.boolean().default(false),
  /** Mentions of this kind link to a cross-article event record. */
  linksEvent: z.boolean().default(false),
  attributes: z.array(AttributeDefinitionSchema),
});
export type SpanKindDefinition = z.infer<typeof SpanKindDefinitionSchema>;

export const RelationTypeSchema = z.object({
  type: Name,
  label: Label,
  /** Kinds the relation may start from. */
  from: z.array(Name).min(1),
  /** Kinds it may point to (a span of that kind); `entity` allows a registry entity too. */
  to: z.array(Name).min(1),
  /**
   * An equivalence: symmetric and transitive, so what it joins forms groups
   * (brat's `<REL-TYPE>:symmetric-transitive`, written as `*` lines).
   */
  equivalence: z.boolean().default(false),
});
export type RelationType = z.infer<typeof RelationTypeSchema>;

export const TagsetSchema = z.object({
  name: Label,
  kinds: z.array(SpanKindDefinitionSchema).min(1, 'needs at least one span kind'),
  relations: z.array(RelationTypeSchema).default([]),
  documentLabels: z.array(AttributeDefinitionSchema).default([]),
});
export type Tagset = z.infer<typeof TagsetSchema>;
export type TagsetInput = z.input<typeof TagsetSchema>;

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

function defaultProblem(def: AttributeDefinition): string | null {
  if (def.type === 'choice' && def.default !== null && !def.options.includes(def.default))
    return `default "${def.default}" is not one of its options`;
  if (def.type === 'multi-choice' && def.default !== null) {
    const bad = def.default.filter((d) => !def.options.includes(d));
    if (bad.length > 0) return `default ${bad.map((b) => `"${b}"`).join(', ')} not among its options`;
  }
  if ((def.type === 'choice' || def.type === 'multi-choice') && duplicates(def.options).length > 0)
    return `options repeat ${duplicates(def.options).join(', ')}`;
  if (def.type === 'choice' || def.type === 'multi-choice') {
    const stray = Object.keys(def.optionDisplay ?? {}).filter((v) => !def.options.includes(v));
    if (stray.length > 0) return `option display names ${stray.map((v) => `"${v}"`).join(', ')}, not among its options`;
    const shown = duplicates(def.options.map((o) => optionLabel(def, o)));
    if (shown.length > 0) return `two options are shown as ${shown.map((v) => `"${v}"`).join(', ')}`;
  }
  return null;
}

/** Parses and cross-checks a tagset; throws one `invalid-argument` error that lists every problem. */
export function validateTagset(raw: unknown): Tagset {
  const parsed = TagsetSchema.safeParse(raw);
  if (!parsed.success) {
    throw new FactmarkError(
      'invalid-argument',
      `Invalid tagset: ${issuesText(parsed.error.issues, undefined, 'tagset')}`,
    );
  }
  const tagset = parsed.data;
  const problems: string[] = [];
  const kinds = tagset.kinds.map((k) => k.kind);
  for (const d of duplicates(kinds)) problems.push(`kind "${d}" is defined twice`);
  for (const d of duplicates(tagset.kinds.flatMap((k) => (k.hotkey === null ? [] : [k.hotkey]))))
    problems.push(`hotkey "${d}" is used by more than one kind`);
  // A relation's `to` uses "entity" for the registry: a kind of that name could not be told apart.
  if (kinds.includes('entity')) problems.push('kind "entity" is reserved for registry entities; name it otherwise');
  for (const d of duplicates(tagset.relations.map((r) => r.type))) problems.push(`relation "${d}" is defined twice`);
  for (const kind of tagset.kinds) {
    for (const d of duplicates(kind.attributes.map((a) => a.name)))
      problems.push(`${kind.kind}: attribute "${d}" is defined twice`);
    for (const a of kind.attributes) {
      const p = defaultProblem(a);
      if (p) problems.push(`${kind.kind}.${a.name}: ${p}`);
    }
  }
  for (const a of tagset.documentLabels) {
    const p = defaultProblem(a);
    if (p) problems.push(`document label ${a.name}: ${p}`);
  }
  for (const relation of tagset.relations) {
    for (const k of relation.from)
      if (!kinds.includes(k)) problems.push(`relation "${relation.type}" starts from unknown kind "${k}"`);
    for (const k of relation.to)
      if (k !== 'entity' && !kinds.includes(k))
        problems.push(`relation "${relation.type}" points to unknown kind "${k}"`);
  }
  if (problems.length > 0) throw new FactmarkError('invalid-argument', `Invalid tagset: ${problems.join('; ')}`);
  return tagset;
}
