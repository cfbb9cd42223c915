import { describe, expect, it } from 'vitest';
import { annText, bratSetups } from '../../annotations/imports/brat-files';

const file = (name: string, text: string | Uint8Array) => ({ name, content: Buffer.from(text).toString('base64') });
const conf = (name: string, type: string) => file(name, `[entities]\n${type}\n[relations]\n[events]\n[attributes]\n`);

describe('brat import files', () => {
  it('each .ann takes the annotation.conf of its folder, else the nearest above, else any of the import', () => {
    const setupOf = bratSetups([
      conf('corpus/annotation.conf', 'Top'),
      conf('corpus/news/annotation.conf', 'News'),
      file('corpus/news/visual.conf', '[labels]\nNews | News items\n'),
      conf('elsewhere/annotation.conf', 'Elsewhere'),
    ]);
    const typeOf = (ann: string) => setupOf(ann).conf?.entities.map((e) => e.name);
    expect(typeOf('corpus/news/a.ann')).toEqual(['News']);
    expect(typeOf('corpus/news/2024/b.ann')).toEqual(['News']);
    expect(typeOf('corpus/sport/c.ann')).toEqual(['Top']);
    expect(typeOf('d.ann')).toEqual(['Top']);
    expect(setupOf('corpus/news/a.ann').visual?.labels.get('News')).toBe('News items');
    expect(setupOf('corpus/sport/c.ann').visual?.labels.get('News')).toBe('News items');
    expect(bratSetups([file('x.txt', 'x')])('x.ann')).toEqual({ conf: null, visual: null, errors: [] });
    expect(bratSetups([file('c\\annotation.conf', '[entity]\n')])('c\\a.ann').errors).toEqual([
      'c\\annotation.conf line 1: unknown section [entity]; annotation.conf has [entities] [relations] [events] [attributes]',
    ]);
  });

  it('a .ann is UTF-8 text: empty is an empty layer; NUL bytes or other encodings are refused saying where', () => {
    expect(annText(file('a.ann', ''))).toEqual({ text: '' });
    expect(annText(file('a.ann', '\uFEFFT1\tPER 0 1\tx\n'))).toEqual({ text: 'T1\tPER 0 1\tx\n' });
    expect(annText(file('a.ann', new Uint8Array([0x54, 0x31, 0x0a, 0x41, 0x00])))).toEqual({
      reason: 'binary, not a brat .ann: it holds a NUL byte (line 2, byte 5); a .ann is UTF-8 text',
    });
    // Latin-1 "é", an overlong "/" and a lone surrogate: none is UTF-8.
    for (const [bytes, at] of [
      [[0x0a, 0x0a, 0x4a, 0xe9], 'byte 0xE9 at line 3 (byte 4)'],
      [[0xc0, 0xaf], 'byte 0xC0 at line 1 (byte 1)'],
      [[0x41, 0xed, 0xa0, 0x80], 'byte 0xED at line 1 (byte 2)'],
    ] as const)
      expect(annText(file('a.ann', new Uint8Array(bytes)))).toEqual({
        reason: `not UTF-8 text: ${at} is not UTF-8; save the .ann as UTF-8`,
      });
    expect(annText(file('a.ann', 'Dehqān 👍🏽'))).toEqual({ text: 'Dehqān 👍🏽' });
  });
});
