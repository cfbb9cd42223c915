import { FactmarkError } from './errors';
import type { AttributeDefinition, AttributeValue, SpanKindDefinition, Tagset } from './tagset';
import { findKind } from './tagset';

export type Attributes = Record<string, AttributeValue>;

function checkValue(kind: string, def: AttributeDefinition, value: AttributeValue): void {
  const where = `attribute "${def.name}" of a ${kind}`;
  switch (def.type) {
    case 'choice':
      if (typeof value !== 'string' || !def.options.includes(value)) {
        throw new FactmarkError(
          'invalid-argument',
          `${where} must be one of ${def.options.map((o) => `"${o}"`).join(', ')}; got ${JSON.stringify(value)}`,
        );
      }
      return;
    case 'boolean':
      if (typeof value !== 'boolean') {
        throw new FactmarkError('invalid-argument', `${where} must be true or false; got ${JSON.stringify(value)}`);
      }
      return;
    case 'text':
      if (typeof value !== 'string') {
        throw new FactmarkError('invalid-argument', `${where} must be text; got ${JSON.stringify(value)}`);
      }
      return;
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
 * Merges `patch` over `base` (or over the kind's defaults) and checks every
 * value against the tagset. Unknown attribute names are refused, not dropped.
 */
export function resolveAttributes(
  tagset: Tagset,
  kind: string,
  patch: Attributes,
  base?: Attributes,
): Attributes {
  const def = requireKind(tagset, kind);
  const result: Attributes = {};
  for (const attr of def.attributes) result[attr.name] = base?.[attr.name] ?? attr.default;
  for (const [name, value] of Object.entries(patch)) {
    const attr = def.attributes.find((a) => a.name === name);
    if (!attr) {
      const known = def.attributes.map((a) => `"${a.name}"`).join(', ');
      throw new FactmarkError('invalid-argument', `A ${kind} has no attribute "${name}"; it has ${known}`);
    }
    checkValue(kind, attr, value);
    result[name] = value;
  }
  return result;
}
