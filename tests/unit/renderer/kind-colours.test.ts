import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TAGSET } from '../../../annotations/default-tagset';
import { deltaE2000, parseHex, simulate, toHex, toLab } from '../../../renderer/src/a11y/colour-science';
import {
  confusions,
  failingThemes,
  kindColourWarnings,
  markColour,
  markContrast,
  MIN_MARK_CONTRAST,
  seenDistance,
} from '../../../renderer/src/a11y/kind-colours';

const hex = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map(([r, g, b]) => `#${[r, g, b].map((n) => n.toString(16).padStart(2, '0')).join('')}`);

const hue = (color: string) => {
  const [, a, b] = toLab(parseHex(color)!);
  return (Math.atan2(b, a) * 180) / Math.PI;
};

describe('colour science', () => {
  it('computes CIEDE2000 as Sharma, Wu & Dalal’s test data give it', () => {
    // Pairs 1, 7, 17 and 25 of the published table.
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(deltaE2000([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
    expect(deltaE2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
    expect(deltaE2000([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387])).toBeCloseTo(1.2644, 4);
  });

  it('converts white, black and sRGB red to L*a*b*', () => {
    expect(toLab([1, 1, 1])[0]).toBeCloseTo(100, 3);
    expect(toLab([0, 0, 0])[0]).toBeCloseTo(0, 3);
    const [l, a, b] = toLab([1, 0, 0]);
    expect([l, a, b].map((x) => Math.round(x))).toEqual([53, 80, 67]);
  });

  it('leaves greys unchanged under every simulated deficiency', () => {
    for (const grey of ['#000000', '#777777', '#ffffff'])
      for (const d of ['protanopia', 'deuteranopia', 'tritanopia'] as const)
        expect(toHex(simulate(parseHex(grey)!, d))).toBe(grey);
  });
});

describe('kind colour checks', () => {
  const defaults = DEFAULT_TAGSET.kinds;

  it('passes the default tagset: 3:1 on both themes, and no two kinds confusable in any vision', () => {
    for (const kind of defaults)
      expect({ kind: kind.kind, failing: failingThemes(kind.color) }).toEqual({
        kind: kind.kind,
        failing: [],
      });
    expect(confusions(defaults)).toEqual([]);
    for (const kind of defaults) expect(kindColourWarnings(kind, defaults)).toEqual([]);
  });

  it('fails a red and a green that deuteranopes cannot tell apart, though others can', () => {
    const red = { kind: 'a', label: 'Red', color: '#d62728' };
    const green = { kind: 'b', label: 'Green', color: '#2ca02c' };
    expect(seenDistance(red.color, green.color, 'normal vision')).toBeGreaterThan(50);
    expect(seenDistance(red.color, green.color, 'deuteranopia')).toBeLessThan(10);
    expect(confusions([red, green])).toMatchObject([{ a: red, b: green, vision: 'deuteranopia' }]);
    expect(kindColourWarnings(red, [red, green])).toEqual(['Hard to tell from Green with deuteranopia']);
  });

  it('names a colour too faint on a theme and the same colour twice', () => {
    const amber = { kind: 'claim', label: 'Claim', color: '#e8a317' };
    const twin = { kind: 'quote', label: 'Quote', color: '#e8a317' };
    expect(failingThemes(amber.color)).toEqual(['light']);
    expect(kindColourWarnings(amber, [amber, twin])).toEqual([
      'Too faint on the light background: 2.2:1, below 3:1',
      'Hard to tell from Quote',
    ]);
    expect(failingThemes('#1e3a8a')).toEqual(['dark']);
  });
});

describe('markColour', () => {
  it('reaches 3:1 on the theme it is asked for, keeping the hue of a coloured input', () => {
    fc.assert(
      fc.property(hex, fc.constantFrom('light' as const, 'dark' as const), (color, theme) => {
        const shade = markColour(color, theme);
        expect(markContrast(shade)[theme]).toBeGreaterThanOrEqual(MIN_MARK_CONTRAST);
        const [, a, b] = toLab(parseHex(color)!);
        // Hue is only meaningful with some chroma, and 8-bit rounding moves it a little.
        if (Math.hypot(a, b) > 20 && Math.hypot(...toLab(parseHex(shade)!).slice(1)) > 10) {
          const turn = Math.abs(((hue(shade) - hue(color) + 540) % 360) - 180);
          expect(turn).toBeLessThan(6);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('returns a colour that already passes unchanged, and darkens amber for the light theme', () => {
    expect(markColour('#B57A13', 'light')).toBe('#b57a13');
    const darker = markColour('#e8a317', 'light');
    expect(darker).not.toBe('#e8a317');
    expect(markContrast(darker).light).toBeGreaterThanOrEqual(3);
    expect(markContrast(darker).light).toBeLessThan(3.2);
    expect(markColour('#e8a317', 'dark')).toBe('#e8a317');
    expect(markContrast(markColour('#1e3a8a', 'dark')).dark).toBeGreaterThanOrEqual(3);
    expect(markColour('tomato', 'light')).toBe('tomato');
  });
});
