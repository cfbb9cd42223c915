import type { Args, Handlers, LeftOut, SearchHit } from '../contract';
import type { Annotation, ArticleLayer } from '../model';
import type { ServiceContext } from './context';
import { eachLayer, withLeftOut } from './context';

const CONTEXT = 60;

function snippet(text: string, start: number, end: number): string {
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(text.length, end + CONTEXT);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ')}${to < text.length ? '…' : ''}`;
}

function matchesAttribute(a: Annotation, filter: NonNullable<Args<'search/query'>['attribute']>): boolean {
  const value = a.attributes[filter.name];
  return Array.isArray(value) ? value.includes(String(filter.value)) : value === filter.value;
}

/** Whether a claim was said (a said-by relation) by a mention linked to `entityId`. */
function saidBy(layer: ArticleLayer, claim: Annotation, entityId: string): boolean {
  return layer.relations.some((r) => {
    if (r.type !== 'said-by' || r.from !== claim.id || r.to.kind !== 'annotation') return false;
    const targetId = r.to.id;
    return layer.annotations.some((s) => s.id === targetId && s.entityId === entityId);
  });
}

/**
 * Corpus search. With any annotation filter, hits are annotations (their
 * quote or note must contain `text`, if given); with `text` alone, hits are
 * also plain occurrences in the article text. Case-insensitive.
 */
export function searchHandlers(ctx: ServiceContext): Pick<Handlers, 'search/query'> {
  return {
    'search/query': async (query) => {
      const limit = query.limit ?? 200;
      const needle = query.text?.trim().toLowerCase() ?? '';
      const filtered = Boolean(
        query.kind || query.attribute || query.speaker || query.entity || query.event || query.annotator,
      );
      const hits: SearchHit[] = [];
      const leftOut: LeftOut[] = [];
      let total = 0;
      const add = (hit: SearchHit) => {
        total++;
        if (hits.length < limit) hits.push(hit);
      };
      for await (const { article, layer } of eachLayer(ctx.repo, leftOut)) {
        const ref = { articleId: article.id, title: article.title };
        for (const a of layer.annotations) {
          if (query.kind && a.kind !== query.kind) continue;
          if (query.annotator && a.annotator !== query.annotator) continue;
          if (query.attribute && !matchesAttribute(a, query.attribute)) continue;
          if (query.entity && a.entityId !== query.entity) continue;
          if (query.event && a.eventId !== query.event) continue;
          if (query.speaker && !saidBy(layer, a, query.speaker)) continue;
          if (needle && !a.quote.toLowerCase().includes(needle) && !a.note.toLowerCase().includes(needle)) continue;
          if (!filtered && !needle) continue;
          add({ ...ref, annotation: a, start: a.start, end: a.end, snippet: snippet(article.text, a.start, a.end) });
        }
        if (!filtered && needle) {
          // A regular expression on the original text keeps offsets exact where lower-casing changes lengths.
          const pattern = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
          for (const match of article.text.matchAll(pattern)) {
            const end = match.index + match[0].length;
            add({
              ...ref,
              annotation: null,
              start: match.index,
              end,
              snippet: snippet(article.text, match.index, end),
            });
          }
        }
      }
      return withLeftOut({ hits, total }, leftOut);
    },
  };
}
