import type { Handlers } from '../contract';
import type { Change } from '../changes';
import { FactmarkError } from '../errors';
import type { AttributeDefinition, AttributeValue, RelationType, Tagset } from '../tagset';
import { findKind, validateTagset } from '../tagset';
import type { ServiceContext } from './context';
import { eachLayer, editMatchingAnnotations, mutation, project } from './context';

type TagsetHandlers = Pick<Handlers, 'tagset/update' | 'guidelines/get' | 'guidelines/update'>;

interface Usage {
  kinds: Map<string, number>;
  relations: Map<string, number>;
  /** `kind.attribute=value` → count, for choice values in use; article labels under `${ARTICLE}.label=value`. */
  values: Map<string, number>;
  /** `kind.attribute` → count of annotations holding a value for it; article labels under `${ARTICLE}.label`. */
  attributes: Map<string, number>;
  /** kind → count of its annotations linked to an entity. */
  entityLinks: Map<string, number>;
  /** kind → count of its annotations linked to an event record. */
  eventLinks: Map<string, number>;
  /** `type>kind` → count of links of that type starting from a span of that kind. */
  relationFrom: Map<string, number>;
  /** `type>kind` → count of links of that type pointing to a span of that kind, or to `entity`. */
  relationTo: Map<string, number>;
}

/** Stands for the article in the usage keys of article labels; no kind can take this name. */
const ARTICLE = '@article';

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

function bumpValues(usage: Usage, owner: string, values: Record<string, AttributeValue>): void {
  for (const [name, value] of Object.entries(values)) {
    bump(usage.attributes, `${owner}.${name}`);
    for (const v of Array.isArray(value) ? value : [value])
      if (typeof v === 'string') bump(usage.values, `${owner}.${name}=${v}`);
  }
}

