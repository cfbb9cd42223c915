import type { Handlers, LeftOut } from '../contract';
import type { Change } from '../changes';
import { FactmarkError } from '../errors';
import type { DocumentLabels } from '../model';
import type { AttributeDefinition, AttributeValue, RelationType, Tagset } from '../tagset';
import { findKind, validateTagset } from '../tagset';
import type { ServiceContext } from './context';
import { eachLayer, editMatchingAnnotations, mutation, project, refuseUnchecked } from './context';

type TagsetHandlers = Pick<Handlers, 'tagset/update' | 'guidelines/get' | 'guidelines/update'>;

interface Usage {
  kinds: Map<string, number>;
  relations: Map<string, number>;
  /** `kind.attribute=value` → count, for choice values in use; article labels under `${ARTICLE}.label=value`. */
  values: Map<string, number>;
  /** `kind.attribute` → count of annotations holding a value for it; article labels under `${ARTICLE}.label`. */
  attributes: Map<string, number>;
  /** The same keys → count of those values that are empty: null, "" or []. */
  empty: Map<string, number>;
  /** kind (or `ARTICLE`) → count of its annotations (or article labellings), whichever attributes they hold. */
  records: Map<string, number>;
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

const isEmpty = (value: AttributeValue) =>
  value === null || value === '' || (Array.isArray(value) && value.length === 0);

function bumpValues(usage: Usage, owner: string, values: Record<string, AttributeValue>): void {
  bump(usage.records, owner);
  for (const [name, value] of Object.entries(values)) {
    bump(usage.attributes, `${owner}.${name}`);
    if (isEmpty(value)) bump(usage.empty, `${owner}.${name}`);
    for (const v of Array.isArray(value) ? value : [value])
      if (typeof v === 'string') bump(usage.values, `${owner}.${name}=${v}`);
  }
}

function usageOf(count: () => Map<string, number>): Usage {
  return {
    kinds: count(),
    relations: count(),
    values: count(),
    attributes: count(),
    empty: count(),
    records: count(),
    entityLinks: count(),
    eventLinks: count(),
    relationFrom: count(),
    relationTo: count(),
  };
}

/** One of everything: what a layer that cannot be read might hold, for all anyone knows. */
class AnyCount extends Map<string, number> {
  override get(): number {
    return 1;
  }
}

/** What the readable layers use; those that cannot be read go to `leftOut`. */
async function corpusUsage(ctx: ServiceContext, leftOut: LeftOut[]): Promise<Usage> {
  const usage = usageOf(() => new Map());
  for await (const { layer } of eachLayer(ctx.repo, leftOut)) {
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
/** "a", "a and b", "a, b and c". */
const andList = (words: readonly string[]) =>
  words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`;

/** Records a tagset change can break. */
type Records = 'annotations' | 'links' | 'article labels';

/** One reason to refuse a tagset change: it leaves records of some sort without a definition, or invalid. */
interface Refusal {
  reason: string;
  effect: 'orphan' | 'invalidate';
  records: Records;
}

/** A definition dropped while values for it are held: an attribute of `owner` (a kind, or `ARTICLE`). */
interface Dropped {
  owner: string;
  name: string;
  count: number;
}

function refusalMessage(refused: readonly Refusal[]): string {
  const effects = (['orphan', 'invalidate'] as const).filter((e) => refused.some((r) => r.effect === e));
  const records = andList(
    (['annotations', 'links', 'article labels'] as const).filter((k) => refused.some((r) => r.records === k)),
  );
  return `The tagset change would ${effects.join(' or ')} existing ${records}: ${refused.map((r) => r.reason).join('; ')}. Change or delete those ${records} first.`;
}

/**
 * How many records of `owner` would hold no value for `def`: those holding an
 * empty one, and those lacking the key (made before the attribute existed)
 * unless `def` has a non-empty default, which `resolveValues` fills in.
 */
function emptyValues(def: AttributeDefinition, usage: Usage, owner: string): number {
  const key = `${owner}.${def.name}`;
  const empty = usage.empty.get(key) ?? 0;
  if (!isEmpty(def.default)) return empty;
  return empty + (usage.records.get(owner) ?? 0) - (usage.attributes.get(key) ?? 0);
}

/**
 * Why changing `attr` to `next` would leave values in use invalid: options
 * in use that are gone, a change of type (single to multiple choice too)
 * while values are set, or becoming required while values are empty.
 * `owner` keys the usage; `label` and `unit` word it.
 */
function attributeConflicts(
  attr: AttributeDefinition,
  next: AttributeDefinition,
  usage: Usage,
  { owner, label, unit }: { owner: string; label: string; unit: string },
): string[] {
  const key = `${owner}.${attr.name}`;
  const count = usage.attributes.get(key) ?? 0;
  if (attr.type !== next.type)
    return count > 0
      ? [`${label} ${attr.label} changes type from ${attr.type} to ${next.type} with ${plural(count, 'value')} set`]
      : [];
  const refused: string[] = [];
  // Empty values kept under a definition that was already required do not block other edits.
  const empty = emptyValues(next, usage, owner);
  if (next.required && !attr.required && empty > 0)
    refused.push(
      `${label} ${attr.label} becomes required, but ${plural(empty, unit)} ${empty === 1 ? 'has' : 'have'} no value for it`,
    );
  if (!('options' in attr) || !('options' in next)) return refused;
  for (const option of attr.options) {
    const n = usage.values.get(`${key}=${option}`) ?? 0;
    if (n > 0 && !next.options.includes(option))
      refused.push(`option "${option}" of ${label} ${attr.label} is used by ${plural(n, unit)}`);
  }
  return refused;
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
 * relation ends, choice options, attribute types, empty values of attributes
 * made required, or entity and event links still in use. Those are refused;
 * an attribute dropped from a kind, or an article label dropped, is migrated
 * (its values are removed) and reported.
 */
function orphans(before: Tagset, after: Tagset, usage: Usage): { refused: Refusal[]; dropped: Dropped[] } {
  const refused: Refusal[] = [];
  const dropped: Dropped[] = [];
  const refuse = (effect: Refusal['effect'], records: Records, reasons: string[]) =>
    refused.push(...reasons.map((reason) => ({ reason, effect, records })));
  const attributes = (
    owner: string,
    definitions: readonly AttributeDefinition[],
    nextDefinitions: readonly AttributeDefinition[],
    words: { label: string; unit: string; records: Records },
  ) => {
    for (const attr of definitions) {
      const next = nextDefinitions.find((a) => a.name === attr.name);
      const count = usage.attributes.get(`${owner}.${attr.name}`) ?? 0;
      if (!next) {
        if (count > 0) dropped.push({ owner, name: attr.name, count });
        continue;
      }
      refuse('invalidate', words.records, attributeConflicts(attr, next, usage, { owner, ...words }));
    }
    for (const next of nextDefinitions) {
      if (!next.required || definitions.some((a) => a.name === next.name)) continue;
      const empty = emptyValues(next, usage, owner);
      if (empty > 0)
        refuse('invalidate', words.records, [
          `${words.label} ${next.label} is added as required, but ${plural(empty, words.unit)} ${empty === 1 ? 'has' : 'have'} no value for it`,
        ]);
    }
  };
  for (const kind of before.kinds) {
    const next = after.kinds.find((k) => k.kind === kind.kind);
    const used = usage.kinds.get(kind.kind) ?? 0;
    if (!next) {
      if (used > 0) refuse('orphan', 'annotations', [`kind "${kind.label}" is used by ${plural(used, 'annotation')}`]);
      continue;
    }
    const entityLinks = usage.entityLinks.get(kind.kind) ?? 0;
    if (kind.linksEntity && !next.linksEntity && entityLinks > 0)
      refuse('invalidate', 'annotations', [
        `kind "${kind.label}" no longer links to entities, but ${stillDo(entityLinks, 'annotation')}`,
      ]);
    const eventLinks = usage.eventLinks.get(kind.kind) ?? 0;
    if (kind.linksEvent && !next.linksEvent && eventLinks > 0)
      refuse('invalidate', 'annotations', [
        `kind "${kind.label}" no longer links to event records, but ${stillDo(eventLinks, 'annotation')}`,
      ]);
    attributes(kind.kind, kind.attributes, next.attributes, {
      label: kind.label,
      unit: 'annotation',
      records: 'annotations',
    });
  }
  attributes(ARTICLE, before.documentLabels, after.documentLabels, {
    label: 'article label',
    unit: 'article labelling',
    records: 'article labels',
  });
  const kindLabel = (k: string) => (k === 'entity' ? 'entities' : (findKind(before, k)?.label ?? k));
  for (const relation of before.relations) {
    const used = usage.relations.get(relation.type) ?? 0;
    const next = after.relations.find((r) => r.type === relation.type);
    if (!next) {
      if (used > 0) refuse('orphan', 'links', [`relation "${relation.label}" is used by ${plural(used, 'link')}`]);
      continue;
    }
    refuse('invalidate', 'links', relationConflicts(relation, next, usage, kindLabel));
  }
  return { refused, dropped };
}

/** Removes article label `name` from every article labelling that holds it; returns the changes. */
async function dropArticleLabel(ctx: ServiceContext, name: string): Promise<Change[]> {
  const changes: Change[] = [];
  const holds = (d: DocumentLabels) => Object.hasOwn(d.labels, name);
  for (const summary of ctx.repo.listArticles()) {
    if (!(await ctx.repo.readLayer(summary.id)).documentLabels.some(holds)) continue;
    await ctx.repo.updateLayer(summary.id, (layer) => ({
      ...layer,
      documentLabels: layer.documentLabels.map((d) => {
        if (!holds(d)) return d;
        const labels = { ...d.labels };
        delete labels[name];
        const after = { ...d, labels, updatedAt: ctx.now() };
        changes.push({ type: 'documentLabels', articleId: summary.id, before: d, after });
        return after;
      }),
    }));
  }
  return changes;
}

export function tagsetHandlers(ctx: ServiceContext): TagsetHandlers {
  return {
    'tagset/update': async ({ tagset: raw }) => {
      const after = validateTagset(raw);
      const before = project(ctx).tagset;
      const leftOut: LeftOut[] = [];
      const { refused, dropped } = orphans(before, after, await corpusUsage(ctx, leftOut));
      if (refused.length > 0) throw new FactmarkError('conflict', refusalMessage(refused));
      if (leftOut.length > 0) {
        // Approved only if it could orphan, invalidate or migrate nothing, whatever the damaged layers hold.
        const unknown = orphans(
          before,
          after,
          usageOf(() => new AnyCount()),
        );
        if (unknown.refused.length + unknown.dropped.length > 0)
          refuseUnchecked(leftOut, 'The tagset change could orphan or invalidate records in a damaged file');
      }
      const changes: Change[] = [];
      const migrated: string[] = [];
      for (const { owner, name, count } of dropped) {
        if (owner === ARTICLE) {
          changes.push(...(await dropArticleLabel(ctx, name)));
          migrated.push(`removed article label "${name}" from ${plural(count, 'article labelling')}`);
          continue;
        }
        changes.push(
          ...(await editMatchingAnnotations(
            ctx,
            (a) => a.kind === owner && Object.hasOwn(a.attributes, name),
            (a) => {
              const attributes = { ...a.attributes };
              delete attributes[name];
              return { ...a, attributes, updatedAt: ctx.now() };
            },
          )),
        );
        migrated.push(`removed attribute "${name}" from ${plural(count, owner)}`);
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
