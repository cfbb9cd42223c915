import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../annotations/model';
import type { MergeConflict } from '../../annotations/sync/three-way-merge';
import { mergeThreeWay, resolveConflict } from '../../annotations/sync/three-way-merge';
import { recordKey, snapshotFromStore, storeFromSnapshot } from '../../annotations/sync/snapshot';
import type { SnapshotRecord } from '../../annotations/sync/snapshot';
import { validateSnapshot } from '../../annotations/sync/snapshot-problems';
import type { Tagset } from '../../annotations/tagset';
import { articleFromText } from '../../annotations/article-text';
import {
  STAMP,
  edit,
  entity,
  eventRecord,
  link,
  projectSnapshot,
  spanOf,
  syncArticles,
  syncTagset,
} from '../support/sync-snapshots';

const ann = (value: Annotation): SnapshotRecord => ({ type: 'annotation', value });
const keyOf = (value: Annotation) => recordKey(ann(value));
const only = <T extends MergeConflict['type']>(conflicts: MergeConflict[], type: T) => {
  expect(conflicts.map((c) => c.type)).toEqual([type]);
  return conflicts[0] as Extract<MergeConflict, { type: T }>;
};

describe('three-way merge by record id', () => {
  it('takes each side’s own work: new annotations of two people, an entity renamed on one side', async () => {
    const minister = entity('e1', 'The minister');
    const base = await projectSnapshot([{ type: 'entity', value: minister }]);
    const alice = spanOf('a1', 'alice', 'x1', 'claim', 'the budget was balanced');
    const bob = spanOf('a1', 'bob', 'y1', 'claim', 'the budget was balanced', { attributes: { verdict: 'false' } });
    const ours = edit(base, [ann(alice)]);
    const theirs = edit(base, [ann(bob), { type: 'entity', value: { ...minister, name: 'Finance minister' } }]);
    const result = mergeThreeWay(base, ours, theirs);
    expect(result.conflicts).toEqual([]);
    expect(result.merged.records[keyOf(alice)]?.value).toEqual(alice);
    expect(result.merged.records[keyOf(bob)]?.value).toEqual(bob);
    expect(result.merged.records['entity/e1']?.value).toMatchObject({ name: 'Finance minister' });
    expect(validateSnapshot(result.merged)).toEqual([]);
  });

  it('the same annotation id in two people’s layers never collides: the key carries the annotator', async () => {
    const a = spanOf('a1', 'alice', 'x1', 'claim', 'Critics disagreed');
    expect(keyOf(a)).toBe('annotation/a1/alice/x1');
    expect(keyOf({ ...a, annotator: 'Bob Smith/Desk' })).toBe('annotation/a1/Bob%20Smith%2FDesk/x1');
  });

  it('takes a record changed alike on both sides without a conflict', async () => {
    const base = await projectSnapshot([{ type: 'entity', value: entity('e1', 'Minister') }]);
    const renamed = edit(base, [{ type: 'entity', value: entity('e1', 'The minister') }]);
    const result = mergeThreeWay(base, renamed, renamed);
    expect(result.conflicts).toEqual([]);
    expect(result.merged).toEqual(renamed);
  });

  it('reports one entity changed differently on both sides, keeps ours until chosen, then takes the choice', async () => {
    const base = await projectSnapshot([{ type: 'entity', value: entity('e1', 'Minister') }]);
    const ours = edit(base, [{ type: 'entity', value: entity('e1', 'Finance minister') }]);
    const theirs = edit(base, [{ type: 'entity', value: entity('e1', 'Jane Doe') }]);
    const result = mergeThreeWay(base, ours, theirs);
    const conflict = only(result.conflicts, 'record');
    expect(conflict.key).toBe('entity/e1');
    expect(conflict.base?.value).toMatchObject({ name: 'Minister' });
    expect(conflict.ours?.value).toMatchObject({ name: 'Finance minister' });
    expect(conflict.theirs?.value).toMatchObject({ name: 'Jane Doe' });
    expect(result.merged.records['entity/e1']?.value).toMatchObject({ name: 'Finance minister' });

    const theirsChosen = resolveConflict(result, 'entity/e1', 'theirs');
    expect(theirsChosen.conflicts).toEqual([]);
    expect(theirsChosen.merged.records['entity/e1']?.value).toMatchObject({ name: 'Jane Doe' });
    const own = resolveConflict(result, 'entity/e1', {
      value: { type: 'entity', value: entity('e1', 'Jane Doe, minister') },
    });
    expect(own.merged.records['entity/e1']?.value).toMatchObject({ name: 'Jane Doe, minister' });
  });

  it('reports a deletion against a change, and deletes when the deletion is chosen', async () => {
    const base = await projectSnapshot([{ type: 'entity', value: entity('e1', 'Minister') }]);
    const ours = edit(base, [], ['entity/e1']);
    const theirs = edit(base, [{ type: 'entity', value: entity('e1', 'Jane Doe') }]);
    const result = mergeThreeWay(base, ours, theirs);
    const conflict = only(result.conflicts, 'record');
    expect(conflict.ours).toBeNull();
    expect(conflict.theirs?.value).toMatchObject({ name: 'Jane Doe' });
    expect(result.merged.records['entity/e1']).toBeUndefined();
    expect(resolveConflict(result, 'entity/e1', 'theirs').merged.records['entity/e1']).toBeDefined();
  });

  it('refuses a chosen value that is not a record of that key, and an unknown conflict', async () => {
    const base = await projectSnapshot([{ type: 'entity', value: entity('e1', 'Minister') }]);
    const result = mergeThreeWay(
      base,
      edit(base, [{ type: 'entity', value: entity('e1', 'A') }]),
      edit(base, [{ type: 'entity', value: entity('e1', 'B') }]),
    );
    expect(() => resolveConflict(result, 'entity/e1', { value: { type: 'entity', value: entity('e2', 'B') } })).toThrow(
      /not a valid record of that key/,
    );
    expect(() =>
      resolveConflict(result, 'entity/e1', { value: { type: 'entity', value: { ...entity('e1', ''), name: '' } } }),
    ).toThrow(/entity\/e1/);
    expect(() => resolveConflict(result, 'entity/e1', 'keep')).toThrow(/record conflict cannot be resolved/);
    expect(() => resolveConflict(result, 'entity/e9', 'ours')).toThrow(/No conflict "entity\/e9"/);
  });

  it('refuses a side that is not a sound store, naming the side and the record', async () => {
    const base = await projectSnapshot();
    const bad = edit(base, [ann(spanOf('a1', 'bob', 'y1', 'quote', 'Critics'))]);
    expect(() => mergeThreeWay(base, base, bad)).toThrow(
      /their side cannot be merged: annotation\/a1\/bob\/y1: Unknown annotation kind "quote"/,
    );
  });
});

