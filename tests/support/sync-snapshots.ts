import { articleFromText } from '../../annotations/article-text';
import type { Annotation, Article, Entity, EventRecord, Relation } from '../../annotations/model';
import type { ProjectSnapshot, SnapshotRecord } from '../../annotations/sync/snapshot';
import { snapshotOf } from '../../annotations/sync/snapshot';
import type { Tagset } from '../../annotations/tagset';

export const STAMP = '2026-01-01T00:00:00.000Z';

/** A fact-checking tagset like the ones projects use: claims with a verdict, linked people and events, said-by and agent links, a stance label. */
export const syncTagset: Tagset = {
  name: 'Fact-checking',
  kinds: [
    {
      kind: 'claim',
      label: 'Claim',
      color: '#e8a317',
      hotkey: 'c',
      linksEntity: false,
      linksEvent: false,
      attributes: [
        {
          name: 'verdict',
          label: 'Verdict',
          type: 'choice',
          options: ['true', 'false', 'misleading'],
          default: null,
          required: false,
        },
      ],
    },
    {
      kind: 'person',
      label: 'Person',
      color: '#3366cc',
      hotkey: 'p',
      linksEntity: true,
      linksEvent: false,
      attributes: [],
    },
    {
      kind: 'event',
      label: 'Event',
      color: '#33aa55',
      hotkey: 'e',
      linksEntity: false,
      linksEvent: true,
      attributes: [],
    },
  ],
  relations: [
    { type: 'said-by', label: 'Said by', from: ['claim'], to: ['person', 'entity'], equivalence: false },
    { type: 'agent', label: 'Agent', from: ['event'], to: ['person'], equivalence: false },
  ],
  documentLabels: [
    {
      name: 'stance',
      label: 'Stance',
      type: 'choice',
      options: ['pro', 'con', 'neutral'],
      default: null,
      required: false,
    },
  ],
};

export const ARTICLE_TEXTS: Record<string, string> = {
  a1: 'Minister resigns\n\nThe minister said the budget was balanced. Critics disagreed on Monday.',
  a2: 'Floods in the north\n\nOfficials said 300 homes were flooded after the storm.',
};

export const syncArticles = (): Promise<Article[]> =>
  Promise.all(Object.entries(ARTICLE_TEXTS).map(([id, text]) => articleFromText(id, text, 'test', STAMP)));

/** An annotation of `annotator` over the first occurrence of `quote` in the article's text. */
export function spanOf(
  articleId: string,
  annotator: string,
  id: string,
  kind: string,
  quote: string,
  extra: Partial<Annotation> = {},
): Annotation {
  const start = ARTICLE_TEXTS[articleId]!.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" is not in ${articleId}`);
  return {
    id,
    articleId,
    annotator,
    kind,
    start,
    end: start + quote.length,
    quote,
    attributes: kind === 'claim' ? { verdict: null } : {},
    note: '',
    entityId: null,
    eventId: null,
    createdAt: STAMP,
    updatedAt: STAMP,
    ...extra,
  };
}

export const link = (
  articleId: string,
  annotator: string,
  id: string,
  type: string,
  from: string,
  to: Relation['to'],
): Relation => ({ id, articleId, annotator, type, from, to, createdAt: STAMP });

export const entity = (id: string, name: string): Entity => ({
  id,
  name,
  type: 'person',
  aliases: [],
  externalId: null,
  createdAt: STAMP,
  updatedAt: STAMP,
});

export const eventRecord = (id: string, title: string, participants: string[] = []): EventRecord => ({
  id,
  title,
  type: 'resignation',
  date: null,
  place: null,
  participants,
  createdAt: STAMP,
  updatedAt: STAMP,
});

/** The tagset, guidelines and articles, plus `records`. */
export async function projectSnapshot(records: SnapshotRecord[] = [], tagset = syncTagset): Promise<ProjectSnapshot> {
  return snapshotOf([
    { type: 'tagset', value: tagset },
    { type: 'guidelines', value: '# Guidelines\n\nTag every checkable claim.' },
    ...(await syncArticles()).map((value) => ({ type: 'article' as const, value })),
    ...records,
  ]);
}

/** The snapshot with `records` put (by key) and `deleted` keys removed. */
export function edit(snapshot: ProjectSnapshot, put: SnapshotRecord[], deleted: string[] = []): ProjectSnapshot {
  const next = { ...snapshot.records, ...snapshotOf(put).records };
  for (const key of deleted) delete next[key];
  return { records: next };
}
