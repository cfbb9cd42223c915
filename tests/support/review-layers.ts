import type { Bundle } from '../../annotations/formats/native-bundle-format';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import type { Annotation, Article, Relation } from '../../annotations/model';

/**
 * Three colleagues' layers on sample article 001, with deliberate differences.
 * Group by group (alice / bob / carol):
 *
 * 1. person "Hossein Dehqan"            all three, identical            agreement
 * 2. "Baghdad"                          place / place / organisation     label (carol)
 * 3. claim “The ISIL is a threat…”      opinion+cw / false+cw / no quote marks, opinion+cw
 *                                       → boundary (carol), attributes (bob), link (carol has no said-by)
 * 4. speaker "Brigadier General Dehqan" all three, identical            agreement
 * 5. claim “The Islamic Republic…”      alice, bob; carol has none       missing
 * 6. organisation "ISIL"                bob only                         missing
 *
 * alice and bob link claim 3 to speaker 4 with said-by.
 */
export const REVIEW_ARTICLE = '001_3eea3b6f31cb041f';
export const REVIEW_ANNOTATORS = ['alice', 'bob', 'carol'] as const;

const CLAIM_1 =
  '“The ISIL is a threat not only to Iraq, but to the entire region; fighting ISIL in Iraq needs cooperation of all Iraqi currents and tribes under the flag of an integrated and independent Iraq,”';
const CLAIM_2 =
  '“The Islamic Republic of Iran will stay beside the Iraqi nation and government without any precondition… .”';

interface FixtureSpan {
  kind: string;
  quote: string;
  /** Cut this many characters off each end of the found quote (carol's boundary). */
  trim?: number;
  attributes?: Record<string, unknown>;
  saidBy?: string;
}

const CLAIM_VALUES = { claimType: 'factual' };
const LAYERS: Record<(typeof REVIEW_ANNOTATORS)[number], Record<string, FixtureSpan>> = {
  alice: {
    person: { kind: 'person', quote: 'Hossein Dehqan' },
    baghdad: { kind: 'place', quote: 'Baghdad' },
    claim1: {
      kind: 'claim',
      quote: CLAIM_1,
      attributes: { ...CLAIM_VALUES, verdict: 'opinion', checkWorthy: true },
      saidBy: 'speaker',
    },
    speaker: { kind: 'speaker', quote: 'Brigadier General Dehqan' },
    claim2: {
      kind: 'claim',
      quote: CLAIM_2,
      attributes: { ...CLAIM_VALUES, verdict: 'unverified', checkWorthy: false },
    },
  },
  bob: {
    person: { kind: 'person', quote: 'Hossein Dehqan' },
    baghdad: { kind: 'place', quote: 'Baghdad' },
    claim1: {
      kind: 'claim',
      quote: CLAIM_1,
      attributes: { ...CLAIM_VALUES, verdict: 'false', checkWorthy: true },
      saidBy: 'speaker',
    },
    speaker: { kind: 'speaker', quote: 'Brigadier General Dehqan' },
    claim2: {
      kind: 'claim',
      quote: CLAIM_2,
      attributes: { ...CLAIM_VALUES, verdict: 'unverified', checkWorthy: false },
    },
    isil: { kind: 'organisation', quote: 'ISIL' },
  },
  carol: {
    person: { kind: 'person', quote: 'Hossein Dehqan' },
    baghdad: { kind: 'organisation', quote: 'Baghdad' },
    claim1: {
      kind: 'claim',
      quote: CLAIM_1,
      trim: 1,
      attributes: { ...CLAIM_VALUES, verdict: 'opinion', checkWorthy: true },
    },
    speaker: { kind: 'speaker', quote: 'Brigadier General Dehqan' },
  },
};

const STAMP = '2026-11-20T10:00:00.000Z';

/** The layer of one colleague as records of the article. */
export function fixtureLayer(annotator: (typeof REVIEW_ANNOTATORS)[number], article: Article) {
  const annotations: Annotation[] = [];
  const byName = new Map<string, Annotation>();
  for (const [name, span] of Object.entries(LAYERS[annotator])) {
    const found = article.text.indexOf(span.quote);
    if (found < 0) throw new Error(`fixture quote not in ${article.id}: ${span.quote}`);
    const start = found + (span.trim ?? 0);
    const end = found + span.quote.length - (span.trim ?? 0);
    const annotation: Annotation = {
      id: `${annotator}-${name}`,
      articleId: article.id,
      annotator,
      kind: span.kind,
      start,
      end,
      quote: article.text.slice(start, end),
      attributes: (span.attributes ?? {}) as Annotation['attributes'],
      note: '',
      entityId: null,
      eventId: null,
      createdAt: STAMP,
      updatedAt: STAMP,
    };
    annotations.push(annotation);
    byName.set(name, annotation);
  }
  const relations: Relation[] = Object.entries(LAYERS[annotator]).flatMap(([name, span]) =>
    span.saidBy
      ? [
          {
            id: `${annotator}-${name}-said-by`,
            articleId: article.id,
            annotator,
            type: 'said-by',
            from: byName.get(name)!.id,
            to: { kind: 'annotation' as const, id: byName.get(span.saidBy)!.id },
            createdAt: STAMP,
          },
        ]
      : [],
  );
  return { annotations, relations };
}

/** A colleague's exported bundle holding their layer on the review article (and the article itself). */
export function colleagueBundle(annotator: (typeof REVIEW_ANNOTATORS)[number], article: Article): Bundle {
  return {
    format: 'factmark-bundle',
    version: 1,
    exportedAt: STAMP,
    exportedBy: annotator,
    tagset: DEFAULT_TAGSET,
    guidelines: '',
    entities: [],
    events: [],
    articles: [
      {
        article,
        ...fixtureLayer(annotator, article),
        documentLabels: [{ annotator, labels: {}, done: true, updatedAt: STAMP }],
      },
    ],
  };
}
