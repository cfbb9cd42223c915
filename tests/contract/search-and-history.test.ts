import { describe, expect, it } from 'vitest';
import type { ChangeSet, SearchHit } from '../../annotations/contract';
import type { Annotation, ArticleSummary, Entity } from '../../annotations/model';
import { FIRST, ok, refused } from './contract-cases';
import { A001, useLabellingSession } from './labelling-session';
import { TRANSPORTS } from './transports';

const HIRED = '"These hired terrorists (ISIL) are pursuing the interests of the US and Israel in the region,"';
const HOPE = '"I hope this meeting heralds further cooperation in the future …"';
const WE_DO_NOT_SEE =
  '"We do not see any other option than cooperation and being on the same side (with Iran) to uproot the terrorists,"';

describe.each(TRANSPORTS)('search and undo/redo over %s', (_name, open) => {
  const s = useLabellingSession(open);
  const search = (query: object) => ok<{ hits: SearchHit[]; total: number }>(s.send, 'search/query', query);
  const ids = async (query: object) => (await search(query)).hits.map((h) => h.annotation?.id);

  it('finds plain text case-insensitively, with exact offsets, up to the limit', async () => {
    const articles = await ok<ArticleSummary[]>(s.send, 'articles/list', {});
    const texts = new Map<string, string>();
    for (const a of articles) texts.set(a.id, await s.text(a.id));
    const expected = [...texts.values()].reduce((n, text) => n + (text.match(/tehran/gi)?.length ?? 0), 0);
    expect(expected).toBeGreaterThan(10);

    const all = await search({ text: 'TeHrAn' });
    expect(all.total).toBe(expected);
    expect(all.hits).toHaveLength(expected);
    for (const hit of all.hits) {
      expect(hit.annotation).toBeNull();
      expect(texts.get(hit.articleId)!.slice(hit.start, hit.end).toLowerCase()).toBe('tehran');
      expect(hit.title).toBe(articles.find((a) => a.id === hit.articleId)?.title);
    }
    const upperAt = texts.get(A001)!.indexOf('TEHRAN (FNA)');
    const upper = all.hits.find((h) => h.articleId === A001 && h.start === upperAt);
    expect(upper).toMatchObject({
      end: upperAt + 6,
      snippet: expect.stringContaining('TEHRAN (FNA)- Iranian Defense'),
    });

    const limited = await search({ text: 'tehran', limit: 3 });
    expect(limited).toEqual({ hits: all.hits.slice(0, 3), total: expected });
    expect(await search({ text: 'Mordor' })).toEqual({ hits: [], total: 0 });
  });

  it('filters annotations by kind, attribute, entity, speaker and annotator: "every claim by Dehqan marked false"', async () => {
    const entity = async (name: string) => (await s.mutate<Entity>('entities/create', { name, type: 'person' })).value;
    const dehqan = await entity('Hossein Dehqan');
    const obeidi = await entity('Khaled al-Obeidi');
    const d = await s.tag('speaker', 'General Dehqan', FIRST, { entityId: dehqan.id });
    const o = await s.tag('speaker', 'al-Obeidi', FIRST, { entityId: obeidi.id }, 2);
    const d1 = await s.tag('speaker', 'Brigadier General Dehqan', A001, { entityId: dehqan.id });
    const jabouri = await s.tag('speaker', 'al-Jabouri', A001, {}, 1);
    const claim = (needle: string, verdict: string, articleId = FIRST, note = '') =>
      s.tag('claim', needle, articleId, { attributes: { verdict }, note });
    const falseByDehqan = await claim(HIRED, 'false');
    const trueByDehqan = await claim(HOPE, 'true', FIRST, 'Said at the press conference');
    const falseByObeidi = await claim(WE_DO_NOT_SEE, 'false');
    const falseByDehqan1 = await claim(
      'The ISIL is a threat not only to Iraq, but to the entire region',
      'false',
      A001,
    );
    const falseByJabouri = await claim('Fighting (and uprooting) the ISIL needs colossal efforts', 'false', A001);
    for (const [c, by] of [
      [falseByDehqan, d],
      [trueByDehqan, d],
      [falseByObeidi, o],
      [falseByDehqan1, d1],
      [falseByJabouri, jabouri],
    ] as const)
      await s.link('said-by', c, by);

    const verdictFalse = { name: 'verdict', value: 'false' };
    const byDehqan = await search({ kind: 'claim', attribute: verdictFalse, speaker: dehqan.id });
    expect(byDehqan.hits.map((h) => h.annotation?.id)).toEqual([falseByDehqan.id, falseByDehqan1.id]);
    expect(byDehqan.total).toBe(2);
    expect(byDehqan.hits[0]).toMatchObject({ articleId: FIRST, start: falseByDehqan.start, end: falseByDehqan.end });
    expect(byDehqan.hits[0]?.snippet).toContain(HIRED);
    expect(await ids({ speaker: obeidi.id })).toEqual([falseByObeidi.id]);
    expect(await ids({ speaker: dehqan.id, attribute: { name: 'verdict', value: 'true' } })).toEqual([trueByDehqan.id]);
    expect(await ids({ attribute: verdictFalse })).toEqual([
      falseByDehqan.id,
      falseByObeidi.id,
      falseByDehqan1.id,
      falseByJabouri.id,
    ]);
    expect(await ids({ kind: 'speaker' })).toEqual([d.id, o.id, d1.id, jabouri.id]);
    expect(await ids({ entity: dehqan.id })).toEqual([d.id, d1.id]);
    expect(await ids({ entity: obeidi.id, kind: 'claim' })).toEqual([]);
    expect(await ids({ kind: 'claim', text: 'TERRORISTS' })).toEqual([falseByDehqan.id, falseByObeidi.id]);
    expect(await ids({ kind: 'claim', text: 'press conference' })).toEqual([trueByDehqan.id]);
    const limited = await search({ kind: 'claim', limit: 2 });
    expect([limited.hits.length, limited.total]).toEqual([2, 5]);

    await s.reopen('bob');
    const bobs = await s.tag('claim', 'Iran and Iraq signed a memorandum of understanding');
    expect(await ids({ annotator: 'bob' })).toEqual([bobs.id]);
    expect((await search({ annotator: 'alice', kind: 'claim' })).total).toBe(5);
    expect((await search({ annotator: 'carol' })).total).toBe(0);
  });

  it('undo and redo of create, update and delete round-trip the layer exactly', async () => {
    await s.tag('speaker', 'General Dehqan');
    const empty = await s.layer();
    const { value: created, changeSet: create } = await s.mutate<Annotation>('annotations/create', {
      ...(await s.span(HIRED)),
      kind: 'claim',
      note: 'first',
    });
    const afterCreate = await s.layer();
    const { changeSet: update } = await s.mutate('annotations/update', {
      articleId: FIRST,
      id: created.id,
      attributes: { verdict: 'false', checkWorthy: true },
      note: 'second',
    });
    const afterUpdate = await s.layer();
    const { changeSet: remove } = await s.mutate('annotations/delete', { articleId: FIRST, id: created.id });
    const afterDelete = await s.layer();
    expect(afterDelete).toEqual(empty);

    await s.undo(remove);
    expect(await s.layer()).toEqual(afterUpdate);
    await s.undo(update);
    expect(await s.layer()).toEqual(afterCreate);
    await s.undo(create);
    expect(await s.layer()).toEqual(empty);
    await s.redo(create);
    expect(await s.layer()).toEqual(afterCreate);
    await s.redo(update);
    expect(await s.layer()).toEqual(afterUpdate);
    await s.redo(remove);
    expect(await s.layer()).toEqual(afterDelete);
  });

  it('puts a deleted annotation or entity back where it was on undo, not at the end of its list', async () => {
    const quotes = [HIRED, HOPE, WE_DO_NOT_SEE];
    const spans = await Promise.all(quotes.map((q) => s.span(q)));
    const inTextOrder = [...quotes].sort((a, b) => spans[quotes.indexOf(a)]!.start - spans[quotes.indexOf(b)]!.start);
    const tagged: Annotation[] = [];
    for (const quote of inTextOrder) tagged.push(await s.tag('claim', quote));
    const before = await s.layer();
    const { changeSet: remove } = await s.mutate('annotations/delete', { articleId: FIRST, id: tagged[1]!.id });
    await s.undo(remove);
    expect(await s.layer()).toEqual(before);

    const entities = () => ok<Entity[]>(s.send, 'entities/list', {});
    for (const [id, name] of [
      ['e1', 'Hossein Dehqan'],
      ['e2', 'Bashar al-Assad'],
      ['e3', 'Ali Shamkhani'],
    ])
      await s.mutate('entities/create', { id, name, type: 'person' });
    const registry = await entities();
    const { changeSet: drop } = await s.mutate('entities/delete', { id: 'e2' });
    await s.undo(drop);
    expect(await entities()).toEqual(registry);
  });

  it('refuses to undo or redo over later work, and changes nothing', async () => {
    const { value: created, changeSet: create } = await s.mutate<Annotation>('annotations/create', {
      ...(await s.span('ISIS')),
      kind: 'claim',
    });
    const { changeSet: update } = await s.mutate('annotations/update', {
      articleId: FIRST,
      id: created.id,
      attributes: { verdict: 'mixed' },
    });
    const afterUpdate = await s.layer();
    const stale = /Cannot apply: the annotation was changed since .*nothing was changed/;
    await refused(s.send, 'history/apply', { changeSet: create, direction: 'undo' }, 'conflict', stale);
    await refused(s.send, 'history/apply', { changeSet: create, direction: 'redo' }, 'conflict', stale);
    await refused(s.send, 'history/apply', { changeSet: update, direction: 'redo' }, 'conflict', stale);
    expect(await s.layer()).toEqual(afterUpdate);

    // A change set over two articles is applied whole or not at all.
    const { value: other, changeSet: createOther } = await s.mutate<Annotation>('annotations/create', {
      ...(await s.span('TEHRAN', A001)),
      kind: 'place',
    });
    await s.mutate('annotations/update', { articleId: A001, id: other.id, note: 'capital' });
    const both: ChangeSet = { label: 'two articles', changes: [...update.changes, ...createOther.changes] };
    const otherBefore = await s.layer(A001);
    await refused(s.send, 'history/apply', { changeSet: both, direction: 'undo' }, 'conflict', stale);
    expect(await s.layer()).toEqual(afterUpdate);
    expect(await s.layer(A001)).toEqual(otherBefore);
  });

  it('refuses a forged change set that would write an invalid record, and writes nothing', async () => {
    const claim = await s.tag('claim', 'ISIS');
    const speaker = await s.tag('speaker', 'General Dehqan');
    const before = await s.layer();
    const forge = (type: string, after: object): ChangeSet => ({
      label: 'forged',
      changes: [{ type, articleId: FIRST, before: null, after } as ChangeSet['changes'][number]],
    });
    const redo = (changeSet: unknown, message: RegExp) =>
      refused(s.send, 'history/apply', { changeSet, direction: 'redo' }, 'invalid-argument', message);

    await redo(forge('annotation', { ...claim, id: 'forged', quote: 'IRAN' }), /Quote does not match/);
    await redo(forge('annotation', { ...claim, id: 'forged', end: 999_999 }), /outside the article/);
    await redo(forge('annotation', { ...claim, id: 'forged', kind: 'rumour' }), /Unknown annotation kind "rumour"/);
    await redo(forge('annotation', { ...claim, id: 'forged', attributes: { verdict: 'fake' } }), /must be one of/);
    await redo(forge('annotation', { ...claim, id: 'forged', start: 'zero' }), /Invalid change in change set/);
    const relation = { id: 'r1', articleId: FIRST, annotator: 'alice', type: 'said-by', createdAt: claim.createdAt };
    await redo(
      forge('relation', { ...relation, from: speaker.id, to: { kind: 'annotation', id: claim.id } }),
      /cannot start from a speaker/,
    );
    await redo({ label: 'x', changes: [{ type: 'nonsense' }] }, /Invalid change in change set/);
    await redo(forge('annotation', null as unknown as object), /as it was or as it becomes/);
    await redo(
      { label: 'x', changes: [{ type: 'entity', articleId: FIRST, before: null, after: null }] },
      /Invalid change in change set/,
    );
    await redo(
      forge('annotation', { ...claim, id: 'forged', articleId: '001_3eea3b6f31cb041f' }),
      /of the change's article/,
    );
    await redo(
      { label: 'x', changes: [{ type: 'guidelines', before: '# Annotation guidelines', after: 42 }] },
      /Invalid change/,
    );
    expect(await s.layer()).toEqual(before);
  });

  it('refuses an undo that would leave a link or an entity reference pointing at nothing', async () => {
    const speaker = await s.tag('speaker', 'ISIS');
    const { value: claim, changeSet: createClaim } = await s.mutate<Annotation>('annotations/create', {
      ...(await s.span(HIRED)),
      kind: 'claim',
    });
    await s.link('said-by', claim, speaker);
    const before = await s.layer();
    await refused(
      s.send,
      'history/apply',
      { changeSet: createClaim, direction: 'undo' },
      'conflict',
      /said-by link made since would point to an annotation that is no longer there/,
    );
    expect(await s.layer()).toEqual(before);

    const { value: entity, changeSet: createEntity } = await s.mutate<Entity>('entities/create', {
      name: 'Islamic State',
      type: 'group',
    });
    await s.tag('organisation', 'ISIL', A001, { entityId: entity.id });
    await refused(
      s.send,
      'history/apply',
      { changeSet: createEntity, direction: 'undo' },
      'conflict',
      /still linked from article "001_3eea3b6f31cb041f"/,
    );
    expect(await ok<Entity[]>(s.send, 'entities/list', {})).toEqual([entity]);
  });

  it('refuses a redo that would bring back an event record naming an entity deleted since', async () => {
    const { value: entity } = await s.mutate<Entity>('entities/create', { name: 'Hossein Dehqan', type: 'person' });
    const { changeSet: createEvent } = await s.mutate('events/create', {
      title: 'Talks',
      type: 'meeting',
      participants: [entity.id],
    });
    await ok(s.send, 'history/apply', { changeSet: createEvent, direction: 'undo' });
    await s.mutate('entities/delete', { id: entity.id });
    await refused(
      s.send,
      'history/apply',
      { changeSet: createEvent, direction: 'redo' },
      'conflict',
      /event record "Talks" would name entity ".*", which is no longer there/,
    );
    expect(await ok<unknown[]>(s.send, 'events/list', {})).toEqual([]);
  });
});