describe('semantic conflicts', () => {
  const withoutMisleading: Tagset = {
    ...syncTagset,
    kinds: syncTagset.kinds.map((k) =>
      k.kind === 'claim' ? { ...k, attributes: [{ ...k.attributes[0]!, options: ['true', 'false'] } as never] } : k,
    ),
  };

  it('an attribute option removed on one side, used on the other: keep the option, or drop the orphans', async () => {
    const claim = spanOf('a1', 'bob', 'y1', 'claim', 'the budget was balanced');
    const said = spanOf('a1', 'bob', 'y2', 'person', 'The minister');
    const saidBy = link('a1', 'bob', 'r1', 'said-by', 'y1', { kind: 'annotation', id: 'y2' });
    const base = await projectSnapshot([ann(said)]);
    const ours = edit(base, [{ type: 'tagset', value: withoutMisleading }]);
    const misleading = { ...claim, attributes: { verdict: 'misleading' } };
    const theirs = edit(base, [ann(misleading), { type: 'relation', value: saidBy }]);
    const result = mergeThreeWay(base, ours, theirs);

    const conflict = only(result.conflicts, 'tagset-use');
    expect(conflict.key).toBe('tagset-use/kind/claim');
    expect(conflict.element).toEqual({ type: 'kind', name: 'claim' });
    expect(conflict.side).toBe('theirs');
    expect(conflict.records.map((r) => r.key)).toEqual([keyOf(claim), 'relation/a1/bob/r1']);
    expect(conflict.records[0]!.problem).toMatch(/misleading/);
    expect(result.merged.records[keyOf(claim)]).toBeUndefined();
    expect(validateSnapshot(result.merged)).toEqual([]);

    const kept = resolveConflict(result, conflict.key, 'keep');
    expect(kept.conflicts).toEqual([]);
    expect(kept.merged.records[keyOf(claim)]?.value).toEqual(misleading);
    expect(kept.merged.records['relation/a1/bob/r1']?.value).toEqual(saidBy);
    expect(validateSnapshot(kept.merged)).toEqual([]);

    const dropped = resolveConflict(result, conflict.key, 'drop');
    expect(dropped.conflicts).toEqual([]);
    expect(dropped.merged.records.tagset?.value).toEqual(withoutMisleading);
    expect(dropped.merged.records[keyOf(claim)]).toBeUndefined();
  });

  it('a kind removed on one side, used on the other: the kind’s conflict lists its spans and their links; keeping it brings up the relation type', async () => {
    const noEvents: Tagset = {
      ...syncTagset,
      kinds: syncTagset.kinds.filter((k) => k.kind !== 'event'),
      relations: syncTagset.relations.filter((r) => r.type !== 'agent'),
    };
    const base = await projectSnapshot([ann(spanOf('a1', 'alice', 'p1', 'person', 'The minister'))]);
    const ours = edit(base, [{ type: 'tagset', value: noEvents }]);
    const resigns = spanOf('a1', 'alice', 'v1', 'event', 'resigns');
    const agent = link('a1', 'alice', 'r1', 'agent', 'v1', { kind: 'annotation', id: 'p1' });
    const theirs = edit(base, [ann(resigns), { type: 'relation', value: agent }]);
    const result = mergeThreeWay(base, ours, theirs);
    const conflict = only(result.conflicts, 'tagset-use');
    expect(conflict.element).toEqual({ type: 'kind', name: 'event' });
    expect(conflict.records.map((r) => r.key)).toEqual([keyOf(resigns), 'relation/a1/alice/r1']);
    expect(validateSnapshot(result.merged)).toEqual([]);
    const kind = resolveConflict(result, 'tagset-use/kind/event', 'keep');
    expect(kind.conflicts.map((c) => c.key)).toEqual(['tagset-use/relation/agent']);
    expect(kind.merged.records[keyOf(resigns)]?.value).toEqual(resigns);
    const both = resolveConflict(kind, 'tagset-use/relation/agent', 'keep');
    expect(both.conflicts).toEqual([]);
    expect(both.merged.records[keyOf(resigns)]?.value).toEqual(resigns);
    expect(both.merged.records['relation/a1/alice/r1']?.value).toEqual(agent);
  });

  it('an article label option removed on one side, chosen on the other: keep restores the article labels', async () => {
    const base = await projectSnapshot();
    const twoStances: Tagset = {
      ...syncTagset,
      documentLabels: [{ ...syncTagset.documentLabels[0]!, options: ['pro', 'con'] } as never],
    };
    const ours = edit(base, [{ type: 'tagset', value: twoStances }]);
    const labels = { annotator: 'bob', labels: { stance: 'neutral' }, done: true, updatedAt: STAMP };
    const theirs = edit(base, [{ type: 'labels', articleId: 'a2', value: labels }]);
    const result = mergeThreeWay(base, ours, theirs);
    const conflict = only(result.conflicts, 'tagset-use');
    expect(conflict).toMatchObject({ key: 'tagset-use/documentLabels', records: [{ key: 'labels/a2/bob' }] });
    expect(result.merged.records['labels/a2/bob']).toBeUndefined();
    const kept = resolveConflict(result, conflict.key, 'keep');
    expect(kept.conflicts).toEqual([]);
    expect(kept.merged.records['labels/a2/bob']?.value).toEqual(labels);
    expect(kept.merged.records.tagset?.value).toEqual(syncTagset);
    expect(() => resolveConflict(result, conflict.key, 'restore')).toThrow(/tagset-use conflict cannot be resolved/);
  });

  it('an annotation linked to an entity deleted on the other side: the entity stays until chosen; drop unlinks', async () => {
    const base = await projectSnapshot([{ type: 'entity', value: entity('e1', 'Minister') }]);
    const ours = edit(base, [], ['entity/e1']);
    const mention = spanOf('a1', 'bob', 'y1', 'person', 'The minister', { entityId: 'e1' });
    const theirs = edit(base, [ann(mention)]);
    const result = mergeThreeWay(base, ours, theirs);
    const conflict = only(result.conflicts, 'dangling');
    expect(conflict).toMatchObject({
      record: keyOf(mention),
      target: 'entity/e1',
      ref: { field: 'entityId', id: 'e1' },
    });
    expect(result.merged.records['entity/e1']).toBeDefined();
    const dropped = resolveConflict(result, conflict.key, 'drop');
    expect(dropped.conflicts).toEqual([]);
    expect(dropped.merged.records['entity/e1']).toBeUndefined();
    expect(dropped.merged.records[keyOf(mention)]?.value).toMatchObject({ entityId: null });
    expect(validateSnapshot(dropped.merged)).toEqual([]);
    expect(resolveConflict(result, conflict.key, 'restore').merged.records['entity/e1']).toBeDefined();
  });

  it('an event participant and a gold relation end deleted on the other side are dangling references', async () => {
    const gold = spanOf('a1', 'gold', 'g1', 'person', 'The minister');
    const claim = spanOf('a1', 'gold', 'g2', 'claim', 'the budget was balanced');
    const base = await projectSnapshot([{ type: 'entity', value: entity('e1', 'Minister') }, ann(gold), ann(claim)]);
    const ours = edit(base, [], ['entity/e1', keyOf(gold)]);
    const theirs = edit(base, [
      { type: 'event', value: eventRecord('v1', 'Resignation', ['e1']) },
      { type: 'relation', value: link('a1', 'gold', 'r1', 'said-by', 'g2', { kind: 'annotation', id: 'g1' }) },
    ]);
    const result = mergeThreeWay(base, ours, theirs);
    expect(result.conflicts.map((c) => c.key)).toEqual([
      'dangling/event/v1/participants/e1',
      'dangling/relation/a1/gold/r1/to/g1',
    ]);
    let settled = resolveConflict(result, 'dangling/event/v1/participants/e1', 'drop');
    settled = resolveConflict(settled, 'dangling/relation/a1/gold/r1/to/g1', 'drop');
    expect(settled.conflicts).toEqual([]);
    expect(settled.merged.records['event/v1']?.value).toMatchObject({ participants: [] });
    expect(settled.merged.records['relation/a1/gold/r1']).toBeUndefined();
    expect(settled.merged.records[keyOf(gold)]).toBeUndefined();
  });

  it('an article added on both sides with different texts: a record conflict, and the spans that do not fit ours listed', async () => {
    const base = await projectSnapshot();
    const [model] = await syncArticles();
    const mine = { ...model!, id: 'a3' };
    const other = await articleFromText('a3', 'Another text entirely', 'test', STAMP);
    const theirSpan: Annotation = {
      ...spanOf('a1', 'bob', 'y1', 'claim', 'The minister'),
      articleId: 'a3',
      start: 0,
      end: 7,
      quote: 'Another',
    };
    const ours = edit(base, [{ type: 'article', value: mine }]);
    const theirs = edit(base, [{ type: 'article', value: other }, ann(theirSpan)]);
    const result = mergeThreeWay(base, ours, theirs);
    expect(result.conflicts.map((c) => c.key)).toEqual(['article/a3', 'text-mismatch/a3']);
    expect(validateSnapshot(result.merged)).toEqual([]);
    const theirText = resolveConflict(result, 'article/a3', 'theirs');
    expect(theirText.conflicts).toEqual([]);
    expect(theirText.merged.records[keyOf(theirSpan)]).toBeDefined();
  });
});

