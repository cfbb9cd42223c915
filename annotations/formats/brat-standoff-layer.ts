import { importedValues } from '../attributes';
import type { Annotation, ArticleLayer, Relation } from '../model';
import { recordIdFrom } from '../imports/import-ids';
import { tagsetNameFor } from '../imports/label-mapping';
import { joinPieces } from '../spans';
import type { AttributeDefinition, AttributeValue, Tagset } from '../tagset';
import { normalize } from './brat-normalization';
import type { BratAttributeLine, BratRecord, BratTextBound } from './brat-standoff-parse';
import { parseBratStandoff, roleBase } from './brat-standoff-parse';
import { bratValue } from './brat-conf-write';
import type { OffsetMap } from './offsets';

import { offsetMap } from './offsets';

/** A foreign label's tagset name: a name, null when the import leaves it out, undefined when unknown. */
export type LabelLookup = (label: string) => string | null | undefined;

/** A normalisation to another database, for the registry entity it names (found or made). */
export interface ExternalReference {
  /** `Wikipedia:534366`; `Q42` for Wikidata. */
  externalId: string;
  name: string;
  kind: string;
}

export interface BratLayerOptions {
  articleId: string;
  annotator: string;
  stamp: string;
  tagset: Tagset;
  spanName: LabelLookup;
  relationName: LabelLookup;
  /** The role an E-line argument stands for (`Org-Arg2` → `Org-Arg`), before its label is looked up. */
  roleOf(role: string): string;
  /** The registry's entities (id → external id), for `Factmark:<id>` and to tell a repeated normalisation. */
  entities: ReadonlyMap<string, string | null>;
  eventIds: ReadonlySet<string>;
  /** The entity another database's entry names, found in the registry or made; undefined when it cannot be. */
  linkEntity(reference: ExternalReference): string | undefined;
}

export interface BratLayerResult {
  layer: ArticleLayer;
  /** Lines in error: with any, the file is refused. */
  errors: string[];
  /** Lines Factmark cannot hold, left out and said so. */
  leftOut: string[];
  /** Annotations and links left out because the label map drops their labels. */
  dropped: { annotations: number; links: number };
}

/** brat's value token back to the tagset's option ("mostly_true" → "mostly true"). */
const optionFor = (options: readonly string[], token: string) =>
  options.find((o) => o === token) ?? options.find((o) => bratValue(o) === token);

/** An A line's value as the definition's type reads it, or why it cannot be. */
function valueOf(
  def: AttributeDefinition,
  a: BratAttributeLine,
  had: AttributeValue | undefined,
): { value: AttributeValue } | { problem: string } {
  const token = a.value;
  if (def.type === 'boolean') {
    if (token === null || token === 'true') return { value: true };
    if (token === 'false') return { value: false };
    return { problem: `"${token}" is not a value of ${a.name} (yes/no: present, "true" or "false")` };
  }
  if (token === null) return { problem: `${a.name} needs a value` };
  if (def.type === 'choice' || def.type === 'multi-choice') {
    const option = optionFor(def.options, token);
    if (option === undefined)
      return { problem: `"${token}" is not a value of ${a.name} (${def.options.map((o) => `"${o}"`).join(', ')})` };
    if (def.type === 'choice') return { value: option };
    const list = Array.isArray(had) ? had : [];
    return { value: list.includes(option) ? list : [...list, option] };
  }
  if (def.type === 'number') {
    const n = Number(token);
    return Number.isFinite(n) ? { value: n } : { problem: `"${token}" is not a number` };
  }
  return { value: token };
}

/** Errors in the order of the file's lines. */
const byLine = (errors: string[]) =>
  errors
    .map((e, i) => ({ e, i, n: Number(/^line (\d+)/.exec(e)?.[1] ?? Infinity) }))
    .sort((a, b) => a.n - b.n || a.i - b.i)
    .map((x) => x.e);

/** A T line's annotation; 'dropped' when the map leaves its label out; null (and an error) when it is wrong. */
function textBound(
  text: string,
  map: OffsetMap,
  t: BratTextBound,
  o: BratLayerOptions,
  id: string,
  errors: string[],
): Annotation | 'dropped' | null {
  const kind = o.spanName(t.type);
  if (kind === null) return 'dropped';
  if (kind === undefined || !o.tagset.kinds.some((k) => k.kind === kind))
    return (void errors.push(`line ${t.line}: unknown type "${t.type}"`), null);
  const offsets = t.pieces.map(([s, e]) => `${s} ${e}`).join(';');
  let pieces: { start: number; end: number }[];
  try {
    pieces = t.pieces.map(([s, e]) => ({ start: map.toUtf16(s), end: map.toUtf16(e) }));
  } catch {
    errors.push(`line ${t.line}: offsets ${offsets} are outside the text (${map.codePointLength} code points)`);
    return null;
  }
  if (pieces.some((p) => p.end <= p.start)) return (void errors.push(`line ${t.line}: empty or reversed span`), null);
  // brat writes a discontinuous span's text as its pieces joined by a space.
  const joined = pieces.map((p) => text.slice(p.start, p.end)).join(' ');
  if (joined !== t.text)
    return (
      void errors.push(
        `line ${t.line}: the text at ${offsets} is ${JSON.stringify(joined)}, not ${JSON.stringify(t.text)}`,
      ),
      null
    );
  const span = joinPieces(text, pieces);
  return {
    id,
    articleId: o.articleId,
    annotator: o.annotator,
    kind,
    start: span.start,
    end: span.end,
    quote: text.slice(span.start, span.end),
    ...(span.fragments ? { fragments: span.fragments } : {}),
    attributes: {},
    note: '',
    entityId: null,
    eventId: null,
    createdAt: o.stamp,
    updatedAt: o.stamp,
  };
}

