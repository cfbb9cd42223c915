import { spanPieces } from '../spans';

/** A span as the measures see it: [start, end), or its fragments when discontinuous. */
export interface PiecedSpan {
  start: number;
  end: number;
  fragments?: readonly { start: number; end: number }[];
}

/** Characters the span covers: the sum of its pieces, gaps left out. */
export function coveredLength(span: PiecedSpan): number {
  return spanPieces(span).reduce((sum, p) => sum + (p.end - p.start), 0);
}

/**
 * Characters two spans share, piece by piece (a span's pieces never
 * overlap, so nothing is counted twice); 0 when they only touch or one sits
 * in the other's gap.
 */
export function sharedLength(a: PiecedSpan, b: PiecedSpan): number {
  if (!a.fragments && !b.fragments) return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  let shared = 0;
  for (const p of spanPieces(a))
    for (const q of spanPieces(b)) shared += Math.max(0, Math.min(p.end, q.end) - Math.max(p.start, q.start));
  return shared;
}

/** The same span: the same pieces (a discontinuous span never equals its continuous envelope). */
export function samePieces(a: PiecedSpan, b: PiecedSpan): boolean {
  const p = spanPieces(a);
  const q = spanPieces(b);
  return p.length === q.length && p.every((x, i) => x.start === q[i]!.start && x.end === q[i]!.end);
}

/** A key equal for spans with the same pieces: `start-end` per piece, joined by `,`. */
export function piecesKey(span: PiecedSpan): string {
  return spanPieces(span)
    .map((p) => `${p.start}-${p.end}`)
    .join(',');
}