describe('what the merge cannot do', () => {
  it('refuses, changing nothing, two people’s annotations of one article under one id', async () => {
    const base = await projectSnapshot();
    const ours = edit(base, [ann(spanOf('a1', 'alice', 'T1', 'claim', 'Critics disagreed'))]);
    const theirs = edit(base, [ann(spanOf('a1', 'bob', 'T1', 'claim', 'Critics disagreed'))]);
    expect(() => mergeThreeWay(base, ours, theirs)).toThrow(
      /cannot be stored: annotation\/a1\/bob\/T1: has the id of annotation\/a1\/alice\/T1, and an id is unique within an article/,
    );
  });

  it('checks a side where it differs from the base, and everywhere when its tagset or registry lost something', async () => {
    const resigns = spanOf('a2', 'alice', 'v1', 'event', 'flooded');
    const mention = spanOf('a1', 'alice', 'p1', 'person', 'The minister', { entityId: 'e1' });
    const base = await projectSnapshot([
      { type: 'entity', value: entity('e1', 'Minister') },
      ann(resigns),
      ann(mention),
    ]);
    const noEvents: Tagset = {
      ...syncTagset,
      kinds: syncTagset.kinds.filter((k) => k.kind !== 'event'),
      relations: syncTagset.relations.filter((r) => r.type !== 'agent'),
    };
    // Only a1 is touched, yet the tagset change leaves a2's event without its kind.
    const touched = ann(spanOf('a1', 'bob', 'y1', 'claim', 'Critics disagreed'));
    const orphaning = edit(base, [{ type: 'tagset', value: noEvents }, touched]);
    expect(() => mergeThreeWay(base, base, orphaning)).toThrow(
      /their side cannot be merged: annotation\/a2\/alice\/v1/,
    );
    const unlinking = edit(base, [ann(spanOf('a2', 'bob', 'y3', 'claim', 'Officials'))], ['entity/e1']);
    expect(() => mergeThreeWay(base, unlinking, base)).toThrow(
      /our side cannot be merged: annotation\/a1\/alice\/p1: points to entity "e1"/,
    );
    const badSpan = edit(base, [ann({ ...spanOf('a2', 'bob', 'y2', 'claim', 'Officials'), quote: 'Official' })]);
    expect(() => mergeThreeWay(base, base, badSpan)).toThrow(/annotation\/a2\/bob\/y2: Quote does not match/);
  });

  it('a dangling link on a record kept only as another conflict’s target can be dropped, and the merge moves on', async () => {
    const person = spanOf('a1', 'alice', 'p1', 'person', 'The minister', { entityId: 'e1' });
    const base = await projectSnapshot([{ type: 'entity', value: entity('e1', 'Minister') }, ann(person)]);
    // One machine deletes the entity and the mention; the other links a claim to the mention.
    const ours = edit(base, [], ['entity/e1', keyOf(person)]);
    const claim = spanOf('a1', 'alice', 'c1', 'claim', 'the budget was balanced');
    const saidBy = link('a1', 'alice', 'r1', 'said-by', 'c1', { kind: 'annotation', id: 'p1' });
    const theirs = edit(base, [ann(claim), { type: 'relation', value: saidBy }]);
    const result = mergeThreeWay(base, ours, theirs);
    expect(result.conflicts.map((c) => c.key)).toEqual([
      'dangling/annotation/a1/alice/p1/entityId/e1',
      'dangling/relation/a1/alice/r1/to/p1',
    ]);
    // Unlinking keeps the mention, without its entity: the claim's link then has its end.
    const unlinked = resolveConflict(result, 'dangling/annotation/a1/alice/p1/entityId/e1', 'drop');
    expect(unlinked.conflicts).toEqual([]);
    expect(unlinked.merged.records['entity/e1']).toBeUndefined();
    expect(unlinked.merged.records[keyOf(person)]?.value).toEqual({ ...person, entityId: null });
    expect(unlinked.merged.records['relation/a1/alice/r1']?.value).toEqual(saidBy);
    expect(validateSnapshot(unlinked.merged)).toEqual([]);
    // Dropping the claim's link instead leaves both deletions standing.
    const done = resolveConflict(result, 'dangling/relation/a1/alice/r1/to/p1', 'drop');
    expect(done.conflicts).toEqual([]);
    expect(done.merged.records['relation/a1/alice/r1']).toBeUndefined();
    expect(done.merged.records[keyOf(person)]).toBeUndefined();
    expect(done.merged.records['entity/e1']).toBeUndefined();
    expect(validateSnapshot(done.merged)).toEqual([]);
  });
});

describe('store content and snapshots', () => {
  it('a store’s content goes to a snapshot and back unchanged, lists in key order', async () => {
    const snapshot = await projectSnapshot([
      ann(spanOf('a1', 'alice', 'x1', 'claim', 'Critics disagreed')),
      {
        type: 'labels',
        articleId: 'a1',
        value: { annotator: 'alice', labels: { stance: 'con' }, done: true, updatedAt: '2026-01-01T00:00:00.000Z' },
      },
      { type: 'entity', value: entity('e1', 'Minister') },
    ]);
    const content = storeFromSnapshot(snapshot);
    expect(content.layers.a1?.annotations.map((a) => a.id)).toEqual(['x1']);
    expect(content.layers.a1?.documentLabels).toHaveLength(1);
    expect(snapshotFromStore(content)).toEqual(snapshot);
  });
});