/**
 * Builds one annotator's layer from a .ann file's records, against its text
 * and the tagset: offsets in code points turned into the store's, each span's
 * pieces joined where brat split it at a line break, events with their
 * roles (arguments may be events, or defined later in the file), relations,
 * equivalences, attributes, normalisations and notes. Ids are the layer's:
 * `<article>.<annotator>.<brat id>`.
 */
export function bratLayer(text: string, records: readonly BratRecord[], o: BratLayerOptions): BratLayerResult {
  const errors: string[] = [];
  const leftOut: string[] = [];
  const dropped = { annotations: 0, links: 0 };
  const idOf = (bratId: string) => recordIdFrom(`${o.articleId}.${o.annotator}.${bratId}`);
  const kindOf = (kind: string) => o.tagset.kinds.find((k) => k.kind === kind);
  const of = <K extends BratRecord['kind']>(kind: K) =>
    records.filter((r): r is Extract<BratRecord, { kind: K }> => r.kind === kind);
  /** Each T's and each E's annotation; null when left out (a dropped label, or an error already said). */
  const spans = new Map<string, Annotation | null>();
  const events = new Map<string, Annotation | null>();
  const lineOf = new Map<Annotation, number>();

  const map = offsetMap(text);
  for (const t of of('T')) {
    const a = textBound(text, map, t, o, idOf(t.id), errors);
    if (a === 'dropped') dropped.annotations++;
    spans.set(t.id, a === 'dropped' ? null : a);
    if (a && a !== 'dropped') lineOf.set(a, t.line);
  }

  // Events first, so arguments naming events defined further down resolve. Each event has a trigger
  // annotation of its own: the first event on a T takes the T's, later ones a copy with the event's id.
  const types = new Map(of('T').map((t) => [t.id, t.type]));
  const taken = new Set<string>();
  for (const e of of('E')) {
    const trigger = spans.get(e.trigger);
    let event: Annotation | null = null;
    if (!types.has(e.trigger))
      errors.push(`line ${e.line}: event trigger "${e.trigger}" is not a T annotation of this file`);
    else if (types.get(e.trigger) !== e.type)
      errors.push(`line ${e.line}: ${e.id} is a ${e.type}, but its trigger ${e.trigger} is a ${types.get(e.trigger)}`);
    else if (trigger && !kindOf(trigger.kind)?.linksEvent)
      errors.push(`line ${e.line}: ${e.id}'s trigger is a ${trigger.kind}, which is not an event kind of the tagset`);
    else if (trigger && !taken.has(e.trigger)) {
      taken.add(e.trigger);
      event = trigger;
    } else if (trigger) {
      event = { ...trigger, id: idOf(e.id), attributes: {} };
      lineOf.set(event, e.line);
    }
    events.set(e.id, event);
  }
  /** A T's or E's annotation; null when left out; undefined (and an error) when the file has none. */
  const annotation = (ref: string, line: number, what: string): Annotation | null | undefined => {
    const found = ref.startsWith('E') ? events.get(ref) : ref.startsWith('T') ? spans.get(ref) : undefined;
    if (found === undefined) errors.push(`line ${line}: ${what} "${ref}" is not a T or E annotation of this file`);
    return found;
  };

  const relations = new Map<string, Relation>();
  const relationById = new Map<string, Relation | null>();
  const link = (line: number, id: string, label: string, name: LabelLookup, ends: [string, string], eq = false) => {
    const from = annotation(ends[0], line, 'argument');
    const to = annotation(ends[1], line, 'argument');
    const type = name(label);
    if (from === undefined || to === undefined) return undefined;
    if (type === null || from === null || to === null) return (void dropped.links++, null);
    const def = type === undefined ? undefined : o.tagset.relations.find((r) => r.type === type);
    const problem = !def
      ? `unknown relation "${label}"`
      : eq && !def.equivalence
        ? `"${label}" is not an equivalence in the tagset (brat's "*" lines are)`
        : !def.from.includes(from.kind) || !def.to.includes(to.kind)
          ? `a ${type} link cannot join a ${from.kind} to a ${to.kind}; the tagset's ${type} joins ${def.from.join('|')} to ${def.to.join('|')}`
          : from.id === to.id
            ? `a ${type} link joins ${ends[0]} to itself`
            : relations.has(idOf(id))
              ? `the same ${label} link twice`
              : null;
    if (problem) return (void errors.push(`line ${line}: ${problem}`), undefined);
    const relation: Relation = {
      id: idOf(id),
      articleId: o.articleId,
      annotator: o.annotator,
      type: type!,
      from: from.id,
      to: { kind: 'annotation', id: to.id },
      createdAt: o.stamp,
    };
    relations.set(relation.id, relation);
    return relation;
  };
  for (const e of of('E'))
    for (const arg of e.args) {
      if (events.get(e.id) === null) dropped.links++;
      else link(e.line, `${e.id}-${arg.role}-${arg.ref}`, o.roleOf(arg.role), o.relationName, [e.id, arg.ref]);
    }
  for (const r of of('R')) {
    const [a, b] = r.args[0].role === 'Arg2' && r.args[1].role === 'Arg1' ? [r.args[1], r.args[0]] : r.args;
    relationById.set(r.id, link(r.line, r.id, r.type, o.relationName, [a.ref, b.ref]) ?? null);
  }
  for (const q of of('*'))
    for (let i = 1; i < q.members.length; i++) {
      const [a, b] = [q.members[i - 1]!, q.members[i]!];
      link(q.line, `${q.type}-${a}-${b}`, q.type, o.relationName, [a, b], true);
    }

  const given = new Map<Annotation, Record<string, AttributeValue>>();
  for (const a of of('A')) {
    if (a.target.startsWith('R')) {
      if (!relationById.has(a.target)) errors.push(`line ${a.line}: attribute of unknown relation "${a.target}"`);
      else
        leftOut.push(
          `line ${a.line}: attribute ${a.name} of relation ${a.target} left out (Factmark links carry no attributes)`,
        );
      continue;
    }
    const target = annotation(a.target, a.line, 'attribute of');
    if (!target) continue;
    const defs = kindOf(target.kind)?.attributes ?? [];
    const def = defs.find((d) => d.name === a.name) ?? defs.find((d) => d.name === tagsetNameFor(a.name));
    if (!def) {
      errors.push(
        `line ${a.line}: a ${target.kind} has no attribute "${a.name}"; add it to the tagset, or import with --extend-tagset`,
      );
      continue;
    }
    const values = given.get(target) ?? {};
    given.set(target, values);
    const read = valueOf(def, a, values[def.name]);
    if ('problem' in read) errors.push(`line ${a.line}: ${read.problem}`);
    else if (def.type !== 'multi-choice' && values[def.name] !== undefined && values[def.name] !== read.value)
      errors.push(`line ${a.line}: a second value of ${a.name} for ${a.target}`);
    else values[def.name] = read.value;
  }

  normalize(of('N'), annotation, o, errors, leftOut);

  const noted = new Set<object>();
  for (const note of of('#')) {
    if (note.target.startsWith('R')) {
      const relation = relationById.get(note.target);
      if (relation === undefined) errors.push(`line ${note.line}: note on unknown relation "${note.target}"`);
      else if (relation) {
        relation.note = noted.has(relation) ? `${relation.note}\n${note.text}` : note.text;
        noted.add(relation);
      }
    } else if (/^[AMN#]/.test(note.target))
      leftOut.push(
        `line ${note.line}: note ${note.id} on ${note.target} left out (Factmark keeps notes on annotations and links)`,
      );
    else {
      const target = annotation(note.target, note.line, 'note on');
      if (target) {
        target.note = noted.has(target) ? `${target.note}\n${note.text}` : note.text;
        noted.add(target);
      }
    }
  }

  const annotations = [...new Set([...spans.values(), ...events.values()])].filter((a): a is Annotation => !!a);
  for (const a of annotations) {
    try {
      a.attributes = importedValues(kindOf(a.kind)?.attributes ?? [], given.get(a) ?? {}, `the ${a.kind}`);
    } catch (error) {
      errors.push(`line ${lineOf.get(a)}: ${(error as Error).message}`);
    }
  }
  return {
    layer: { annotations, relations: [...relations.values()], documentLabels: [] },
    errors: byLine(errors),
    leftOut,
    dropped,
  };
}

/**
 * Reads a .ann against a tagset whose names it uses as they are (no label
 * map, nothing added): the layer, or every problem by line. Normalisations
 * to other databases link the registry entity with that external id.
 */
export function parseBratAnn(
  text: string,
  ann: string,
  o: Omit<BratLayerOptions, 'spanName' | 'relationName' | 'roleOf' | 'linkEntity'>,
): BratLayerResult {
  const { records, errors } = parseBratStandoff(ann);
  const kinds = new Set(o.tagset.kinds.map((k) => k.kind));
  const types = new Set(o.tagset.relations.map((r) => r.type));
  const built = bratLayer(text, records, {
    ...o,
    spanName: (label) => (kinds.has(label) ? label : undefined),
    relationName: (label) => (types.has(label) ? label : undefined),
    roleOf: (role) => roleBase(role, (name) => types.has(name)),
    linkEntity: ({ externalId }) => [...o.entities].find(([, x]) => x === externalId)?.[0],
  });
  return { ...built, errors: byLine([...errors, ...built.errors]) };
}
