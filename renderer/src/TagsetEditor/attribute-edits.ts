import type { AttributeDefinition, AttributeValue, OptionDisplay } from '../../../annotations/tagset';
import { optionLabel, TagsetNameSchema } from '../../../annotations/tagset';

/** An attribute that takes options: single or multiple choice. */
export type ChoiceDefinition = Extract<AttributeDefinition, { type: 'choice' | 'multi-choice' }>;

export const isChoice = (def: AttributeDefinition): def is ChoiceDefinition =>
  def.type === 'choice' || def.type === 'multi-choice';

export const ATTRIBUTE_TYPES: readonly AttributeDefinition['type'][] = [
  'choice',
  'multi-choice',
  'boolean',
  'number',
  'text',
];

/** `display` without empty entries; absent when nothing is left, so a tagset without display stays without. */
function tidy(def: ChoiceDefinition, display: OptionDisplay): ChoiceDefinition {
  const kept = Object.fromEntries(
    Object.entries(display).filter(([, d]) => d.label !== undefined || d.color !== undefined),
  );
  const next = { ...def };
  if (Object.keys(kept).length > 0) next.optionDisplay = kept;
  else delete next.optionDisplay;
  return next;
}

/** How option `value` is shown, changed by `patch` (an undefined field is cleared). */
function restyle(def: ChoiceDefinition, value: string, patch: { label?: string; color?: string }): ChoiceDefinition {
  const current = def.optionDisplay?.[value] ?? {};
  const entry = { ...current, ...patch };
  for (const key of ['label', 'color'] as const) if (key in patch && patch[key] === undefined) delete entry[key];
  return tidy(def, { ...def.optionDisplay, [value]: entry });
}

/** Why `value` cannot be added as an option, in words, or null when it can. */
export function newOptionProblem(def: ChoiceDefinition, value: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  if (def.options.includes(v)) return `${def.label} already has an option "${v}"`;
  const shownAs = def.options.find((o) => optionLabel(def, o) === v);
  if (shownAs !== undefined) return `Option "${shownAs}" is already shown as "${v}"`;
  return null;
}

export function addOption(def: ChoiceDefinition, value: string): ChoiceDefinition {
  return { ...def, options: [...def.options, value.trim()] };
}

/**
 * Renames how an option is shown. The stored value stays, so annotations that
 * hold it keep it; a label equal to the value (or empty) drops the label.
 */
export function renameOption(def: ChoiceDefinition, value: string, label: string): ChoiceDefinition {
  const shown = label.trim() === '' || label.trim() === value ? undefined : label;
  return restyle(def, value, { label: shown });
}

export function recolourOption(def: ChoiceDefinition, value: string, color: string | null): ChoiceDefinition {
  return restyle(def, value, { color: color ?? undefined });
}

export function moveOption(def: ChoiceDefinition, index: number, step: -1 | 1): ChoiceDefinition {
  const to = index + step;
  if (to < 0 || to >= def.options.length) return def;
  const options = [...def.options];
  const [value] = options.splice(index, 1);
  options.splice(to, 0, value!);
  return { ...def, options };
}

/** Drops an option, its display and any default that names it (a default left empty is unset). */
export function removeOption(def: ChoiceDefinition, value: string): ChoiceDefinition {
  const display = { ...def.optionDisplay };
  delete display[value];
  const options = def.options.filter((o) => o !== value);
  if (def.type === 'choice')
    return tidy({ ...def, options, default: def.default === value ? null : def.default }, display);
  const rest = def.default?.filter((d) => d !== value) ?? null;
  return tidy({ ...def, options, default: rest === null || rest.length === 0 ? null : rest }, display);
}

/** Sets an attribute's default; null leaves it unset. */
export function setDefault(def: AttributeDefinition, value: AttributeValue): AttributeDefinition {
  return { ...def, default: value } as AttributeDefinition;
}

export interface NewAttributeDraft {
  name: string;
  label: string;
  type: AttributeDefinition['type'];
  /** For choices: the first option (a choice needs one). */
  option: string;
}

/** Why the new attribute cannot be added yet, in words, or null when it can. */
export function newAttributeProblem(draft: NewAttributeDraft, existing: readonly AttributeDefinition[]): string | null {
  if (draft.name !== '') {
    const parsed = TagsetNameSchema.safeParse(draft.name);
    if (!parsed.success) return `Id ${parsed.error.issues[0]?.message ?? 'is not valid'}`;
    if (existing.some((a) => a.name === draft.name)) return `The kind already has an attribute "${draft.name}"`;
  }
  if (draft.label.length > 60) return 'A label has at most 60 characters';
  return null;
}

/** The attribute to add, with its default unset. */
export function newAttribute(draft: NewAttributeDraft): AttributeDefinition {
  const base = { name: draft.name, label: draft.label.trim(), required: false, default: null };
  if (draft.type === 'choice' || draft.type === 'multi-choice')
    return { ...base, type: draft.type, options: [draft.option.trim()] };
  return { ...base, type: draft.type };
}
