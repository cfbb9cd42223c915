import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import type { Tagset } from '../../annotations/tagset';
import { validateTagset } from '../../annotations/tagset';

/**
 * The default tagset plus 38 kinds named the way foreign schemes name them
 * (ACE/OntoNotes-style `PER`, `GPE`, `Located_in`, `Org-Aff`…), none with a
 * hotkey: 45 kinds in all, as a project that imported a brat corpus has.
 */
const FOREIGN = [
  'PER',
  'ORG',
  'GPE',
  'LOC',
  'FAC',
  'VEH',
  'WEA',
  'NORP',
  'PRODUCT',
  'EVENT_NAME',
  'WORK_OF_ART',
  'LAW',
  'LANGUAGE',
  'DATE_EXPR',
  'TIME',
  'PERCENT',
  'MONEY',
  'QUANTITY',
  'ORDINAL',
  'CARDINAL',
  'Located_in',
  'Org-Aff',
  'Part-Whole',
  'Gen-Affiliation',
  'Phys.Near',
  'Per-Soc',
  'Art:User',
  'Conflict.Attack',
  'Movement.Transport',
  'Transaction.Transfer',
  'Business.Merge',
  'Contact.Meet',
  'Justice.Arrest',
  'Life.Die',
  'Personnel.Elect',
  'Title',
  'Crime',
  'Job_Title',
];

const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

export const LARGE_TAGSET: Tagset = validateTagset({
  ...DEFAULT_TAGSET,
  name: 'ACE-style entities and events',
  kinds: [
    ...DEFAULT_TAGSET.kinds,
    ...FOREIGN.map((kind, i) => ({
      kind,
      label: kind.replace(/[_.:-]/g, ' '),
      color: PALETTE[i % PALETTE.length]!,
      hotkey: null,
      attributes: [],
    })),
  ],
});
