import { afterEach, describe, expect, it } from 'vitest';
import { exportBrat } from '../../annotations/formats/brat-standoff-format';
import { parseBratVisual } from '../../annotations/formats/brat-conf';
import { growTagset } from '../../annotations/imports/label-mapping';
import { validateTagset } from '../../annotations/tagset';
import type { TestStore } from '../support/interchange-store';
import { emptyStore, fileOf } from '../support/interchange-store';
import { testAnnotation, testArticle } from '../support/store-records';

const stores: TestStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.dispose();
});

const TAGSET = growTagset(
  validateTagset({
    name: 'NER',
    kinds: [{ kind: 'PER', label: 'Person | name', color: '#123456', hotkey: null, attributes: [] }],
  }),
  {
    kinds: [{ kind: 'LOC', label: 'Location', color: '#abcdef' }],
    relations: [{ type: 'Located_in', label: 'located in', from: ['PER'], to: ['LOC'] }],
  },
);

describe('brat export: visual.conf', () => {
  it('names each kind and relation and gives each kind its colour', () => {
    const files = exportBrat({ articles: [], tagset: TAGSET, entities: [], events: [] });
    const visual = files.find((f) => f.path === 'visual.conf');
    expect(visual).toBeDefined();
    const read = parseBratVisual(visual!.content);
    expect(Object.fromEntries(read.labels)).toEqual({ PER: 'Person name', LOC: 'Location', Located_in: 'located in' });
    expect(Object.fromEntries(read.colors)).toEqual({ PER: '#123456', LOC: '#abcdef' });
  });

  it('an export imported into a project that lacks its kinds brings their labels and colours along', async () => {
    const article = await testArticle('doc', 'Ana lives in Oslo.');
    const per = { ...testAnnotation('doc', 'a1', 0, 'Ana'), kind: 'PER' };
    const loc = { ...testAnnotation('doc', 'a2', 13, 'Oslo'), kind: 'LOC' };
    const files = exportBrat({
      articles: [{ article, layer: { annotations: [per, loc], relations: [], documentLabels: [] } }],
      tagset: TAGSET,
      entities: [],
      events: [],
    });
    const s = await emptyStore('carol');
    stores.push(s);
    const report = await s.importFiles({
      format: 'brat',
      extendTagset: true,
      files: files.map((f) => fileOf(f.path, f.content)),
    });
    expect(report.files.flatMap((f) => f.skipped)).toEqual([]);
    const kinds = s.project().tagset.kinds.filter((k) => k.kind === 'PER' || k.kind === 'LOC');
    expect(kinds.map(({ kind, label, color }) => ({ kind, label, color }))).toEqual([
      { kind: 'PER', label: 'Person name', color: '#123456' },
      { kind: 'LOC', label: 'Location', color: '#abcdef' },
    ]);
  });
});
