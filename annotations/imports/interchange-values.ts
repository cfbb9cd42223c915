import type { Attributes } from '../attributes';
import { importedValues } from '../attributes';
import { FactmarkError } from '../errors';
import type { RawValue } from '../formats/interchange-parse';
import type { AttributeDefinition } from '../tagset';
import { readValue } from '../typed-values';
import { tagsetNameFor } from './label-mapping';

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
