import type { Deficiency, Rgb } from './colour-science';
import { DEFICIENCIES, deltaE2000, fromLinear, labToLinear, parseHex, simulate, toHex, toLab } from './colour-science';
import { contrastRatio, luminance } from './contrast';

export type Theme = 'light' | 'dark';

/**
 * Where a kind's mark is drawn: the article's surface (`--surface` in
 * styles.css). Dark mode's surface is lighter than its page `--bg`
 * (#0d1117), so a colour that reaches the ratio on it reaches it there too.
 */
export const THEME_BACKGROUNDS: Record<Theme, string> = { light: '#ffffff', dark: '#161b22' };

/** WCAG 2.1 SC 1.4.11, non-text contrast: 3:1 for the graphics that identify something. */
export const MIN_MARK_CONTRAST = 3;

/**
 * Two kind colours count as confusable below this CIEDE2000 difference, for
 * normal vision or under a simulated deficiency. A difference of 1–2 is just
 * noticeable between large patches side by side; a kind's mark is a 2 px
 * line seen apart from the others, and small marks need a much larger
 * difference to be told apart (Stone, Szafir & Setlur 2014, "An Engineering
 * Model for Color Difference as a Function of Size"), hence 10.
 */
export const MIN_KIND_DISTANCE = 10;

/** The contrast of a kind's colour with each theme's background. */
export function markContrast(color: string): Record<Theme, number> {
  const l = luminance(color) ?? 0;
  const on = (theme: Theme) => contrastRatio(l, luminance(THEME_BACKGROUNDS[theme])!);
  return { light: on('light'), dark: on('dark') };
}

/** The themes on whose background `color` falls short of 3:1. */
export function failingThemes(color: string): Theme[] {
  const ratios = markContrast(color);
  return (['light', 'dark'] as const).filter((t) => ratios[t] < MIN_MARK_CONTRAST);
}

export type Vision = 'normal vision' | Deficiency;

export interface KindColour {
  kind: string;
  label: string;
  color: string;
}

/** Two kinds whose colours look alike to people with `vision`. */
export interface Confusion {
  a: KindColour;
  b: KindColour;
  vision: Vision;
  distance: number;
}

/** The CIEDE2000 difference between two colours as seen with `vision`. */
export function seenDistance(a: string, b: string, vision: Vision): number {
  const see = (c: string): Rgb => {
    const rgb = parseHex(c) ?? [0, 0, 0];
    return vision === 'normal vision' ? rgb : simulate(rgb, vision);
  };
  return deltaE2000(toLab(see(a)), toLab(see(b)));
}

/** Every pair of kinds, and the first vision (normal first) under which their colours are confusable. */
export function confusions(kinds: readonly KindColour[]): Confusion[] {
  const found: Confusion[] = [];
  kinds.forEach((a, i) => {
    for (const b of kinds.slice(i + 1)) {
      for (const vision of ['normal vision', ...DEFICIENCIES] as const) {
        const distance = seenDistance(a.color, b.color, vision);
        if (distance < MIN_KIND_DISTANCE) {
          found.push({ a, b, vision, distance });
          break;
        }
      }
    }
  });
  return found;
}

/** What is wrong with one kind's colour among the others, in words; empty when nothing is. */
export function kindColourWarnings(kind: KindColour, kinds: readonly KindColour[]): string[] {
  const warnings: string[] = [];
  const ratios = markContrast(kind.color);
  for (const theme of failingThemes(kind.color))
    warnings.push(`Too faint on the ${theme} background: ${ratios[theme].toFixed(1)}:1, below ${MIN_MARK_CONTRAST}:1`);
  const others = kinds.filter((k) => k.kind !== kind.kind);
  for (const c of confusions([kind, ...others]).filter((c) => c.a === kind))
    warnings.push(
      c.vision === 'normal vision'
        ? `Hard to tell from ${c.b.label}`
        : `Hard to tell from ${c.b.label} with ${c.vision}`,
    );
  return warnings;
}

/** The most chroma, up to `chroma`, that lightness `l` and hue `h` (radians) take inside the sRGB gamut. */
function inGamut(l: number, chroma: number, h: number): Rgb {
  const at = (c: number) => labToLinear([l, c * Math.cos(h), c * Math.sin(h)]);
  const fits = (rgb: Rgb) => rgb.every((x) => x >= -1e-9 && x <= 1 + 1e-9);
  if (fits(at(chroma))) return at(chroma);
  let low = 0;
  let high = chroma;
  for (let i = 0; i < 20; i++) {
    const mid = (low + high) / 2;
    if (fits(at(mid))) low = mid;
    else high = mid;
  }
  return at(low);
}

/**
 * A shade of `color` with the same CIELAB hue that reaches 3:1 on `theme`'s
 * background: darker on light, lighter on dark, as little as needed (chroma
 * is kept where the gamut allows). A colour that already reaches it comes
 * back unchanged, lower-cased; a colour that is not `#rrggbb` comes back as is.
 */
export function markColour(color: string, theme: Theme): string {
  const rgb = parseHex(color);
  if (!rgb) return color;
  const hex = toHex(rgb);
  if (!failingThemes(hex).includes(theme)) return hex;
  const [l, a, b] = toLab(rgb);
  const chroma = Math.hypot(a, b);
  const h = Math.atan2(b, a);
  const target = theme === 'light' ? 0 : 100;
  const shade = (t: number): string =>
    toHex(
      inGamut(l + (target - l) * t, chroma, h).map((c) => fromLinear(Math.min(1, Math.max(0, c)))) as unknown as Rgb,
    );
  const passes = (t: number) => !failingThemes(shade(t)).includes(theme);
  let low = 0;
  let high = 1;
  for (let i = 0; i < 24; i++) {
    const mid = (low + high) / 2;
    if (passes(mid)) high = mid;
    else low = mid;
  }
  // Rounding to 8 bits can land a hair short; step on until it passes.
  let t = high;
  while (!passes(t) && t < 1) t = Math.min(1, t + 1 / 512);
  return shade(t);
}
