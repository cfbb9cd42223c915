import type { CSSProperties } from 'react';

/** sRGB channel to linear light, as WCAG 2 defines it (https://www.w3.org/TR/WCAG21/#dfn-relative-luminance). */
function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a `#rgb` or `#rrggbb` colour; null for anything else (a name, `rgb()`). */
export function luminance(color: string): number | null {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(color);
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  const parts = short ? short.slice(1).map((h) => h + h) : long?.slice(1);
  if (!parts) return null;
  const [r, g, b] = parts.map((h) => linear(parseInt(h, 16))) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two luminances (1 to 21). */
export function contrastRatio(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/**
 * Black or white, whichever reads better on the background: on any colour
 * one of them reaches at least 4.58:1, above AA's 4.5:1 for text. A colour
 * that is not hex keeps white text.
 */
export function textOn(background: string): '#000000' | '#ffffff' {
  const l = luminance(background);
  if (l === null) return '#ffffff';
  return contrastRatio(l, 0) >= contrastRatio(l, 1) ? '#000000' : '#ffffff';
}

/** A kind chip's colours: the kind's colour behind, readable text on it. */
export function chipStyle(background: string | undefined): CSSProperties {
  return background ? { backgroundColor: background, color: textOn(background) } : {};
}
