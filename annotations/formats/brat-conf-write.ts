import type { AttributeDefinition, Tagset } from '../tagset';

/**
 * How an export writes attributes and links, so its annotation.conf declares
 * what its .ann files hold: booleans some annotation sets to no (written with
 * values `true`/`false`, as brat's binary attributes cannot say no), the
 * tokens written for numbers and texts, and the types written as R lines.
 */
export interface BratAttributeStyle {
  valuedBooleans: ReadonlySet<string>;
  tokens: Map<string, Set<string>>;
  relationLines: Set<string>;
}

/** Attribute values are single tokens in brat: white space, "|" and "," become "_" (and back on import). */
export const bratValue = (value: string) => value.replace(/[\s|,]+/g, '_');

/** The values an attribute's line declares; null for a binary one; [] when nothing could be written. */
function valuesOf(name: string, defs: readonly AttributeDefinition[], style: BratAttributeStyle): string[] | null {
  if (defs.every((d) => d.type === 'boolean') && !style.valuedBooleans.has(name)) return null;
  const values = defs.flatMap((d) =>
    d.type === 'boolean'
      ? ['true', 'false']
      : d.type === 'choice' || d.type === 'multi-choice'
        ? d.options.map(bratValue)
        : [...(style.tokens.get(name) ?? [])],
  );
  return [...new Set(values)];
}

/**
 * annotation.conf for a tagset, so brat shows and checks the export: kinds
 * in [entities] and [events] (each event's roles as `role*`, so numbered
 * repeats validate), relations with their argument kinds (equivalences as
 * `<REL-TYPE>:symmetric-transitive`), attributes by name with the kinds
 * they attach to and their values.
 * @see https://brat.nlplab.org/configuration.html
 */
export function serializeBratConf(tagset: Tagset, style?: BratAttributeStyle): string {
  const used = style ?? { valuedBooleans: new Set(), tokens: new Map(), relationLines: new Set() };
  const eventKinds = new Set(tagset.kinds.filter((k) => k.linksEvent).map((k) => k.kind));
  const isRole = (r: Tagset['relations'][number]) => !r.equivalence && r.from.some((k) => eventKinds.has(k));
  const kinds = (list: readonly string[]) => list.filter((k) => k !== 'entity').join('|');
  const lines = ['[entities]', ...tagset.kinds.filter((k) => !k.linksEvent).map((k) => k.kind), '', '[relations]'];
  for (const r of tagset.relations) {
    // A role from a kind that is no event, or a role link with a note, is written as an R line.
    const rLines = !isRole(r) || r.from.some((k) => !eventKinds.has(k)) || used.relationLines.has(r.type);
    if (!rLines || kinds(r.to) === '') continue;
    const equivalence = r.equivalence ? ', <REL-TYPE>:symmetric-transitive' : '';
    lines.push(`${r.type}\tArg1:${kinds(r.from)}, Arg2:${kinds(r.to)}${equivalence}`);
  }
  lines.push('<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>', '', '[events]');
  for (const k of tagset.kinds.filter((x) => eventKinds.has(x.kind))) {
    const roles = tagset.relations
      .filter((r) => isRole(r) && r.from.includes(k.kind) && kinds(r.to) !== '')
      .map((r) => `${r.type}*:${kinds(r.to)}`);
    lines.push(`${k.kind}${roles.length > 0 ? `\t${roles.join(', ')}` : ''}`);
  }
  lines.push('', '[attributes]');
  const names = [...new Set(tagset.kinds.flatMap((k) => k.attributes.map((a) => a.name)))];
  for (const name of names) {
    const owners = tagset.kinds.filter((k) => k.attributes.some((a) => a.name === name));
    const values = valuesOf(
      name,
      owners.map((k) => k.attributes.find((a) => a.name === name)!),
      used,
    );
    if (values?.length === 0) continue;
    lines.push(`${name}\tArg:${owners.map((k) => k.kind).join('|')}${values ? `, Value:${values.join('|')}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * visual.conf for the tagset: each kind's and relation's display label
 * (`[labels]`) and each kind's colour (`[drawing]`), so brat shows the export
 * as Factmark does and an import into another project keeps them.
 * @see https://brat.nlplab.org/configuration.html#visual-configuration
 */
export function serializeBratVisual(tagset: Tagset): string {
  const oneLine = (label: string) => label.replace(/\s*[|\t\r\n]+\s*/g, ' ').trim();
  const lines = ['[labels]'];
  for (const k of tagset.kinds) lines.push(`${k.kind} | ${oneLine(k.label)}`);
  // One name, one label: a relation named like a kind (`place`) keeps the kind's.
  for (const r of tagset.relations)
    if (!tagset.kinds.some((k) => k.kind === r.type)) lines.push(`${r.type} | ${oneLine(r.label)}`);
  lines.push('', '[drawing]');
  for (const k of tagset.kinds) lines.push(`${k.kind}\tbgColor:${k.color}`);
  return `${lines.join('\n')}\n`;
}
