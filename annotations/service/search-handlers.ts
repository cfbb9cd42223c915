import type { Args, Handlers, LeftOut, SearchHit } from '../contract';
import { FactmarkError } from '../errors';
import type { Annotation, ArticleLayer } from '../model';
import type { AttributeValue, Tagset } from '../tagset';
import { findKind } from '../tagset';
import { readValue } from '../typed-values';
import type { SearchCandidate } from '../repository';
import type { ServiceContext } from './context';
import { readArticle, readArticleLayer, withLeftOut } from './context';
import { textPattern } from '../search/text-pattern';

const CONTEXT = 60;

function snippet(text: string, start: number, end: number): string {
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(text.length, end + CONTEXT);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ')}${to < text.length ? '…' : ''}`;
}

type AttributeFilter = NonNullable<Args<'search/query'>['attribute']>;

const isUnset = (value: AttributeValue | undefined) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * Whether an annotation has the filter's value, compared by the type its
 * kind gives the attribute: the string "false" matches a choice "false",
 * never a yes/no attribute's false (which `false`, "no" or "false" finds).
 * A value that cannot be the attribute's matches nothing.
 */
function matchesAttribute(tagset: Tagset, a: Annotation, filter: AttributeFilter): boolean {
  const def = findKind(tagset, a.kind)?.attributes.find((d) => d.name === filter.name);
  if (!def) return false;
  const stored = a.attributes[filter.name];
  if (filter.value === null) return isUnset(stored);
  let wanted: AttributeValue;
  try {
    wanted = readValue(def, filter.value);
  } catch {
    return false;
  }
  if (Array.isArray(wanted)) return Array.isArray(stored) && wanted.every((w) => stored.includes(w));
  return stored === wanted;
}

/** A filter on a kind's attribute must name one it has, with a value of its type. */
function checkFilter(tagset: Tagset, kind: string, filter: AttributeFilter): void {
  const def = findKind(tagset, kind)?.attributes.find((d) => d.name === filter.name);
  if (!def) {
    const known = findKind(tagset, kind)?.attributes.map((d) => `"${d.name}"`) ?? [];
    throw new FactmarkError(
      'invalid-argument',
      `A ${kind} has no attribute "${filter.name}"${known.length > 0 ? `; it has ${known.join(', ')}` : ''}`,
    );
  }
  if (filter.value !== null) readValue(def, filter.value);
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
      const { tagset } = ctx.repo.readProject();
      if (query.kind && query.attribute) checkFilter(tagset, query.kind, query.attribute);
      const needle = query.text?.trim().toLowerCase() ?? '';
      const filtered = Boolean(
        query.kind || query.attribute || query.speaker || query.entity || query.event || query.annotator,
      );
      const hits: SearchHit[] = [];
      const leftOut: LeftOut[] = [];
      let total = 0;
      /** Counts a hit; builds it (its snippet) only while the page has room. */
      const add = (hit: () => SearchHit) => {
        total++;
        if (hits.length < limit) hits.push(hit());
      };
      const inText = !filtered && needle !== '';
      // Without the store's index, every article is read with its layer.
      const candidates: SearchCandidate[] =
        (await ctx.repo.searchCandidates?.(needle, inText)) ??
        ctx.repo
          .listArticles()
          .map((summary) => ({ summary, annotated: true, ...(inText ? { textMatches: null } : {}) }));
      for (const { summary, annotated, textMatches } of candidates) {
        const ref = { articleId: summary.id, title: summary.title };
        // Past the page, an article known to hold the text only adds to the count.
        if (!annotated && typeof textMatches === 'number' && hits.length >= limit) {
          total += textMatches;
          continue;
        }
        const read = annotated ? await readArticleLayer(ctx.repo, summary.id) : await readArticle(ctx.repo, summary.id);
        if (!('article' in read)) {
          leftOut.push({ ...ref, ...read });
          continue;
        }
        const { article, layer } = read;
        for (const a of layer?.annotations ?? []) {
          if (query.kind && a.kind !== query.kind) continue;
          if (query.annotator && a.annotator !== query.annotator) continue;
          if (query.attribute && !matchesAttribute(tagset, a, query.attribute)) continue;
          if (query.entity && a.entityId !== query.entity) continue;
          if (query.event && a.eventId !== query.event) continue;
          if (query.speaker && !saidBy(layer!, a, query.speaker)) continue;
          if (needle && !a.quote.toLowerCase().includes(needle) && !a.note.toLowerCase().includes(needle)) continue;
          if (!filtered && !needle) continue;
          add(() => ({
            ...ref,
            annotation: a,
            start: a.start,
            end: a.end,
            snippet: snippet(article.text, a.start, a.end),
          }));
        }
        if (inText && textMatches !== undefined) {
          for (const match of article.text.matchAll(textPattern(needle))) {
            const end = match.index + match[0].length;
            add(() => ({
              ...ref,
              annotation: null,
              start: match.index,
              end,
              snippet: snippet(article.text, match.index, end),
            }));
          }
        }
      }
      return withLeftOut({ hits, total }, leftOut);
    },
  };
}
