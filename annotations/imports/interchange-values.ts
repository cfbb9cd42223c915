import type { Attributes } from '../attributes';
import { importedValues } from '../attributes';
import { FactmarkError } from '../errors';
import type { RawValue } from '../formats/interchange-parse';
import type { AttributeDefinition, AttributeValue } from '../tagset';
import { tagsetNameFor } from './label-mapping';

const show = (v: RawValue) => JSON.stringify(v);
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * A value from a file read by the attribute's type, never guessed from its
 * spelling: a choice keeps the string as written ("true" stays "true"); a
 * yes/no attribute takes true/false, or the strings "true", "false", "yes",
 * "no"; a number takes a number or its digits. A list of one value is that
 * value (Label Studio writes choices as lists). Null is unset.
 */
export function readValue(def: AttributeDefinition, raw: RawValue): AttributeValue {
  const bad = (what: string): never => {
    throw new FactmarkError('invalid-argument', `Attribute "${def.name}" ${what}; got ${show(raw)}`);
  };
  if (raw === null) return null;
  if (def.type === 'multi-choice') {
    if (typeof raw === 'string') return [raw];
    return Array.isArray(raw) ? raw : bad('takes a list of options');
  }
  if (Array.isArray(raw)) {
    if (raw.length === 0) return null;
    return raw.length === 1 ? readValue(def, raw[0]!) : bad('takes one value, not a list');
  }
  switch (def.type) {
    case 'choice':
    case 'text':
      return typeof raw === 'string' ? raw : bad(def.type === 'choice' ? 'takes one of its options' : 'takes text');
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const word = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
      if (word === 'true' || word === 'yes') return true;
      if (word === 'false' || word === 'no') return false;
      return bad('is yes or no (true, false, "yes", "no")');
    }
    case 'number': {
      if (typeof raw === 'number') return raw;
      return typeof raw === 'string' && NUMBER.test(raw.trim()) ? Number(raw) : bad('takes a number');
    }
  }
}

/** The definition a file's attribute name means: the tagset's own name, or the name an import gave it. */
export function definitionFor(defs: readonly AttributeDefinition[], name: string): AttributeDefinition | undefined {
  return defs.find((d) => d.name === name) ?? defs.find((d) => d.name === tagsetNameFor(name));
}

/**
 * A span's attribute values from a file: each read by its definition's
 * type, and every attribute the file does not give unset (null). Free texts
 * go to a text attribute of their name, else to the note.
 */
export function valuesFromFile(
  defs: readonly AttributeDefinition[],
  raw: Record<string, RawValue>,
  texts: readonly { name: string; text: string }[],
  owner: string,
): { attributes: Attributes; note: string[] } {
  const given: Attributes = {};
  for (const [name, value] of Object.entries(raw)) {
    const def = definitionFor(defs, name);
    if (!def) {
      const known = defs.length > 0 ? `it has ${defs.map((d) => `"${d.name}"`).join(', ')}` : 'it has none';
      throw new FactmarkError(
        'invalid-argument',
        `${owner} has no attribute "${name}"; ${known} (map the file to the tagset, or extend the tagset)`,
      );
    }
    given[def.name] = readValue(def, value);
  }
  const note: string[] = [];
  for (const { name, text } of texts) {
    const def = definitionFor(defs, name);
    if (def?.type === 'text') given[def.name] = text;
    else note.push(text);
  }
  return { attributes: importedValues(defs, given, owner), note };
}
