import type { Annotation } from '../../../annotations/model';
import { spanPieces } from '../../../annotations/spans';

type Quoted = Pick<Annotation, 'start' | 'end' | 'quote' | 'fragments'>;

/** The text of each piece: the fragments' of a discontinuous span, else the one quote. */
export function pieceQuotes(annotation: Quoted): string[] {
  return spanPieces(annotation).map((p) =>
    annotation.quote.slice(p.start - annotation.start, p.end - annotation.start),
  );
}

/** The quote as lists show it: a discontinuous span's pieces joined by " … ", without the gaps. */
export function shownQuote(annotation: Quoted): string {
  return pieceQuotes(annotation).join(' … ');
}

/** The quote cut into its pieces and the gaps between them, in text order, to draw the gaps apart. */
export function quoteParts(annotation: Quoted): { text: string; gap: boolean }[] {
  const parts: { text: string; gap: boolean }[] = [];
  let at = annotation.start;
  for (const p of spanPieces(annotation)) {
    if (p.start > at)
      parts.push({ text: annotation.quote.slice(at - annotation.start, p.start - annotation.start), gap: true });
    parts.push({ text: annotation.quote.slice(p.start - annotation.start, p.end - annotation.start), gap: false });
    at = p.end;
  }
  return parts;
}
