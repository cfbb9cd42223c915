// How a span's highlight looks, apart from CodeMirror: the editor's marks
// and the first paint (first-paint.ts, drawn before the editor has loaded)
// draw the same class and style from here.
import { GOLD } from '../../../annotations/constants';

/** How a layer is drawn: the user's own solid, a colleague's dashed and paler, gold with a gold rule. */
export type LayerStyle = 'mine' | 'other' | 'gold';

export function layerStyle(annotator: string, me: string): LayerStyle {
  return annotator === GOLD ? 'gold' : annotator === me ? 'mine' : 'other';
}

/** `#rrggbb` at the given opacity, so overlapping spans mix and stay visible. */
function tint(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** A kind's colour, or grey for a kind the tagset no longer has. */
export const colourOf = (kind: { color: string } | undefined): string => kind?.color ?? '#888888';

/** The class and inline style of one highlight: its kind, its layer's look, and a dashed frame for a piece. */
export function markLook(
  kind: string,
  colour: string,
  style: LayerStyle,
  fragment: boolean,
): { className: string; style: string } {
  const look = {
    mine: `background-color: ${tint(colour, 0.22)}; box-shadow: inset 0 -2px 0 ${colour};`,
    other: `background-color: ${tint(colour, 0.1)}; border-bottom: 2px dashed ${colour};`,
    gold: `background-color: ${tint(colour, 0.22)}; box-shadow: inset 0 -2px 0 ${colour}, inset 0 2px 0 #c9a227;`,
  }[style];
  // A piece of a discontinuous span is framed by a dashed line in its colour: the span goes on elsewhere.
  const piece = fragment ? ` outline: 1px dashed ${colour}; outline-offset: -1px;` : '';
  return {
    className: `fm-mark fm-mark-${kind} fm-layer-${style}${fragment ? ' fm-fragment' : ''}`,
    style: look + piece,
  };
}
