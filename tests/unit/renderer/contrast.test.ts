import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chipStyle, contrastRatio, luminance, textOn } from '../../../renderer/src/a11y/contrast';

const hex = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map(([r, g, b]) => `#${[r, g, b].map((n) => n.toString(16).padStart(2, '0')).join('')}`);

describe('kind chip text colour', () => {
  it('reads at AA (4.5:1) or better on any hex colour', () => {
    fc.assert(
      fc.property(hex, (background) => {
        const ratio = contrastRatio(luminance(textOn(background))!, luminance(background)!);
        expect(ratio).toBeGreaterThanOrEqual(4.5);
      }),
    );
  });

  it('picks black on the sample tagset’s amber claim colour and white on a dark blue', () => {
    // White on #e8a317 is 2.16:1, the failure an accessibility scan reported.
    expect(textOn('#e8a317')).toBe('#000000');
    expect(textOn('#16a34a')).toBe('#000000');
    expect(textOn('#1e3a8a')).toBe('#ffffff');
    expect(textOn('#fff')).toBe('#000000');
  });

  it('matches WCAG’s figures for black on white', () => {
    expect(luminance('#ffffff')).toBeCloseTo(1);
    expect(luminance('#000')).toBe(0);
    expect(contrastRatio(1, 0)).toBe(21);
  });

  it('leaves colours it cannot read (names, rgb()) with white text, and no colour with none', () => {
    expect(luminance('tomato')).toBeNull();
    expect(textOn('rgb(0, 0, 0)')).toBe('#ffffff');
    expect(chipStyle(undefined)).toEqual({});
    expect(chipStyle('#e8a317')).toEqual({ backgroundColor: '#e8a317', color: '#000000' });
  });
});
