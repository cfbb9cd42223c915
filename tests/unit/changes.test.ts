import { describe, expect, it } from 'vitest';
import type { Change, ChangeSet } from '../../annotations/changes';
import { invert, sameJson } from '../../annotations/changes';
import type { Annotation, Relation } from '../../annotations/model';

const stamp = '2026-01-01T00:00:00.000Z';
const annotation: Annotation = {
  id: 'a1',
  articleId: 'art',
  annotator: 'alice',
  kind: 'claim',
  start: 0,
  end: 4,
  quote: 'ISIS',
  attributes: { verdict: 'unverified' },
  note: '',
  entityId: null,
  eventId: null,
  createdAt: stamp,
  updatedAt: stamp,
};
const edited: Annotation = { ...annotation, attributes: { verdict: 'false' }, updatedAt: '2026-01-02T00:00:00.000Z' };
const relation: Relation = {
  id: 'r1',
  articleId: 'art',
  annotator: 'alice',
  type: 'said-by',
  from: 'a1',
  to: { kind: 'annotation', id: 's1' },
  createdAt: stamp,
};

describe('invert', () => {
  const changeSet: ChangeSet = {
    label: 'Delete annotation',
    changes: [
      { type: 'relation', articleId: 'art', before: relation, after: null },
      { type: 'annotation', articleId: 'art', before: edited, after: null },
      { type: 'guidelines', before: 'one', after: 'two' },
    ],
  };

  it('reverses the order and swaps before and after, keeping the label and the rest of each change', () => {
    expect(invert(changeSet)).toEqual({
      label: 'Delete annotation',
      changes: [
        { type: 'guidelines', before: 'two', after: 'one' },
        { type: 'annotation', articleId: 'art', before: null, after: edited },
        { type: 'relation', articleId: 'art', before: null, after: relation },
      ],
    });
  });

  it('undoes an update back to the earlier record', () => {
    const update: Change = { type: 'annotation', articleId: 'art', before: annotation, after: edited };
    expect(invert({ label: 'Edit', changes: [update] }).changes).toEqual([
      { type: 'annotation', articleId: 'art', before: edited, after: annotation },
    ]);
  });

  it('is its own inverse, and leaves its input alone', () => {
    const copy = structuredClone(changeSet);
    expect(invert(invert(changeSet))).toEqual(changeSet);
    expect(changeSet).toEqual(copy);
    expect(invert({ label: 'nothing', changes: [] })).toEqual({ label: 'nothing', changes: [] });
  });
});

describe('sameJson', () => {
  it('ignores key order at every depth, and keys holding undefined', () => {
    expect(sameJson({ a: 1, b: { c: [1, { d: 2, e: 3 }] } }, { b: { c: [1, { e: 3, d: 2 }] }, a: 1 })).toBe(true);
    expect(sameJson(annotation, { ...structuredClone(annotation) })).toBe(true);
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(true);
  });

  it('tells arrays from objects, and keeps array order and length', () => {
    expect(sameJson([], {})).toBe(false);
    expect(sameJson({}, [])).toBe(false);
    expect(sameJson(['a'], { 0: 'a' })).toBe(false);
    expect(sameJson({ a: [] }, { a: {} })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
    expect(sameJson([[1], [2]], [[1], [2]])).toBe(true);
  });

  it('compares values strictly: types, null, and missing or extra keys', () => {
    expect(sameJson(1, 1)).toBe(true);
    expect(sameJson('1', 1)).toBe(false);
    expect(sameJson(0, false)).toBe(false);
    expect(sameJson(null, null)).toBe(true);
    expect(sameJson(null, {})).toBe(false);
    expect(sameJson({}, null)).toBe(false);
    expect(sameJson(null, undefined)).toBe(false);
    expect(sameJson({ a: null }, { a: undefined })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson({ a: 1, b: 2 }, { a: 1, c: 2 })).toBe(false);
    expect(sameJson(annotation, edited)).toBe(false);
  });
});
