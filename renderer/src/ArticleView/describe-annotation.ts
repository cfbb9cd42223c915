import type { Annotation, Entity, EventRecord, Relation } from '../../../annotations/model';
import { GOLD } from '../../../annotations/constants';
import type {
  AttributeDefinition,
  AttributeValue,
  RelationType,
  SpanKindDefinition,
} from '../../../annotations/tagset';
import { optionLabel } from '../../../annotations/tagset-lookup';
import { formatValue, isUnset } from '../DetailsPanel/attribute-values';
import { listChanges } from './list-changes';

/** What a span's description may draw on: the tagset, the open article's links, the registry. */
export interface DescribeContext {
  kinds: readonly SpanKindDefinition[];
  relationTypes: readonly RelationType[];
  /** The open article's annotations of every layer, by id: link targets. */
  byId: ReadonlyMap<string, Annotation>;
  /** The open article's relations, by the annotation they start from. */
  relationsFrom: ReadonlyMap<string, readonly Relation[]>;
  /** Relations pointing at an annotation, by its id. */
  relationsTo: ReadonlyMap<string, readonly Relation[]>;
  entities: ReadonlyMap<string, Entity>;
  events: ReadonlyMap<string, EventRecord>;
  me: string;
}

/** How many attribute values a description names before "and n more". */
const KEY_ATTRIBUTES = 3;

const clip = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const kindLabel = (kinds: readonly SpanKindDefinition[], kind: string) =>
  kinds.find((k) => k.kind === kind)?.label ?? kind;

/** Whose layer, in words: "yours", "gold", or the colleague's name. */
export function layerWords(annotator: string, me: string): string {
  return annotator === me ? 'yours' : annotator === GOLD ? 'gold' : annotator;
}

function relationLabel(types: readonly RelationType[], type: string): string {
  return types.find((t) => t.type === type)?.label ?? type;
}

/** A value as people read it: a choice by its option's label (renamed options keep their stored value). */
function shown(definition: AttributeDefinition, value: AttributeValue | undefined): string {
  if (typeof value === 'string') return optionLabel(definition, value);
  if (Array.isArray(value))
    return value.length === 0 ? formatValue(value) : value.map((v) => optionLabel(definition, v)).join(', ');
  return formatValue(value);
}

/** A link's far end in words: the span's text (and its entity), or the entity's name. */
function targetWords(relation: Relation, ctx: DescribeContext, end: 'to' | 'from'): string {
  if (end === 'to' && relation.to.kind === 'entity')
    return ctx.entities.get(relation.to.id)?.name ?? 'an entity that is gone';
  const id = end === 'to' ? relation.to.id : relation.from;
  const span = ctx.byId.get(id);
  if (!span) return 'a span that is gone';
  const entity = span.entityId ? ctx.entities.get(span.entityId) : undefined;
  return `“${clip(span.quote)}”${entity ? ` (${entity.name})` : ''}`;
}

/**
 * A span described for a tooltip and for screen readers: its kind and layer,
 * its key attribute values (unset ones left out: nobody chose them), its
 * entity or event, and its links both ways, each named by the far end's text.
 */
export function describeAnnotation(annotation: Annotation, ctx: DescribeContext): string[] {
  const kind = ctx.kinds.find((k) => k.kind === annotation.kind);
  const lines = [`${kind?.label ?? annotation.kind} · ${layerWords(annotation.annotator, ctx.me)}`];
  const values = (kind?.attributes ?? [])
    .filter((d) => !isUnset(annotation.attributes[d.name]))
    .map((d) => `${d.label}: ${shown(d, annotation.attributes[d.name])}`);
  if (values.length > 0)
    lines.push(
      values.slice(0, KEY_ATTRIBUTES).join('; ') +
        (values.length > KEY_ATTRIBUTES ? `; and ${values.length - KEY_ATTRIBUTES} more` : ''),
    );
  const entity = annotation.entityId ? ctx.entities.get(annotation.entityId) : undefined;
  if (entity) lines.push(`Refers to ${entity.name}`);
  const event = annotation.eventId ? ctx.events.get(annotation.eventId) : undefined;
  if (event) lines.push(`Reports ${event.title}`);
  for (const r of ctx.relationsFrom.get(annotation.id) ?? [])
    lines.push(`${relationLabel(ctx.relationTypes, r.type)} → ${targetWords(r, ctx, 'to')}`);
  for (const r of ctx.relationsTo.get(annotation.id) ?? [])
    lines.push(`${targetWords(r, ctx, 'from')} ${relationLabel(ctx.relationTypes, r.type)} → this`);
  return lines;
}

/** The lookups a description needs, built once per change of the article's layer. */
export function describeContext(
  input: Omit<DescribeContext, 'byId' | 'relationsFrom' | 'relationsTo' | 'entities' | 'events'> & {
    annotations: readonly Annotation[];
    relations: readonly Relation[];
    entities: readonly Entity[];
    events: readonly EventRecord[];
  },
): DescribeContext {
  const relationsFrom = new Map<string, Relation[]>();
  const relationsTo = new Map<string, Relation[]>();
  const add = (map: Map<string, Relation[]>, key: string, r: Relation) => {
    const list = map.get(key);
    if (list) list.push(r);
    else map.set(key, [r]);
  };
  for (const r of input.relations) {
    add(relationsFrom, r.from, r);
    if (r.to.kind === 'annotation') add(relationsTo, r.to.id, r);
  }
  return {
    kinds: input.kinds,
    relationTypes: input.relationTypes,
    me: input.me,
    byId: new Map(input.annotations.map((a) => [a.id, a])),
    relationsFrom,
    relationsTo,
    entities: new Map(input.entities.map((e) => [e.id, e])),
    events: new Map(input.events.map((e) => [e.id, e])),
  };
}

type DescribeInput = Parameters<typeof describeContext>[0];

/**
 * Contexts for the successive states of one open article, each made from the
 * last: a lookup whose records did not change is kept, and the annotations by
 * id follow only the annotations that changed (an edit costs what it changed,
 * not the layer's size). Earlier contexts share that map and see it updated.
 */
export function createDescribeContexts(): (input: DescribeInput) => DescribeContext {
  let last: { input: DescribeInput; context: DescribeContext } | null = null;
  let byId = new Map<string, Annotation>();
  return (input) => {
    if (!last) {
      const context = describeContext(input);
      byId = context.byId as Map<string, Annotation>;
      last = { input, context };
      return context;
    }
    const { input: was, context: had } = last;
    if (was.annotations !== input.annotations) {
      const { gone, come } = listChanges(was.annotations, input.annotations);
      for (const a of gone) if (byId.get(a.id) === a) byId.delete(a.id);
      for (const a of come) byId.set(a.id, a);
    }
    const links =
      was.relations === input.relations
        ? had
        : describeContext({ ...input, annotations: [], entities: [], events: [] });
    const context: DescribeContext = {
      kinds: input.kinds,
      relationTypes: input.relationTypes,
      me: input.me,
      byId,
      relationsFrom: links.relationsFrom,
      relationsTo: links.relationsTo,
      entities: was.entities === input.entities ? had.entities : new Map(input.entities.map((e) => [e.id, e])),
      events: was.events === input.events ? had.events : new Map(input.events.map((e) => [e.id, e])),
    };
    last = { input, context };
    return context;
  };
}
