import type { Handlers } from '../contract';
import type { Change } from '../changes';
import { FactmarkError } from '../errors';
import type { Tagset } from '../tagset';
import { validateTagset } from '../tagset';
import type { ServiceContext } from './context';
import { eachLayer, editMatchingAnnotations, mutation, project } from './context';

type TagsetHandlers = Pick<Handlers, 'tagset/update' | 'guidelines/get' | 'guidelines/update'>;

interface Usage {
  kinds: Map<string, number>;
  relations: Map<string, number>;
  /** `kind.attribute=value` → count, for choice values in use. */
  values: Map<string, number>;
  /** `kind.attribute` → count of annotations holding a value for it. */
  attributes: Map<string, number>;
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

async function corpusUsage(ctx: ServiceContext): Promise<Usage> {
  const usage: Usage = { kinds: new Map(), relations: new Map(), values: new Map(), attributes: new Map() };
  for await (const { layer } of eachLayer(ctx.repo)) {
    for (const a of layer.annotations) {
      bump(usage.kinds, a.kind);
      for (const [name, value] of Object.entries(a.attributes)) {
        bump(usage.attributes, `${a.kind}.${name}`);
        for (const v of Array.isArray(value) ? value : [value])
          if (typeof v === 'string') bump(usage.values, `${a.kind}.${name}=${v}`);
      }
    }
    for (const r of layer.relations) bump(usage.relations, r.type);
  }
  return usage;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * What a new tagset would orphan: kinds, relation types or choice options
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
    for (const attr of kind.attributes) {
      const nextAttr = next.attributes.find((a) => a.name === attr.name);
      const count = usage.attributes.get(`${kind.kind}.${attr.name}`) ?? 0;
      if (!nextAttr) {
        if (count > 0) dropped.push({ kind: kind.kind, name: attr.name, count });
        continue;
      }
      if (
        (attr.type === 'choice' || attr.type === 'multi-choice') &&
        (nextAttr.type === 'choice' || nextAttr.type === 'multi-choice')
      ) {
        for (const option of attr.options) {
          const n = usage.values.get(`${kind.kind}.${attr.name}=${option}`) ?? 0;
          if (n > 0 && !nextAttr.options.includes(option))
            refused.push(`option "${option}" of ${kind.label} ${attr.label} is used by ${plural(n, 'annotation')}`);
        }
      } else if (attr.type !== nextAttr.type && count > 0) {
        refused.push(
          `${kind.label} ${attr.label} changes type from ${attr.type} to ${nextAttr.type} with ${plural(count, 'value')} set`,
        );
      }
    }
  }
  for (const relation of before.relations) {
    const used = usage.relations.get(relation.type) ?? 0;
    if (used > 0 && !after.relations.some((r) => r.type === relation.type))
      refused.push(`relation "${relation.label}" is used by ${plural(used, 'link')}`);
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
