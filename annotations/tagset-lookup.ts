// Reading a tagset that is already valid, without its schemas: tagset.ts
// builds them (and with them zod) as it loads, which the editor's first
// paint should not wait for. tagset.ts re-exports these.
import type { AttributeDefinition, RelationType, SpanKindDefinition, Tagset } from './tagset';

/** The label an option is shown by: its display label, else its stored value. */
export function optionLabel(def: AttributeDefinition, value: string): string {
  return ('optionDisplay' in def && def.optionDisplay?.[value]?.label) || value;
}

/** An option's colour, `#rrggbb`, or null when it has none. */
export function optionColor(def: AttributeDefinition, value: string): string | null {
  return ('optionDisplay' in def && def.optionDisplay?.[value]?.color) || null;
}

export function findKind(tagset: Tagset, kind: string): SpanKindDefinition | undefined {
  return tagset.kinds.find((k) => k.kind === kind);
}

export function findRelationType(tagset: Tagset, type: string): RelationType | undefined {
  return tagset.relations.find((r) => r.type === type);
}
