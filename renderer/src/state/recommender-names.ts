import type { RecommenderId } from '../../../annotations/suggest/recommender';

/** Each recommender's name in the app and what it proposes, in the order they run. */
export const RECOMMENDERS: readonly { id: RecommenderId; name: string; what: string; from: string }[] = [
  {
    id: 'gazetteer',
    name: 'Registry',
    what: 'names and aliases of the people, organisations and places in the registry',
    from: 'the registry',
  },
  {
    id: 'learned',
    name: 'Learned',
    what: 'phrases tagged in other articles of the project',
    from: 'spans tagged elsewhere',
  },
  {
    id: 'language-model',
    name: 'Language model',
    what: 'people, organisations, places and dates found by an offline model',
    from: 'the language model',
  },
  {
    id: 'attribution',
    name: 'Attribution',
    what: 'speakers and the claims they are said to make (“said”, “according to”)',
    from: 'attribution phrases',
  },
];

/** A recommender's name in the app (its id, for one this version does not know). */
export const recommenderName = (id: string) => RECOMMENDERS.find((r) => r.id === id)?.name ?? id;

/** Where a recommender's suggestions come from, as the text's tooltips and announcements say it. */
export const recommenderSource = (id: string) => RECOMMENDERS.find((r) => r.id === id)?.from ?? id;
