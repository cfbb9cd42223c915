import { describe, expect, it } from 'vitest';
import { conflictSummary, mergeThreeWay } from '../../annotations/sync';
import type { Tagset } from '../../annotations/tagset';
import { edit, entity, projectSnapshot, spanOf, syncTagset } from '../support/sync-snapshots';

describe('conflict summaries', () => {
  it('say what each conflict is about in one sentence', async () => {
    const base = await projectSnapshot([
      { type: 'entity', value: entity('e1', 'Minister') },
      { type: 'entity', value: entity('e2', 'Critics') },
    ]);
    const noEvents: Tagset = {
      ...syncTagset,
      kinds: syncTagset.kinds.filter((k) => k.kind !== 'event'),
      relations: syncTagset.relations.filter((r) => r.type !== 'agent'),
    };
    const ours = edit(
      base,
      [
        { type: 'entity', value: entity('e1', 'Finance minister') },
        { type: 'tagset', value: noEvents },
      ],
      ['entity/e2'],
    );
    const theirs = edit(base, [
      { type: 'entity', value: entity('e1', 'Jane Doe') },
      { type: 'annotation', value: spanOf('a1', 'bob', 'y1', 'event', 'resigns') },
      { type: 'annotation', value: spanOf('a1', 'bob', 'y2', 'person', 'Critics', { entityId: 'e2' }) },
    ]);
    const result = mergeThreeWay(base, ours, theirs);
    expect(result.conflicts.map(conflictSummary)).toEqual([
      'bob\'s person "Critics" points to entity "Critics", deleted on one side: restore it, or drop the link',
      'entity "Finance minister": changed differently on both sides',
      'kind "event" was removed or changed, yet 1 record made elsewhere use it: keep it, or drop them',
    ]);
    const deleted = mergeThreeWay(base, edit(base, [], ['entity/e1']), theirs);
    expect(conflictSummary(deleted.conflicts.find((c) => c.key === 'entity/e1')!)).toBe(
      'entity "Jane Doe": deleted here, changed on the other side',
    );
  });
});
