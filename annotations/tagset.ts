/**
 * The tagset: which span kinds exist, how they look, their hotkeys and their
 * attributes. It is data, so that a project can later define its own.
 */
export type AttributeValue = string | boolean | number | null;

export type AttributeDefinition =
  | { name: string; label: string; type: 'choice'; options: readonly string[]; default: string }
  | { name: string; label: string; type: 'boolean'; default: boolean }
  | { name: string; label: string; type: 'text'; default: string };

export interface SpanKindDefinition {
  kind: string;
  label: string;
  /** CSS colour of the highlight. */
  color: string;
  /** The key that tags the current selection with this kind. */
  hotkey: string;
  attributes: readonly AttributeDefinition[];
}

export interface Tagset {
  name: string;
  kinds: readonly SpanKindDefinition[];
}

export const VERDICTS = [
  'unverified',
  'true',
  'mostly true',
  'mixed',
  'mostly false',
  'false',
  'unverifiable',
  'opinion',
] as const;

export const EVENT_TYPES = [
  'meeting',
  'agreement signing',
  'statement',
  'visit',
  'attack',
  'other',
] as const;

/** The default tagset for news fact-labelling. */
export const DEFAULT_TAGSET: Tagset = {
  name: 'News fact-labelling',
  kinds: [
    {
      kind: 'claim',
      label: 'Claim',
      color: '#e8a317',
      hotkey: '1',
      attributes: [
        { name: 'verdict', label: 'Verdict', type: 'choice', options: VERDICTS, default: 'unverified' },
        { name: 'checkWorthy', label: 'Check-worthy', type: 'boolean', default: false },
      ],
    },
    {
      kind: 'speaker',
      label: 'Speaker',
      color: '#3b82f6',
      hotkey: '2',
      attributes: [{ name: 'name', label: 'Normalised name', type: 'text', default: '' }],
    },
    {
      kind: 'event',
      label: 'Event',
      color: '#16a34a',
      hotkey: '3',
      attributes: [
        { name: 'eventType', label: 'Event type', type: 'choice', options: EVENT_TYPES, default: 'other' },
      ],
    },
  ],
};

export function findKind(tagset: Tagset, kind: string): SpanKindDefinition | undefined {
  return tagset.kinds.find((k) => k.kind === kind);
}
