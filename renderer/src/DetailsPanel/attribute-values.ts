import type { AttributeDefinition, AttributeValue } from '../../../annotations/tagset';

/** How an unset value is shown everywhere: neither yes nor no, neither chosen nor empty text. */
export const UNSET_MARK = '—';

/** Unset: nobody chose a value (absent, null, or text left empty). */
export function isUnset(value: AttributeValue | undefined): value is null | undefined | '' {
  return value === undefined || value === null || value === '';
}

/** A value as text for people: "—" when unset, "yes"/"no" for a yes/no value, a list joined by commas. */
export function formatValue(value: AttributeValue | undefined): string {
  if (isUnset(value)) return UNSET_MARK;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(', ');
  return String(value);
}

/**
 * Whether a single-choice control offers "—": always for an attribute that
 * may be unset; for a required one only while nobody has chosen yet, so the
 * control shows the truth but cannot clear a required value.
 */
export function offersUnset(definition: AttributeDefinition, value: AttributeValue | undefined): boolean {
  return !definition.required || isUnset(value);
}

/** The three states of a yes/no attribute as a select's option values: "" (unset), "yes", "no". */
export function booleanOption(value: AttributeValue | undefined): '' | 'yes' | 'no' {
  return value === true ? 'yes' : value === false ? 'no' : '';
}

export function fromBooleanOption(option: string): boolean | null {
  return option === 'yes' ? true : option === 'no' ? false : null;
}

/** A number field's text as a value: empty is unset; text that is no number is refused (undefined). */
export function parseNumber(text: string): number | null | undefined {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}
