import type { ParsedDocument, ParsedRelation, ParsedSpan, RawValue } from '../formats/interchange-parse';
import type { LabelStudioConfig, LabelStudioControl } from '../formats/label-studio-config';
import type { AttributeDefinition, Tagset } from '../tagset';
import { findKind } from '../tagset';
import type { FileReport } from './article-import';
import type { ImportOptions } from './import-transaction';
import { Refused } from './import-transaction';
import { definitionFor } from './interchange-values';
import type { KindAddition, LabelUse, RelationAddition } from './label-mapping';
import { growTagset, labelFor, tagsetNameFor } from './label-mapping';

/** A span of the file as the tagset will hold it: its foreign label, its kind, its raw values. */
export interface SpanUse {
  label: string;
  kind: string;
  attributes: Record<string, RawValue>;
}

/** A link of the file: its type, and the kinds it joins (`entity` for a registry entity). */
export interface LinkUse {
  type: string;
  from: string;
  to: string;
}

export interface Additions {
  kinds: KindAddition[];
  relations: RelationAddition[];
  /** What is new, for the report: kinds and relations by name, attributes as `kind.name`. */
  added: string[];
}

/** A Label Studio control's definition: its choices (single or multiple) or a number. */
function fromControl(name: string, control: LabelStudioControl, seen: readonly RawValue[]): AttributeDefinition | null {
  const base = { name: tagsetNameFor(name), label: labelFor(name), required: false } as const;
  if (control.type === 'number') return { ...base, type: 'number', default: null };
  if (control.type !== 'choices') return null;
  const options = [...new Set([...control.options, ...seen.flat().map(String)])].filter((o) => o.trim() !== '');
  if (options.length === 0) return null;
  return control.multiple
    ? { ...base, type: 'multi-choice', options, default: null }
    : { ...base, type: 'choice', options, default: null };
}

/** A definition from the values a file gives: numbers → number, else a choice (or multi-choice) of the values seen. */
function inferred(name: string, seen: readonly RawValue[]): AttributeDefinition | null {
  const base = { name: tagsetNameFor(name), label: labelFor(name), required: false } as const;
  const given = seen.filter((v) => v !== null);
  if (given.length > 0 && given.every((v) => typeof v === 'number')) return { ...base, type: 'number', default: null };
  if (given.length > 0 && given.every((v) => typeof v === 'boolean'))
    return { ...base, type: 'boolean', default: null };
  const options = [...new Set(given.flat().map(String))].filter((o) => o.trim() !== '');
  if (options.length === 0) return null;
  const multiple = given.some((v) => Array.isArray(v) && v.length > 1);
  return multiple
    ? { ...base, type: 'multi-choice', options, default: null }
    : { ...base, type: 'choice', options, default: null };
}

const controlFor = (config: LabelStudioConfig | null, label: string, name: string) =>
  config?.controls.get(`${label}.${name}`) ?? config?.controls.get(name);

/**
 * What the tagset needs to hold the file when it may grow: the kinds and
 * relations the resolver found new (a kind with its Label Studio colour and
 * the config's per-region controls as attributes), and, on any kind, the
 * attributes the file gives that the kind lacks (defined by the config's
 * control when there is one, else from the values seen).
 */
export function tagsetAdditions(
  tagset: Tagset,
  uses: readonly LabelUse[],
  spans: readonly SpanUse[],
  links: readonly LinkUse[],
  config: LabelStudioConfig | null,
): Additions {
  const kinds = new Map<string, KindAddition & { attributes: AttributeDefinition[] }>();
  const added: string[] = [];
  for (const use of uses) {
    if (use.fate !== 'new' || use.role !== 'span' || use.becomes === null || kinds.has(use.becomes)) continue;
    const color = config?.labels.find((l) => l.value === use.label)?.color;
    const attributes: AttributeDefinition[] = [];
    for (const control of config?.controls.values() ?? []) {
      if (control.forLabels.length > 0 && !control.forLabels.includes(use.label)) continue;
      const name = control.name.startsWith(`${use.label}.`) ? control.name.slice(use.label.length + 1) : control.name;
      const def = fromControl(name, control, []);
      if (def && !attributes.some((a) => a.name === def.name)) attributes.push(def);
    }
    kinds.set(use.becomes, { kind: use.becomes, ...(color ? { color } : {}), attributes });
    added.push(use.becomes);
  }
  const seen = new Map<string, { span: SpanUse; name: string; values: RawValue[] }>();
  for (const span of spans)
    for (const [name, value] of Object.entries(span.attributes)) {
      const key = `${span.kind}\u0000${name}`;
      const entry = seen.get(key) ?? { span, name, values: [] };
      entry.values.push(value);
      seen.set(key, entry);
    }
  /** Attributes added to kinds the tagset has. */
  const extra = new Map<string, AttributeDefinition[]>();
  for (const { span, name, values } of seen.values()) {
    const kind = kinds.get(span.kind);
    const more = extra.get(span.kind) ?? [];
    const defs = kind ? kind.attributes : [...(findKind(tagset, span.kind)?.attributes ?? []), ...more];
    if (definitionFor(defs, name)) continue;
    const control = controlFor(config, span.label, name);
    const def = control ? fromControl(name, control, values) : inferred(name, values);
    if (!def) continue;
    if (kind) kind.attributes.push(def);
    else {
      extra.set(span.kind, [...more, def]);
      added.push(`${span.kind}.${def.name}`);
    }
  }
  const relations: RelationAddition[] = [];
  for (const use of uses) {
    if (use.fate !== 'new' || use.role !== 'relation' || use.becomes === null) continue;
    const mine = links.filter((l) => l.type === use.becomes);
    if (mine.length === 0 || relations.some((r) => r.type === use.becomes)) continue;
    relations.push({
      type: use.becomes,
      from: [...new Set(mine.map((l) => l.from))],
      to: [...new Set(mine.map((l) => l.to))],
    });
    added.push(use.becomes);
  }
  const grown = [...extra].map(([kind, attributes]) => ({ kind, attributes }));
  return { kinds: [...kinds.values(), ...grown], relations, added };
}

/** The tagset the file needs: as it is, or grown by what the file uses when the user lets it grow. */
export function grownTagset(
  tagset: Tagset,
  documents: readonly ParsedDocument[],
  kindOf: ReadonlyMap<ParsedSpan, string | null | undefined>,
  typeOf: ReadonlyMap<ParsedRelation, string | null | undefined>,
  config: LabelStudioConfig | null,
  options: ImportOptions,
  report: FileReport,
): Tagset {
  if (!options.labels.extendTagset) return tagset;
  const spans: SpanUse[] = [];
  const links: LinkUse[] = [];
  for (const doc of documents) {
    for (const span of doc.spans) {
      const kind = kindOf.get(span);
      if (kind) spans.push({ label: span.label, kind, attributes: span.attributes });
    }
    for (const r of doc.relations) {
      const type = typeOf.get(r);
      const from = kindOf.get(doc.spans.find((s) => s.localId === r.from)!);
      const to =
        'span' in r.to ? kindOf.get(doc.spans.find((s) => s.localId === (r.to as { span: string }).span)!) : 'entity';
      if (type && from && to) links.push({ type, from, to });
    }
  }
  const additions = tagsetAdditions(tagset, report.labels ?? [], spans, links, config);
  if (additions.added.length === 0) return tagset;
  try {
    const next = growTagset(tagset, additions);
    report.tagsetAdded = additions.added;
    return next;
  } catch (error) {
    throw new Refused([`the tagset cannot take the file's labels: ${(error as Error).message}`]);
  }
}
