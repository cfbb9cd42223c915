import type { Annotation } from '../model';
import { spanPieces } from '../spans';

/** What stands for a gap between the pieces of a discontinuous span in a text written out. */
export const GAP_MARK = ' … ';

/** Each piece of a span with the text it covers (the one [start, end) for a continuous span). */
export function pieceTexts(a: Pick<Annotation, 'start' | 'end' | 'quote' | 'fragments'>) {
  return spanPieces(a).map((p) => ({ ...p, text: a.quote.slice(p.start - a.start, p.end - a.start) }));
}

/**
 * The words a span marks: its quote, or for a discontinuous span its pieces'
 * texts joined by " … ", never the text of a gap.
 */
export function spanText(a: Pick<Annotation, 'start' | 'end' | 'quote' | 'fragments'>): string {
  return a.fragments
    ? pieceTexts(a)
        .map((p) => p.text)
        .join(GAP_MARK)
    : a.quote;
}
