import { describe, expect, it } from 'vitest';
import { articleIdFrom, createIdSet, MAX_ARTICLE_ID, recordIdFrom } from '../../annotations/imports/import-ids';
import { IdSchema } from '../../annotations/model';

const valid = (id: string) => IdSchema.safeParse(id).success;

describe('articleIdFrom', () => {
  it('keeps the readable part of a file name or id, without path or extension', () => {
    const taken = createIdSet();
    expect(articleIdFrom('../data/doc.ann', taken)).toBe('doc');
    expect(articleIdFrom('C:\\corpus\\news 01.txt', taken)).toBe('news-01');
    expect(articleIdFrom('sample-corpus/000_0032acaf3c30b9bc.txt', taken)).toBe('000_0032acaf3c30b9bc');
    expect(articleIdFrom('report.v2', taken)).toBe('report.v2');
    expect(articleIdFrom('Dehqān – café', taken)).toBe('Dehqan-cafe');
    expect(articleIdFrom('http://example.org/news/item-7?x=1#f', taken)).toBe('item-7-x-1-f');
  });

  it('never gives an empty, dotted, dashed or device id', () => {
    const taken = createIdSet();
    for (const raw of ['', '..', '../', '.hidden', '-x-', '日本語.txt', '   ', '\u0000', 'con.txt', 'LPT1'])
      expect(valid(articleIdFrom(raw, taken)), raw).toBe(true);
    expect(articleIdFrom('', createIdSet())).toBe('article');
    expect(articleIdFrom('.hidden', createIdSet())).toBe('hidden');
    expect(articleIdFrom('con.txt', createIdSet())).toBe('con_');
    expect(articleIdFrom('aux.v1', createIdSet())).toBe('aux_.v1');
  });

  it('cuts long ids and keeps two long ones apart by a hash of the original', () => {
    const taken = createIdSet();
    const a = articleIdFrom(`${'x'.repeat(200)}a`, taken);
    const b = articleIdFrom(`${'x'.repeat(200)}b`, createIdSet());
    expect(a.length).toBeLessThanOrEqual(MAX_ARTICLE_ID);
    expect(valid(a) && valid(b)).toBe(true);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^x+-[0-9a-f]{8}$/);
  });

  it('is unique within the taken ids, without regard to case (one file on macOS and Windows)', () => {
    const taken = createIdSet(['doc']);
    expect(articleIdFrom('Doc.txt', taken)).toBe('Doc-2');
    expect(articleIdFrom('doc.txt', taken)).toBe('doc-3');
    const long = createIdSet();
    const ids = Array.from({ length: 12 }, () => articleIdFrom('y'.repeat(300), long));
    expect(new Set(ids).size).toBe(12);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(MAX_ARTICLE_ID);
  });
});

describe('recordIdFrom', () => {
  it('keeps valid ids as they are and makes any other one valid within 128 characters', () => {
    expect(recordIdFrom('doc.T1')).toBe('doc.T1');
    expect(recordIdFrom('doc.E1-agent-T3')).toBe('doc.E1-agent-T3');
    const long = recordIdFrom(`${'a'.repeat(120)}.E123456789-participant-T987654321`);
    expect(valid(long)).toBe(true);
    expect(long).not.toBe(recordIdFrom(`${'a'.repeat(120)}.E123456789-participant-T987654322`));
    expect(valid(recordIdFrom(''))).toBe(true);
  });
});
