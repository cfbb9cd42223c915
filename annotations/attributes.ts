import { FactmarkError } from './errors';
import type { AttributeDefinition, AttributeValue, SpanKindDefinition, Tagset } from './tagset';
import { findKind } from './tagset-lookup';

export type Attributes = Record<string, AttributeValue>;

const show = (value: unknown) => JSON.stringify(value);

function isEmpty(value: AttributeValue): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Why `value` does not fit `def`, or null when it does. */
export function attributeProblem(def: AttributeDefinition, value: AttributeValue): string | null {
  if (def.required && isEmpty(value)) return 'is required';
  switch (def.type) {
    case 'choice':
      if (value === null) return null;
      return typeof value === 'string' && def.options.includes(value)
        ? null
        : `must be one of ${def.options.map((o) => `"${o}"`).join(', ')}; got ${show(value)}`;
    case 'multi-choice':
      if (value === null) return null;
      if (!Array.isArray(value)) return `must be a list of options; got ${show(value)}`;
      for (const v of value)
        if (!def.options.includes(v))
          return `has "${v}", which is not one of ${def.options.map((o) => `"${o}"`).join(', ')}`;
      return new Set(value).size === value.length ? null : 'lists an option twice';
    case 'boolean':
      return value === null || typeof value === 'boolean' ? null : `must be true or false; got ${show(value)}`;
    case 'number':
      return value === null || (typeof value === 'number' && Number.isFinite(value))
        ? null
        : `must be a number; got ${show(value)}`;
    case 'text':
      return value === null || typeof value === 'string' ? null : `must be text; got ${show(value)}`;
  }
}

export function requireKind(tagset: Tagset, kind: string): SpanKindDefinition {
  const def = findKind(tagset, kind);
  if (!def) {
    const known = tagset.kinds.map((k) => `"${k.kind}"`).join(', ');
    throw new FactmarkError('invalid-argument', `Unknown annotation kind "${kind}"; the tagset has ${known}`);
  }
  return def;
}

/**
 * Merges `patch` over `base` (or over the defaults) and checks every value
 * against the definitions. Unknown names are refused, not dropped. A base
 * value that is missing, or null where null is not allowed, takes the default.
 */
export function resolveValues(
  definitions: readonly AttributeDefinition[],
  patch: Attributes,
  base: Attributes | undefined,
  owner: string,
): Attributes {
  const result: Attributes = {};
  for (const def of definitions) {
    // A saved null stays null where the definition allows it (a choice or number not required).
    // Own keys only: a name like "constructor" must not pick up what Object.prototype holds.
    const saved = base !== undefined && Object.hasOwn(base, def.name) ? base[def.name] : undefined;
    const keep = saved !== undefined && (saved !== null || attributeProblem(def, null) === null);
    result[def.name] = keep ? saved : def.default;
  }
  for (const [name, value] of Object.entries(patch)) {
    const def = definitions.find((a) => a.name === name);
    if (!def) {
      const known =
        definitions.length > 0 ? `it has ${definitions.map((a) => `"${a.name}"`).join(', ')}` : 'it has none';
      throw new FactmarkError('invalid-argument', `${owner} has no attribute "${name}"; ${known}`);
    }
    const problem = attributeProblem(def, value);
    if (problem) throw new FactmarkError('invalid-argument', `Attribute "${name}" of ${owner} ${problem}`);
    result[name] = value;
  }
  return result;
}

/**
 * Values read from a file: what it gives, checked, and every attribute it
 * does not give **unset** (null), never the tagset's default: a default
 * is a suggestion to someone annotating, not a judgement anyone made.
 */
export function importedValues(
  definitions: readonly AttributeDefinition[],
  given: Attributes,
  owner: string,
): Attributes {
  const unset = Object.fromEntries(definitions.map((d) => [d.name, null]));
  return resolveValues(definitions, { ...unset, ...given }, undefined, owner);
}

/** `resolveValues` for a span kind's attributes. */
export function resolveAttributes(tagset: Tagset, kind: string, patch: Attributes, base?: Attributes): Attributes {
  return resolveValues(requireKind(tagset, kind).attributes, patch, base, `a ${kind}`);
}
