import type { Annotation, ArticleLayer, Entity } from '../model';
import { GOLD } from '../model';
import type { ExportedFile, ExportInput } from './export-input';
import { layersOf } from './export-input';
import { spanText } from './span-text';

/** Who said a claim: the entity its said-by speaker links to, else the speaker's words; null without a speaker. */
function speakerOf(
  claim: Annotation,
  layer: ArticleLayer,
  entities: ReadonlyMap<string, Entity>,
): { name: string; entity: Entity | null } | null {
  const relation = layer.relations.find((r) => r.type === 'said-by' && r.from === claim.id);
  if (!relation) return null;
  if (relation.to.kind === 'entity') {
    const entity = entities.get(relation.to.id);
    return entity ? { name: entity.name, entity } : null;
  }
  const to = relation.to.id;
  const speaker = layer.annotations.find((a) => a.id === to);
  if (!speaker) return null;
  const entity = (speaker.entityId && entities.get(speaker.entityId)) || null;
  return { name: entity?.name ?? spanText(speaker), entity };
}

const verdictOf = (a: Annotation) => (typeof a.attributes.verdict === 'string' ? a.attributes.verdict : null);

/** schema.org's type for who said a claim: a person, or an organisation for any other entity. */
const authorType = (entity: Entity | null) => (entity && entity.type !== 'person' ? 'Organization' : 'Person');

/**
 * schema.org ClaimReview for every claim with a verdict (not "unverified").
 * `author` is the reviewing organisation of the settings (left out when none
 * is set), `contributor` the annotator whose verdict it is (for gold, who
 * decided it), `datePublished` the day of the decision (a gold claim's
 * provenance) or of the claim's last change, `itemReviewed.author` the
 * speaker's entity (else the speaker's words; absent without a speaker).
 * A discontinuous claim's words are its pieces joined by " … ".
 * @see https://schema.org/ClaimReview
 */
export function exportClaimReview(input: ExportInput): ExportedFile[] {
  const entities = new Map(input.entities.map((e) => [e.id, e]));
  const reviews = input.articles.flatMap(({ article, layer: full }) =>
    layersOf(input, full).flatMap(({ annotator, layer }) =>
      layer.annotations
        .filter((a) => a.kind === 'claim' && verdictOf(a) && verdictOf(a) !== 'unverified')
        .map((claim) => {
          const speaker = speakerOf(claim, layer, entities);
          const qid = speaker?.entity?.externalId;
          const reviewer = annotator === GOLD ? claim.provenance?.decidedBy : annotator;
          return {
            '@context': 'https://schema.org',
            '@type': 'ClaimReview',
            identifier: claim.id,
            claimReviewed: spanText(claim),
            datePublished: (claim.provenance?.decidedAt ?? claim.updatedAt).slice(0, 10),
            ...(input.reviewingOrganisation
              ? { author: { '@type': 'Organization', name: input.reviewingOrganisation } }
              : {}),
            ...(reviewer ? { contributor: { '@type': 'Person', name: reviewer } } : {}),
            reviewRating: { '@type': 'Rating', alternateName: verdictOf(claim) },
            itemReviewed: {
              '@type': 'Claim',
              ...(speaker
                ? {
                    author: {
                      '@type': authorType(speaker.entity),
                      name: speaker.name,
                      ...(qid && /^Q\d+$/.test(qid) ? { sameAs: `https://www.wikidata.org/wiki/${qid}` } : {}),
                    },
                  }
                : {}),
              appearance: {
                '@type': 'CreativeWork',
                headline: article.title,
                identifier: article.id,
                ...(/^https?:\/\//.test(article.source) ? { url: article.source } : {}),
              },
            },
          };
        }),
    ),
  );
  return [{ path: 'claimreview.jsonld', content: `${JSON.stringify(reviews, null, 2)}\n` }];
}

/**
 * Verdicts as FEVER labels. A claim whose verdict is unset or "unverified"
 * (nobody checked it yet) is left out, as is an opinion: neither is evidence
 * of NOT ENOUGH INFO. Each record keeps its `verdict` beside the label.
 */
export const FEVER_LABELS: Record<string, 'SUPPORTS' | 'REFUTES' | 'NOT ENOUGH INFO'> = {
  true: 'SUPPORTS',
  'mostly true': 'SUPPORTS',
  false: 'REFUTES',
  'mostly false': 'REFUTES',
  mixed: 'NOT ENOUGH INFO',
  unverifiable: 'NOT ENOUGH INFO',
};

/**
 * FEVER-style JSONL: one claim per line, its label from the verdict, the
 * verdict itself, the annotator whose layer it is in, and the article it
 * appears in as context (Factmark records no evidence sentences). A
 * discontinuous claim is its pieces joined by " … ".
 */
export function exportFever(input: ExportInput): ExportedFile[] {
  const entities = new Map(input.entities.map((e) => [e.id, e]));
  const lines: string[] = [];
  for (const { article, layer: full } of input.articles) {
    for (const { annotator, layer } of layersOf(input, full)) {
      for (const claim of layer.annotations.filter((a) => a.kind === 'claim')) {
        const verdict = verdictOf(claim);
        const label = verdict !== null && Object.hasOwn(FEVER_LABELS, verdict) ? FEVER_LABELS[verdict] : undefined;
        if (!label) continue;
        lines.push(
          JSON.stringify({
            id: claim.id,
            verifiable: label === 'NOT ENOUGH INFO' ? 'NOT VERIFIABLE' : 'VERIFIABLE',
            label,
            claim: spanText(claim),
            evidence: [],
            article_id: article.id,
            verdict,
            annotator,
            speaker: speakerOf(claim, layer, entities)?.name ?? null,
            check_worthy: claim.attributes.checkWorthy ?? null,
          }),
        );
      }
    }
  }
  return [{ path: 'fever.jsonl', content: lines.length > 0 ? `${lines.join('\n')}\n` : '' }];
}
