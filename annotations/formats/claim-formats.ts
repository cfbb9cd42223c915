import type { Annotation, ArticleLayer, Entity } from '../model';
import type { ExportedFile, ExportInput } from './export-input';

/** Who said a claim: the entity of its said-by speaker, else the speaker's words. */
function speakerOf(
  claim: Annotation,
  layer: ArticleLayer,
  entities: readonly Entity[],
): { name: string; entity: Entity | null } | null {
  const relation = layer.relations.find(
    (r) => r.type === 'said-by' && r.from === claim.id && r.to.kind === 'annotation',
  );
  const speaker = relation && layer.annotations.find((a) => a.id === relation.to.id);
  if (!speaker) return null;
  const entity = entities.find((e) => e.id === speaker.entityId) ?? null;
  return { name: entity?.name ?? speaker.quote, entity };
}

const verdictOf = (a: Annotation) => (typeof a.attributes.verdict === 'string' ? a.attributes.verdict : null);

/**
 * schema.org ClaimReview for every claim with a verdict.
 * @see https://schema.org/ClaimReview
 */
export function exportClaimReview(input: ExportInput): ExportedFile[] {
  const reviews = input.articles.flatMap(({ article, layer }) =>
    layer.annotations
      .filter((a) => a.kind === 'claim' && verdictOf(a) && verdictOf(a) !== 'unverified')
      .map((claim) => {
        const speaker = speakerOf(claim, layer, input.entities);
        const person = speaker?.entity?.type === 'organisation' ? 'Organization' : 'Person';
        return {
          '@context': 'https://schema.org',
          '@type': 'ClaimReview',
          identifier: claim.id,
          claimReviewed: claim.quote,
          datePublished: claim.updatedAt.slice(0, 10),
          author: { '@type': 'Person', name: claim.annotator },
          reviewRating: { '@type': 'Rating', alternateName: verdictOf(claim) },
          itemReviewed: {
            '@type': 'Claim',
            ...(speaker
              ? {
                  author: {
                    '@type': person,
                    name: speaker.name,
                    ...(speaker.entity?.externalId
                      ? { sameAs: `https://www.wikidata.org/wiki/${speaker.entity.externalId}` }
                      : {}),
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
  );
  return [{ path: 'claimreview.jsonld', content: `${JSON.stringify(reviews, null, 2)}\n` }];
}

/** Verdicts as FEVER labels; opinions are not claims FEVER can verify and are left out. */
export const FEVER_LABELS: Record<string, 'SUPPORTS' | 'REFUTES' | 'NOT ENOUGH INFO'> = {
  true: 'SUPPORTS',
  'mostly true': 'SUPPORTS',
  false: 'REFUTES',
  'mostly false': 'REFUTES',
  mixed: 'NOT ENOUGH INFO',
  unverifiable: 'NOT ENOUGH INFO',
  unverified: 'NOT ENOUGH INFO',
};

/**
 * FEVER-style JSONL: one claim per line, its label from the verdict, and the
 * article it appears in as context (Factmark records no evidence sentences).
 */
export function exportFever(input: ExportInput): ExportedFile[] {
  const lines: string[] = [];
  for (const { article, layer } of input.articles) {
    for (const claim of layer.annotations.filter((a) => a.kind === 'claim')) {
      const label = FEVER_LABELS[verdictOf(claim) ?? 'unverified'];
      if (!label) continue;
      lines.push(
        JSON.stringify({
          id: claim.id,
          verifiable:
            verdictOf(claim) === 'unverified' || verdictOf(claim) === 'unverifiable' ? 'NOT VERIFIABLE' : 'VERIFIABLE',
          label,
          claim: claim.quote,
          evidence: [],
          article_id: article.id,
          speaker: speakerOf(claim, layer, input.entities)?.name ?? null,
          check_worthy: claim.attributes.checkWorthy ?? null,
        }),
      );
    }
  }
  return [{ path: 'fever.jsonl', content: lines.length > 0 ? `${lines.join('\n')}\n` : '' }];
}
