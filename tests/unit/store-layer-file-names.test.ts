import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAnnotatorFileName, encodeAnnotatorFileName } from '../../annotations/node/layer-file-names';

/** What every file system takes, case-insensitively distinct, never a Windows device name. */
const SAFE = /^[a-z0-9_~-]{1,180}$/;
const DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

const names = fc.oneof(
  fc.string({ minLength: 1, maxLength: 200 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }),
  fc.constantFrom('..', '.', '../x', 'a/b', 'a\\b', 'CON', 'con', 'Nul', 'com1', 'LPT9', 'gold', 'Gold', ' x ', 'x.'),
);

describe('annotator names as layer file names', () => {
  it('are safe file names for every name, and read back to the name', () => {
    fc.assert(
      fc.property(names, (name) => {
        const code = encodeAnnotatorFileName(name);
        expect(code).toMatch(SAFE);
        expect(code).not.toMatch(DEVICE);
        if (!code.includes('~')) expect(decodeAnnotatorFileName(code)).toBe(name);
      }),
      { numRuns: 2000 },
    );
  });

  it('never give two names one file, not even names that differ only in case', () => {
    fc.assert(
      fc.property(names, names, (a, b) => {
        fc.pre(a !== b);
        expect(encodeAnnotatorFileName(a).toLowerCase()).not.toBe(encodeAnnotatorFileName(b).toLowerCase());
      }),
      { numRuns: 2000 },
    );
  });

  it('keep plain lowercase names as they are and escape the rest', () => {
    expect(encodeAnnotatorFileName('alice')).toBe('alice');
    expect(encodeAnnotatorFileName('gold')).toBe('gold');
    expect(encodeAnnotatorFileName('Ana')).toBe('_0041na');
    expect(encodeAnnotatorFileName('../x')).toBe('_002e_002e_002fx');
    expect(encodeAnnotatorFileName('a/b')).toBe('a_002fb');
    expect(encodeAnnotatorFileName('con')).toBe('_0063on');
    expect(encodeAnnotatorFileName('CON')).toBe('_0043_004f_004e');
    expect(encodeAnnotatorFileName('José')).toBe('_004aos_00e9');
  });

  it('read back only the one code each name has', () => {
    for (const code of ['_0061', 'con', 'A', '_004', 'a.json', '', 'x~0123'])
      expect(decodeAnnotatorFileName(code)).toBeNull();
  });

  it('cut a name too long for a file name, and still tell long names apart', () => {
    const long = 'É'.repeat(200);
    const code = encodeAnnotatorFileName(long);
    expect(code.length).toBeLessThanOrEqual(180);
    expect(code).toMatch(SAFE);
    expect(encodeAnnotatorFileName(`${long.slice(0, 199)}e`)).not.toBe(code);
  });
});
