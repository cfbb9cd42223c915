import type { Tagset } from './tagset';
import { validateTagset } from './tagset';

export const VERDICTS = [
  'unverified',
  'true',
  'mostly true',
  'mixed',
  'mostly false',
  'false',
  'unverifiable',
  'opinion',
];
export const CLAIM_TYPES = ['factual', 'opinion', 'prediction', 'promise'];
export const EVENT_TYPES = ['meeting', 'agreement signing', 'statement', 'visit', 'attack', 'other'];

const mention = (kind: string, label: string, color: string, hotkey: string) => ({
  kind,
  label,
  color,
  hotkey,
  linksEntity: true,
  attributes: [],
});

/** The default tagset for news fact-labelling. */
export const DEFAULT_TAGSET: Tagset = validateTagset({
  name: 'News fact-labelling',
  kinds: [
    {
      kind: 'claim',
      label: 'Claim',
      color: '#b57a13',
      hotkey: '1',
      attributes: [
        { name: 'verdict', label: 'Verdict', type: 'choice', options: VERDICTS, default: null },
        { name: 'checkWorthy', label: 'Check-worthy', type: 'boolean', default: null },
        { name: 'claimType', label: 'Claim type', type: 'choice', options: CLAIM_TYPES, default: null },
      ],
    },
    { ...mention('speaker', 'Speaker', '#4d8eff', '2') },
    {
      kind: 'event',
      label: 'Event',
      color: '#0da561',
      hotkey: '3',
      linksEvent: true,
      attributes: [{ name: 'eventType', label: 'Event type', type: 'choice', options: EVENT_TYPES, default: null }],
    },
    mention('person', 'Person', '#8b3ce1', '4'),
    mention('organisation', 'Organisation', '#e21e84', '5'),
    mention('place', 'Place', '#187868', '6'),
    mention('date', 'Date', '#6b7e94', '7'),
  ],
  relations: [
    { type: 'said-by', label: 'said by', from: ['claim'], to: ['speaker'] },
    { type: 'agent', label: 'agent', from: ['event'], to: ['speaker', 'person', 'organisation', 'entity'] },
    { type: 'participant', label: 'participant', from: ['event'], to: ['speaker', 'person', 'organisation', 'entity'] },
    { type: 'place', label: 'place', from: ['event'], to: ['place', 'entity'] },
    { type: 'time', label: 'time', from: ['event'], to: ['date'] },
  ],
  documentLabels: [
    {
      name: 'stance',
      label: 'Stance',
      type: 'choice',
      options: ['supportive', 'neutral', 'critical', 'unclear'],
      default: null,
    },
    {
      name: 'reliability',
      label: 'Reliability',
      type: 'choice',
      options: ['reliable', 'mixed', 'unreliable', 'unknown'],
      default: null,
    },
  ],
});
