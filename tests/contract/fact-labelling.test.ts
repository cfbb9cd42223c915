import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeSet, EntityPage, EntitySuggestion, EventPage, SearchHit, SessionStatus, TagsetUpdate } from '../../annotations/contract';
import type { Annotation, Article, ArticleLayer, Entity, EventRecord, Relation } from '../../annotations/model';
import type { Tagset } from '../../annotations/tagset';
import { makeTempDir } from '../support/temp-dir';
import type { RawSend } from './contract-cases';
import { FIRST, ok, refused } from './contract-cases';
import type { Transport } from './transports';
import { TRANSPORTS } from './transports';

const A002 = '002_7feab6871f0e57f9';
const A004 = '004_74bfdcc74ec9356c';

describe.each(TRANSPORTS)('fact-labelling operations over %s', (_name, open) => {
  let cleanup: () => Promise<void>;
  let transport: Transport;
  let send: RawSend;

  beforeEach(async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    transport = await open(temp.dir);
    send = transport.send;
  });
  afterEach(async () => {
    await transport.close();
    await cleanup();
  });

  const mutate = async <T>(name: string, args: unknown) => ok<{ value: T; changeSet: ChangeSet }>(send, name, args);
  const layer = (articleId = FIRST) => ok<ArticleLayer>(send, 'annotations/list', { articleId });
  async function tag(kind: string, needle: string, articleId = FIRST, extra: object = {}, nth = 0): Promise<Annotation> {
    const { text } = await ok<Article>(send, 'articles/get', { articleId });
    let start = -1;
    for (let i = 0; i <= nth; i++) start = text.indexOf(needle, start + 1);
    expect(start).toBeGreaterThanOrEqual(0);
    return (await mutate<Annotation>('annotations/create', { articleId, kind, start, end: start + needle.length, quote: needle, ...extra })).value;
  }
  const undo = (changeSet: ChangeSet) => ok(send, 'history/apply', { changeSet, direction: 'undo' });
  const redo = (changeSet: ChangeSet) => ok(send, 'history/apply', { changeSet, direction: 'redo' });

  it('links a claim to its speaker, and refuses links the tagset does not allow, writing nothing', async () => {
    const claim = await tag('claim', '"These hired terrorists (ISIL) are pursuing the interests of the US and Israel in the region,"');
    const speaker = await tag('speaker', 'General Dehqan');
    const place = await tag('place', 'Tehran');
    const { value: saidBy } = await mutate<Relation>('relations/create', { articleId: FIRST, type: 'said-by', from: claim.id, to: { kind: 'annotation', id: speaker.id } });
    expect(saidBy).toMatchObject({ type: 'said-by', from: claim.id, to: { kind: 'annotation', id: speaker.id }, annotator: 'alice' });
    const before = await layer();

    await refused(send, 'relations/create', { articleId: FIRST, type: 'said-by', from: speaker.id, to: { kind: 'annotation', id: claim.id } }, 'invalid-argument', /cannot start from a speaker; it starts from claim/);
    await refused(send, 'relations/create', { articleId: FIRST, type: 'said-by', from: claim.id, to: { kind: 'annotation', id: place.id } }, 'invalid-argument', /cannot point to a place/);
    await refused(send, 'relations/create', { articleId: FIRST, type: 'quoted-in', from: claim.id, to: { kind: 'annotation', id: speaker.id } }, 'invalid-argument', /Unknown relation "quoted-in"/);
    await refused(send, 'relations/create', { articleId: FIRST, type: 'said-by', from: claim.id, to: { kind: 'annotation', id: 'nope' } }, 'not-found', /No annotation "nope"/);
    await refused(send, 'relations/create', { articleId: FIRST, type: 'said-by', from: claim.id, to: { kind: 'annotation', id: speaker.id } }, 'conflict', /already exists/);
    await refused(send, 'relations/create', { articleId: FIRST, type: 'said-by', from: claim.id, to: { kind: 'entity', id: 'x' } }, 'invalid-argument', /cannot point to an entity/);
    expect(await layer()).toEqual(before);
  });

  it('deleting a span takes its links with it, and undo brings both back', async () => {
    const claim = await tag('claim', 'Iran and Iraq signed a memorandum of understanding');
    const speaker = await tag('speaker', 'General Dehqan');
    await mutate('relations/create', { articleId: FIRST, type: 'said-by', from: claim.id, to: { kind: 'annotation', id: speaker.id } });
    const before = await layer();
    const { changeSet } = await mutate('annotations/delete', { articleId: FIRST, id: speaker.id });
    expect((await layer()).relations).toEqual([]);
    await undo(changeSet);
    expect(await layer()).toEqual(before);
  });

  it('sets article labels for the annotator and refuses unknown labels and options', async () => {
    const { value } = await mutate('documentLabels/set', { articleId: FIRST, labels: { stance: 'critical' } });
    expect(value).toMatchObject({ annotator: 'alice', labels: { stance: 'critical', reliability: null } });
    await refused(send, 'documentLabels/set', { articleId: FIRST, labels: { mood: 'sad' } }, 'invalid-argument', /no attribute "mood"/);
    await refused(send, 'documentLabels/set', { articleId: FIRST, labels: { reliability: 'great' } }, 'invalid-argument', /must be one of/);
    expect((await layer()).documentLabels).toEqual([value]);
  });

  it('edits the tagset, refuses invalid or orphaning tagsets unchanged, migrates a dropped attribute, and undoes', async () => {
    const tagset = (await ok<SessionStatus>(send, 'store/status', {})).tagset;
    const relabelled: Tagset = { ...tagset, kinds: tagset.kinds.map((k) => (k.kind === 'claim' ? { ...k, label: 'Statement', color: '#ff0000' } : k)) };
    await mutate('tagset/update', { tagset: relabelled });
    expect((await ok<SessionStatus>(send, 'store/status', {})).tagset.kinds[0]).toMatchObject({ label: 'Statement', color: '#ff0000' });

    const clash = { ...relabelled, kinds: relabelled.kinds.map((k) => (k.kind === 'event' ? { ...k, hotkey: '1' } : k)) };
    await refused(send, 'tagset/update', { tagset: clash }, 'invalid-argument', /hotkey "1" is used by more than one kind/);
    const dangling = { ...relabelled, relations: [...relabelled.relations, { type: 'cites', label: 'cites', from: ['claim'], to: ['source'] }] };
    await refused(send, 'tagset/update', { tagset: dangling }, 'invalid-argument', /points to unknown kind "source"/);
    await refused(send, 'tagset/update', { tagset: { ...relabelled, kinds: [] } }, 'invalid-argument', /at least one span kind/);

    await tag('claim', 'Tehran', FIRST, { attributes: { verdict: 'true' } });
    const noClaims = { ...relabelled, kinds: relabelled.kinds.filter((k) => k.kind !== 'claim'), relations: relabelled.relations.filter((r) => r.type !== 'said-by') };
    await refused(send, 'tagset/update', { tagset: noClaims }, 'conflict', /kind "Statement" is used by 1 annotation/);
    const noFalse = { ...relabelled, kinds: relabelled.kinds.map((k) => (k.kind === 'claim' ? { ...k, attributes: k.attributes.map((a) => (a.name === 'verdict' && a.type === 'choice' ? { ...a, options: a.options.filter((o) => o !== 'true') } : a)) } : k)) };
    await refused(send, 'tagset/update', { tagset: noFalse }, 'conflict', /option "true" of Statement Verdict is used by 1 annotation/);
    expect((await ok<SessionStatus>(send, 'store/status', {})).tagset).toEqual(relabelled);

    const noWorth = { ...relabelled, kinds: relabelled.kinds.map((k) => (k.kind === 'claim' ? { ...k, attributes: k.attributes.filter((a) => a.name !== 'checkWorthy') } : k)) };
    const { value, changeSet } = await mutate<TagsetUpdate>('tagset/update', { tagset: noWorth });
    expect(value.migrated).toEqual(['removed attribute "checkWorthy" from 1 claim']);
    expect((await layer()).annotations[0]?.attributes).toEqual({ verdict: 'true', claimType: 'factual' });
    await undo(changeSet);
    expect((await layer()).annotations[0]?.attributes).toEqual({ verdict: 'true', checkWorthy: false, claimType: 'factual' });
    expect((await ok<SessionStatus>(send, 'store/status', {})).tagset).toEqual(relabelled);
  });

  it('keeps the guidelines, with undo', async () => {
    const { markdown } = await ok<{ markdown: string }>(send, 'guidelines/get', {});
    expect(markdown).toMatch(/^# Annotation guidelines/);
    const { changeSet } = await mutate('guidelines/update', { markdown: '# Ours' });
    expect(await ok(send, 'guidelines/get', {})).toEqual({ markdown: '# Ours' });
    await undo(changeSet);
    expect(await ok(send, 'guidelines/get', {})).toEqual({ markdown });
  });

  it('suggests entities by alias and fuzzy name, and lists mentions and attributed claims across articles', async () => {
    const { value: obeidi } = await mutate<Entity>('entities/create', { name: 'Khaled al-Obeidi', type: 'person' });
    const { value: dehqan } = await mutate<Entity>('entities/create', { name: 'Hossein Dehqan', type: 'person', aliases: ['Dehqan'] });
    const suggest = (text: string) => ok<EntitySuggestion[]>(send, 'entities/suggest', { text });
    const khalid = await suggest('Khalid al-Obeidi');
    expect(khalid[0]?.entity.id).toBe(obeidi.id);
    expect(khalid[0]?.score).toBeGreaterThanOrEqual(0.8);
    expect(khalid[0]?.score).toBeLessThan(1);
    expect((await suggest('General Dehqan'))[0]?.entity.id).toBe(dehqan.id);
    expect((await suggest('Dehqan'))[0]).toMatchObject({ score: 1, matched: 'Dehqan' });
    expect(await suggest('Tehran')).toEqual([]);
    const { value: hiyali } = await mutate<Entity>('entities/create', { name: 'Erfan al-Hiyali', type: 'person' });
    expect((await suggest('Hayali'))[0]?.entity.id).toBe(hiyali.id);

    const first = await tag('speaker', 'Khalid al-Obeidi', FIRST, { entityId: obeidi.id });
    await tag('speaker', 'Khaled al-Obeidi', '003_868bd8ac9b581218', { entityId: obeidi.id });
    const claim = await tag('claim', '"We do not see any other option than cooperation');
    await mutate('relations/create', { articleId: FIRST, type: 'said-by', from: claim.id, to: { kind: 'annotation', id: first.id } });
    await refused(send, 'annotations/update', { articleId: FIRST, id: claim.id, entityId: obeidi.id }, 'invalid-argument', /A claim does not link to an entity/);
    await refused(send, 'annotations/update', { articleId: FIRST, id: first.id, entityId: 'nobody' }, 'not-found', /No entity "nobody"/);

    const page = await ok<EntityPage>(send, 'entities/page', { id: obeidi.id });
    expect(page.mentions.map((m) => [m.articleId, m.annotation.quote])).toEqual([
      [FIRST, 'Khalid al-Obeidi'],
      ['003_868bd8ac9b581218', 'Khaled al-Obeidi'],
    ]);
    expect(page.mentions[0]?.title).toBe('ISIS pursuing US and Israel interests, Iranian DM Says');
    expect(page.claims.map((c) => c.claim.id)).toEqual([claim.id]);
    await refused(send, 'entities/delete', { id: obeidi.id }, 'conflict', /still linked from 2 mention/);
  });

  it('merges entities (relinking mentions, keeping the name as an alias) and undoes the merge; splits mentions off', async () => {
    const { value: a } = await mutate<Entity>('entities/create', { name: 'Erfan al-Hiyali', type: 'person' });
    const { value: b } = await mutate<Entity>('entities/create', { name: 'Hayali', type: 'person' });
    const m1 = await tag('speaker', 'Erfan al-Hiyali', A002, { entityId: a.id });
    const m2 = await tag('speaker', 'Hayali', A004, { entityId: b.id });
    const entitiesBefore = await ok<Entity[]>(send, 'entities/list', {});
    const { value: merged, changeSet } = await mutate<Entity>('entities/merge', { into: a.id, from: [b.id] });
    expect(merged.aliases).toEqual(['Hayali']);
    expect((await ok<Entity[]>(send, 'entities/list', {})).map((e) => e.id)).toEqual([a.id]);
    expect((await layer(A004)).annotations.find((x) => x.id === m2.id)?.entityId).toBe(a.id);
    await undo(changeSet);
    expect(await ok<Entity[]>(send, 'entities/list', {})).toEqual(entitiesBefore);
    expect((await layer(A004)).annotations.find((x) => x.id === m2.id)?.entityId).toBe(b.id);

    const { value: split } = await mutate<Entity>('entities/split', { id: a.id, mentions: [{ articleId: A002, annotationId: m1.id }], name: 'Erfan al-Hiyali (2017)' });
    expect((await layer(A002)).annotations.find((x) => x.id === m1.id)?.entityId).toBe(split.id);
    await refused(send, 'entities/split', { id: a.id, mentions: [{ articleId: A004, annotationId: m2.id }], name: 'x' }, 'invalid-argument', /not linked to "Erfan al-Hiyali"/);
  });

  it('links event mentions in two articles to one event record, whose page has both reports', async () => {
    const { value: event } = await mutate<EventRecord>('events/create', { title: 'MoU signing, Tehran 2017', type: 'agreement signing', date: '2017-07-23' });
    await refused(send, 'events/create', { title: 'x', type: 'visit', date: '23 July' }, 'invalid-argument', /date/);
    const e2 = await tag('event', 'signed', A002, { eventId: event.id, attributes: { eventType: 'agreement signing' } });
    await tag('event', 'signed', A004, { eventId: event.id });
    const claim = await tag('claim', 'Iran and Iraq signed an agreement on Sunday', A004);
    await tag('claim', 'Iran has been providing military advisory assistance', A004);
    await refused(send, 'annotations/update', { articleId: A002, id: e2.id, eventId: 'nope' }, 'not-found', /No event record "nope"/);
    const speaker = await tag('speaker', 'Dehqan', A002);
    await refused(send, 'annotations/update', { articleId: A002, id: speaker.id, eventId: event.id }, 'invalid-argument', /does not link to an event record/);

    const page = await ok<EventPage>(send, 'events/page', { id: event.id });
    expect(page.reports.map((r) => r.articleId)).toEqual([A002, A004]);
    expect(page.reports[1]?.claims.map((c) => c.id)).toEqual([claim.id]);
    await refused(send, 'events/delete', { id: event.id }, 'conflict', /still linked from 2 mention/);
  });

  it('searches text and annotations: "every claim by Dehqan marked false" is one query', async () => {
    const { value: dehqan } = await mutate<Entity>('entities/create', { name: 'Hossein Dehqan', type: 'person' });
    const { value: obeidi } = await mutate<Entity>('entities/create', { name: 'Khaled al-Obeidi', type: 'person' });
    const d = await tag('speaker', 'General Dehqan', FIRST, { entityId: dehqan.id });
    const o = await tag('speaker', 'al-Obeidi', FIRST, { entityId: obeidi.id }, 2);
    const falseByDehqan = await tag('claim', '"These hired terrorists (ISIL) are pursuing the interests of the US and Israel in the region,"', FIRST, { attributes: { verdict: 'false' } });
    const trueByDehqan = await tag('claim', '"I hope this meeting heralds further cooperation in the future …"', FIRST, { attributes: { verdict: 'true' } });
    const falseByObeidi = await tag('claim', '"We do not see any other option than cooperation', FIRST, { attributes: { verdict: 'false' } });
    for (const [claim, speaker] of [[falseByDehqan, d], [trueByDehqan, d], [falseByObeidi, o]] as const) {
      await mutate('relations/create', { articleId: FIRST, type: 'said-by', from: claim.id, to: { kind: 'annotation', id: speaker.id } });
    }
    const search = (query: object) => ok<{ hits: SearchHit[]; total: number }>(send, 'search/query', query);
    const hits = await search({ kind: 'claim', attribute: { name: 'verdict', value: 'false' }, speaker: dehqan.id });
    expect(hits.hits.map((h) => h.annotation?.id)).toEqual([falseByDehqan.id]);
    expect((await search({ entity: obeidi.id })).hits.map((h) => h.annotation?.id)).toEqual([o.id]);
    expect((await search({ kind: 'claim' })).total).toBe(3);
    expect((await search({ annotator: 'bob' })).total).toBe(0);

    const text = await search({ text: 'TEHRAN', limit: 2 });
    expect(text.total).toBeGreaterThan(2);
    expect(text.hits).toHaveLength(2);
    for (const hit of text.hits) {
      const article = await ok<Article>(send, 'articles/get', { articleId: hit.articleId });
      expect(article.text.slice(hit.start, hit.end)).toBe('Tehran');
    }
  });

  it('undo and redo round-trip exactly; a stale or forged change set is refused and changes nothing', async () => {
    const { changeSet: created } = await mutate<Annotation>('annotations/create', { articleId: FIRST, kind: 'claim', start: 0, end: 4, quote: 'ISIS' });
    const afterCreate = await layer();
    const { changeSet: edited } = await mutate('annotations/update', { articleId: FIRST, id: afterCreate.annotations[0]!.id, attributes: { verdict: 'mixed' } });
    const afterEdit = await layer();
    await refused(send, 'history/apply', { changeSet: created, direction: 'undo' }, 'conflict', /changed since/);
    expect(await layer()).toEqual(afterEdit);
    await undo(edited);
    expect(await layer()).toEqual(afterCreate);
    await undo(created);
    expect((await layer()).annotations).toEqual([]);
    await redo(created);
    await redo(edited);
    expect(await layer()).toEqual(afterEdit);

    const forged = structuredClone(created);
    const change = forged.changes[0] as { after: Annotation; before: null };
    change.after = { ...change.after, id: 'forged', quote: 'IRAN' };
    await refused(send, 'history/apply', { changeSet: forged, direction: 'redo' }, 'invalid-argument', /Quote does not match/);
    await refused(send, 'history/apply', { changeSet: { label: 'x', changes: [{ type: 'nonsense' }] }, direction: 'redo' }, 'invalid-argument', /Invalid change/);
    expect(await layer()).toEqual(afterEdit);
  });
});
