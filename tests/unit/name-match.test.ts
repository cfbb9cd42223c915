import { describe, expect, it } from 'vitest';
import { jaroWinkler, nameSimilarity, nameTokens, normalizeName } from '../../annotations/name-match';

describe('nameTokens', () => {
  it('drops titles and ranks, whatever their case', () => {
    expect(nameTokens('Brigadier General Hossein Dehqan')).toEqual(['hossein', 'dehqan']);
    expect(nameTokens('Iranian Defense Minister Brigadier General Hossein Dehqan')).toEqual([
      'iranian',
      'hossein',
      'dehqan',
    ]);
    expect(nameTokens('Ayatollah Ali al-Sistani')).toEqual(['ali', 'sistani']);
    expect(nameTokens('The Minister of Defense')).toEqual([]);
  });

  it('drops an Arabic article prefix ("al-", "el-", …) but keeps other hyphenated parts as one token', () => {
    expect(nameTokens('Khalid al-Obeidi')).toEqual(['khalid', 'obeidi']);
    expect(nameTokens('AL-OBEIDI')).toEqual(['obeidi']);
    expect(nameTokens('Abdel Fattah el-Sisi')).toEqual(['abdel', 'fattah', 'sisi']);
    expect(nameTokens('Abu-Bakr al-Baghdadi')).toEqual(['abubakr', 'baghdadi']);
    expect(nameTokens('Alan Smith')).toEqual(['alan', 'smith']);
  });

  it('folds diacritics and apostrophes, and splits on other punctuation', () => {
    expect(nameTokens('Ḥusayn Dehqān')).toEqual(['husayn', 'dehqan']);
    expect(nameTokens('José Pérez')).toEqual(['jose', 'perez']);
    expect(nameTokens('Dehqan’s')).toEqual(['dehqans']);
    expect(nameTokens('Dehqan, Hossein (Gen.)')).toEqual(['dehqan', 'hossein', 'gen']);
    expect(nameTokens('  ')).toEqual([]);
  });

  it('normalizeName joins the tokens with single spaces', () => {
    expect(normalizeName('  Brigadier  General Hossein   Dehqān ')).toBe('hossein dehqan');
  });
});

describe('jaroWinkler', () => {
  it('gives the published values (Winkler 1990)', () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 3);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.813, 3);
  });

  it('is 1 for identical strings, 0 against an empty one or with nothing in common', () => {
    expect(jaroWinkler('dehqan', 'dehqan')).toBe(1);
    expect(jaroWinkler('', '')).toBe(1);
    expect(jaroWinkler('', 'dehqan')).toBe(0);
    expect(jaroWinkler('dehqan', '')).toBe(0);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });

  it('stays within [0, 1] and rewards a shared prefix', () => {
    for (const [a, b] of [
      ['khalid', 'khaled'],
      ['hayali', 'hiyali'],
      ['tehran', 'dehqan'],
    ] as const) {
      const score = jaroWinkler(a, b);
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThan(1);
    }
    expect(jaroWinkler('khalid', 'khaled')).toBeGreaterThan(jaroWinkler('dilahk', 'delahk'));
  });
});

describe('nameSimilarity', () => {
  it('is 1 when both names come down to the same tokens', () => {
    expect(nameSimilarity('General Dehqan', 'dehqan')).toBe(1);
    expect(nameSimilarity('Brigadier General Hossein Dehqān', 'Hossein Dehqan')).toBe(1);
  });

  it('scores spelling variants high but below 1', () => {
    const score = nameSimilarity('Khalid al-Obeidi', 'Khaled al-Obeidi');
    expect(score).toBeGreaterThanOrEqual(0.82);
    expect(score).toBeLessThan(1);
    expect(nameSimilarity('Hayali', 'Erfan al-Hiyali')).toBeGreaterThanOrEqual(0.8);
    expect(nameSimilarity('Khalid', 'Khalid Obeidi')).toBeLessThanOrEqual(0.99);
  });

  it('scores strangers low, and a name of titles only 0', () => {
    expect(nameSimilarity('Tehran', 'Hossein Dehqan')).toBeLessThan(0.8);
    expect(nameSimilarity('Salim al-Jabouri', 'Khaled al-Obeidi')).toBeLessThan(0.8);
    expect(nameSimilarity('the Defense Minister', 'Hossein Dehqan')).toBe(0);
    expect(nameSimilarity('Dehqan', '')).toBe(0);
  });
});
