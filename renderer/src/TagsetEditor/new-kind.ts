import type { SpanKindDefinition } from '../../../annotations/tagset';
import { TagsetNameSchema } from '../../../annotations/tagset';

export interface NewKindDraft {
  kind: string;
  label: string;
  /** Empty: no hotkey (the kind is tagged from the bar or with `/`). */
  hotkey: string;
}

/**
 * Why the new kind cannot be added yet, in words, or null when it can. An id
 * follows the tagset's rule (`PER`, `Located_in`, `Org-Aff` are fine); a
 * hotkey is optional.
 */
export function newKindProblem(draft: NewKindDraft, kinds: readonly SpanKindDefinition[]): string | null {
  if (draft.kind !== '') {
    const parsed = TagsetNameSchema.safeParse(draft.kind);
    if (!parsed.success) return `Id ${parsed.error.issues[0]?.message ?? 'is not valid'}`;
    if (draft.kind === 'entity') return 'Id "entity" is kept for registry entities; choose another';
    if (kinds.some((k) => k.kind === draft.kind)) return `The tagset already has a kind "${draft.kind}"`;
  }
  if (draft.hotkey !== '') {
    if (!/^[0-9a-z]$/.test(draft.hotkey)) return 'A hotkey is one digit or lower-case letter, or none';
    const holder = kinds.find((k) => k.hotkey === draft.hotkey);
    if (holder) return `Hotkey ${draft.hotkey} is ${holder.label}’s`;
  }
  if (draft.label.length > 60) return 'A label has at most 60 characters';
  return null;
}

/** The kind to add: no hotkey when none was given. */
export function newKind(draft: NewKindDraft, color: string): SpanKindDefinition {
  return {
    kind: draft.kind,
    label: draft.label.trim(),
    color,
    hotkey: draft.hotkey === '' ? null : draft.hotkey,
    linksEntity: false,
    linksEvent: false,
    attributes: [],
  };
}