async function corpusUsage(ctx: ServiceContext): Promise<Usage> {
  const usage: Usage = {
    kinds: new Map(),
    relations: new Map(),
    values: new Map(),
    attributes: new Map(),
    entityLinks: new Map(),
    eventLinks: new Map(),
    relationFrom: new Map(),
    relationTo: new Map(),
  };
  for await (const { layer } of eachLayer(ctx.repo)) {
    const kindOf = new Map(layer.annotations.map((a) => [a.id, a.kind]));
    for (const a of layer.annotations) {
      bump(usage.kinds, a.kind);
      bumpValues(usage, a.kind, a.attributes);
      if (a.entityId !== null) bump(usage.entityLinks, a.kind);
      if (a.eventId !== null) bump(usage.eventLinks, a.kind);
    }
    for (const r of layer.relations) {
      bump(usage.relations, r.type);
      const from = kindOf.get(r.from);
      const to = r.to.kind === 'entity' ? 'entity' : kindOf.get(r.to.id);
      if (from !== undefined) bump(usage.relationFrom, `${r.type}>${from}`);
      if (to !== undefined) bump(usage.relationTo, `${r.type}>${to}`);
    }
    for (const d of layer.documentLabels) bumpValues(usage, ARTICLE, d.labels);
  }
  return usage;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** "1 link does", "2 links do". */
const stillDo = (n: number, word: string) => `${plural(n, word)} ${n === 1 ? 'does' : 'do'}`;

/**
 * Why changing `attr` to `next` would leave values in use invalid: options
 * in use that are gone, or a change of type (single to multiple choice too)
 * while values are set. `owner` keys the usage; `label` and `unit` word it.
 */
function attributeConflicts(
  attr: AttributeDefinition,
  next: AttributeDefinition,
  usage: Usage,
  { owner, label, unit }: { owner: string; label: string; unit: string },
): string[] {
  const count = usage.attributes.get(`${owner}.${attr.name}`) ?? 0;
  if (attr.type !== next.type)
    return count > 0
      ? [`${label} ${attr.label} changes type from ${attr.type} to ${next.type} with ${plural(count, 'value')} set`]
      : [];
  if (!('options' in attr) || !('options' in next)) return [];
  return attr.options.flatMap((option) => {
    const n = usage.values.get(`${owner}.${attr.name}=${option}`) ?? 0;
    return n > 0 && !next.options.includes(option)
      ? [`option "${option}" of ${label} ${attr.label} is used by ${plural(n, unit)}`]
      : [];
  });
}

/** Relation ends in use that a changed relation type would no longer allow. */
function relationConflicts(relation: RelationType, next: RelationType, usage: Usage, kindLabel: (k: string) => string) {
  const refused: string[] = [];
  for (const kind of relation.from.filter((k) => !next.from.includes(k))) {
    const n = usage.relationFrom.get(`${relation.type}>${kind}`) ?? 0;
    if (n > 0)
      refused.push(`relation "${relation.label}" no longer starts from ${kindLabel(kind)}, but ${stillDo(n, 'link')}`);
  }
  for (const kind of relation.to.filter((k) => !next.to.includes(k))) {
    const n = usage.relationTo.get(`${relation.type}>${kind}`) ?? 0;
    if (n > 0)
      refused.push(`relation "${relation.label}" no longer points to ${kindLabel(kind)}, but ${stillDo(n, 'link')}`);
  }
  return refused;
}

/**
 * What a new tagset would orphan or make invalid: kinds, relation types,
 * relation ends, choice options, attribute types or entity and event links
 * still in use. Those are refused; an attribute dropped from a kind is
 * migrated (its values are removed) and reported.
 */
function orphans(
  before: Tagset,
  after: Tagset,
  usage: Usage,
): { refused: string[]; dropped: { kind: string; name: string; count: number }[] } {
  const refused: string[] = [];
  const dropped: { kind: string; name: string; count: number }[] = [];
  for (const kind of before.kinds) {
    const next = after.kinds.find((k) => k.kind === kind.kind);
    const used = usage.kinds.get(kind.kind) ?? 0;
    if (!next) {
      if (used > 0) refused.push(`kind "${kind.label}" is used by ${plural(used, 'annotation')}`);
      continue;
    }
    const entityLinks = usage.entityLinks.get(kind.kind) ?? 0;
    if (kind.linksEntity && !next.linksEntity && entityLinks > 0)
      refused.push(`kind "${kind.label}" no longer links to entities, but ${stillDo(entityLinks, 'annotation')}`);
    const eventLinks = usage.eventLinks.get(kind.kind) ?? 0;
    if (kind.linksEvent && !next.linksEvent && eventLinks > 0)
      refused.push(`kind "${kind.label}" no longer links to event records, but ${stillDo(eventLinks, 'annotation')}`);
    for (const attr of kind.attributes) {
      const nextAttr = next.attributes.find((a) => a.name === attr.name);
      if (!nextAttr) {
        const count = usage.attributes.get(`${kind.kind}.${attr.name}`) ?? 0;
        if (count > 0) dropped.push({ kind: kind.kind, name: attr.name, count });
        continue;
      }
      refused.push(
        ...attributeConflicts(attr, nextAttr, usage, { owner: kind.kind, label: kind.label, unit: 'annotation' }),
      );
    }
  }
  for (const label of before.documentLabels) {
    const next = after.documentLabels.find((l) => l.name === label.name);
    if (next)
      refused.push(
        ...attributeConflicts(label, next, usage, {
          owner: ARTICLE,
          label: 'article label',
          unit: 'article labelling',
        }),
      );
  }
  const kindLabel = (k: string) => (k === 'entity' ? 'entities' : (findKind(before, k)?.label ?? k));
  for (const relation of before.relations) {
    const used = usage.relations.get(relation.type) ?? 0;
    const next = after.relations.find((r) => r.type === relation.type);
    if (!next) {
      if (used > 0) refused.push(`relation "${relation.label}" is used by ${plural(used, 'link')}`);
      continue;
    }
    refused.push(...relationConflicts(relation, next, usage, kindLabel));
  }
  return { refused, dropped };
}

export function tagsetHandlers(ctx: ServiceContext): TagsetHandlers {
  return {
    'tagset/update': async ({ tagset: raw }) => {
      const after = validateTagset(raw);
      const before = project(ctx).tagset;
      const { refused, dropped } = orphans(before, after, await corpusUsage(ctx));
      if (refused.length > 0) {
        throw new FactmarkError(
          'conflict',
          `The tagset change would orphan existing annotations: ${refused.join('; ')}. Change or delete those annotations first.`,
        );
      }
      const changes: Change[] = [];
      const migrated: string[] = [];
      for (const { kind, name, count } of dropped) {
        changes.push(
          ...(await editMatchingAnnotations(
            ctx,
            (a) => a.kind === kind && name in a.attributes,
            (a) => {
              const attributes = { ...a.attributes };
              delete attributes[name];
              return { ...a, attributes, updatedAt: ctx.now() };
            },
          )),
        );
        migrated.push(`removed attribute "${name}" from ${plural(count, kind)}`);
      }
      await ctx.repo.updateProject((p) => ({ ...p, tagset: after }));
      changes.push({ type: 'tagset', before, after });
      return mutation({ tagset: after, migrated }, 'Edit tagset', changes);
    },

    'guidelines/get': async () => ({ markdown: project(ctx).guidelines }),

    'guidelines/update': async ({ markdown }) => {
      const before = project(ctx).guidelines;
      await ctx.repo.updateProject((p) => ({ ...p, guidelines: markdown }));
      return mutation({ markdown }, 'Edit guidelines', [{ type: 'guidelines', before, after: markdown }]);
    },
  };
}
