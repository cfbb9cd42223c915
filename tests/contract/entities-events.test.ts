import { describe, expect, it } from 'vitest';
import type { EntityPage, EntitySuggestion, EventPage } from '../../annotations/contract';
import type { Annotation, ArticleSummary, Entity, EventRecord } from '../../annotations/model';
import { FIRST, ok, refused } from './contract-cases';
import { A001, A002, A003, A004, useLabellingSession } from './labelling-session';
import { TRANSPORTS } from './transports';

const WE_DO_NOT_SEE = '"We do not see any other option than cooperation and being on the same side (with Iran)';

describe.each(TRANSPORTS)('entities and event records over %s', (_name, open) => {
  const s = useLabellingSession(open);
  const entities = () => ok<Entity[]>(s.send, 'entities/list', {});
  const events = () => ok<EventRecord[]>(s.send, 'events/list', {});
  const createEntity = async (name: string, extra: object = {}) =>
    (await s.mutate<Entity>('entities/create', { name, type: 'person', ...extra })).value;
  const link = async (mention: Annotation, patch: { entityId?: string | null; eventId?: string | null }) =>
    (await s.mutate<Annotation>('annotations/update', { articleId: mention.articleId, id: mention.id, ...patch }))
      .value;
  const find = async (mention: Annotation) =>
    (await s.layer(mention.articleId)).annotations.find((a) => a.id === mention.id);

  it('creates, updates and lists entities, keeping aliases unique and apart from the name', async () => {
    const created = await createEntity('Hossein Dehqan', {
      aliases: ['Dehqan', ' Dehqan ', 'Hossein Dehqan', 'Dehqan'],
    });
    expect(created).toMatchObject({ name: 'Hossein Dehqan', type: 'person', aliases: ['Dehqan'], externalId: null });
    const { value: updated, changeSet } = await s.mutate<Entity>('entities/update', {
      id: created.id,
      name: 'Hossein Dehghan',
      aliases: ['Dehqan', 'Hossein Dehghan', 'General Dehqan'],
      externalId: 'Q123',
    });
    expect(updated).toMatchObject({ id: created.id, name: 'Hossein Dehghan', aliases: ['Dehqan', 'General Dehqan'] });
    expect(updated.externalId).toBe('Q123');
    expect(await entities()).toEqual([updated]);

    await refused(s.send, 'entities/update', { id: 'nobody', name: 'x' }, 'not-found', /No entity "nobody"/);
    await refused(s.send, 'entities/create', { name: 'Tehran', type: 'city' }, 'invalid-argument', /type/);
    await refused(
      s.send,
      'entities/create',
      { id: created.id, name: 'x', type: 'person' },
      'conflict',
      /already exists/,
    );
    expect(await entities()).toEqual([updated]);
    await s.undo(changeSet);
    expect(await entities()).toEqual([created]);
  });

  it('suggests entities for a mention: spelling variants, titles dropped, an exact alias scoring 1', async () => {
    const obeidi = await createEntity('Khaled al-Obeidi');
    const dehqan = await createEntity('Hossein Dehqan', { aliases: ['Dehqan'] });
    const suggest = (text: string) => ok<EntitySuggestion[]>(s.send, 'entities/suggest', { text });

    const khalid = await suggest('Khalid al-Obeidi');
    expect(khalid[0]).toMatchObject({ entity: obeidi, matched: 'Khaled al-Obeidi' });
    expect(khalid[0]!.score).toBeGreaterThanOrEqual(0.82);
    expect(khalid[0]!.score).toBeLessThan(1);
    expect(khalid.map((x) => x.entity.id)).not.toContain(dehqan.id);
    expect((await suggest('General Dehqan')).map((x) => x.entity.id)).toEqual([dehqan.id]);
    expect(await suggest('Tehran')).toEqual([]);
    expect(await suggest('Dehqan')).toEqual([{ entity: dehqan, score: 1, matched: 'Dehqan' }]);
    expect((await suggest('Hossein Dehqan'))[0]).toMatchObject({ score: 1, matched: 'Hossein Dehqan' });
    const hiyali = await createEntity('Erfan al-Hiyali');
    expect((await suggest('Hayali')).map((x) => x.entity.id)).toEqual([hiyali.id]);
  });

  it('links speaker mentions in two articles to one entity, whose page lists them and their claims', async () => {
    const obeidi = await createEntity('Khaled al-Obeidi');
    const khalid = await s.tag('speaker', 'Khalid al-Obeidi');
    const khaled = await s.tag('speaker', 'Khaled al-Obeidi', A001);
    const dehqan = await s.tag('speaker', 'General Dehqan');
    const claim = await s.tag('claim', WE_DO_NOT_SEE);
    await s.link('said-by', claim, khalid);
    await s.link('said-by', await s.tag('claim', 'These hired terrorists'), dehqan);
    const linkedKhalid = await link(khalid, { entityId: obeidi.id });
    const linkedKhaled = await link(khaled, { entityId: obeidi.id });
    expect(linkedKhalid.entityId).toBe(obeidi.id);

    await refused(
      s.send,
      'annotations/update',
      { articleId: FIRST, id: claim.id, entityId: obeidi.id },
      'invalid-argument',
      /A claim does not link to an entity/,
    );
    await refused(
      s.send,
      'annotations/update',
      { articleId: FIRST, id: dehqan.id, entityId: 'nobody' },
      'not-found',
      /No entity "nobody"/,
    );
    expect((await find(claim))?.entityId).toBeNull();

    const titles = new Map((await ok<ArticleSummary[]>(s.send, 'articles/list', {})).map((a) => [a.id, a.title]));
    const page = await ok<EntityPage>(s.send, 'entities/page', { id: obeidi.id });
    expect(page.entity).toEqual(obeidi);
    expect(page.mentions).toEqual([
      { articleId: FIRST, title: titles.get(FIRST), annotation: linkedKhalid },
      { articleId: A001, title: titles.get(A001), annotation: linkedKhaled },
    ]);
    expect(page.mentions[1]?.title).toBe('Iran calls for collective efforts to fight ISIL in region');
    expect(page.claims).toEqual([{ articleId: FIRST, title: titles.get(FIRST), claim, speaker: linkedKhalid }]);

    await link(khaled, { entityId: null });
    const after = await ok<EntityPage>(s.send, 'entities/page', { id: obeidi.id });
    expect(after.mentions.map((m) => m.annotation.id)).toEqual([khalid.id]);
    await refused(s.send, 'entities/page', { id: 'nobody' }, 'not-found', /No entity "nobody"/);
  });

  it('merges entities: mentions, links and participants move over, the name becomes an alias; undo restores', async () => {
    const khaled = await createEntity('Khaled al-Obeidi');
    const khalid = await createEntity('Khalid al-Obeidi', { aliases: ['al-Obeidi'], externalId: 'Q1' });
    const m1 = await s.tag('speaker', 'Khalid al-Obeidi', FIRST, { entityId: khalid.id });
    const m2 = await s.tag('speaker', 'al-Obeidi', FIRST, { entityId: khalid.id }, 1);
    const m3 = await s.tag('speaker', 'Khaled al-Obeidi', A001, { entityId: khaled.id });
    const agent = await s.link('agent', await s.tag('event', 'signed'), { entity: khalid.id });
    await s.mutate('events/create', { title: 'Visit', type: 'visit', participants: [khalid.id] });
    const before = {
      entities: await entities(),
      events: await events(),
      first: await s.layer(),
      other: await s.layer(A001),
    };

    await refused(s.send, 'entities/merge', { into: khaled.id, from: [khaled.id] }, 'invalid-argument', /into itself/);
    const { value: merged, changeSet } = await s.mutate<Entity>('entities/merge', {
      into: khaled.id,
      from: [khalid.id],
    });
    expect(merged).toMatchObject({ id: khaled.id, name: 'Khaled al-Obeidi', externalId: 'Q1' });
    expect(merged.aliases).toEqual(['Khalid al-Obeidi', 'al-Obeidi']);
    expect(await entities()).toEqual([merged]);
    const first = await s.layer();
    expect(first.annotations.filter((a) => a.kind === 'speaker').map((a) => a.entityId)).toEqual([
      khaled.id,
      khaled.id,
    ]);
    expect(first.relations).toEqual([{ ...agent, to: { kind: 'entity', id: khaled.id } }]);
    expect((await events())[0]?.participants).toEqual([khaled.id]);
    expect(await s.layer(A001)).toEqual(before.other);
    const page = await ok<EntityPage>(s.send, 'entities/page', { id: khaled.id });
    expect(page.mentions.map((m) => m.annotation.id)).toEqual([m1.id, m2.id, m3.id]);
    await refused(s.send, 'entities/page', { id: khalid.id }, 'not-found', /No entity/);

    await s.undo(changeSet);
    expect({
      entities: await entities(),
      events: await events(),
      first: await s.layer(),
      other: await s.layer(A001),
    }).toEqual(before);

    // Redo, then edit one relinked mention: undoing the merge now would overwrite that edit.
    await s.redo(changeSet);
    await s.mutate('annotations/update', { articleId: FIRST, id: m2.id, note: 'the Iraqi minister' });
    const edited = { entities: await entities(), events: await events(), first: await s.layer() };
    await refused(
      s.send,
      'history/apply',
      { changeSet, direction: 'undo' },
      'conflict',
      /annotation was changed since/,
    );
    expect({ entities: await entities(), events: await events(), first: await s.layer() }).toEqual(edited);
  });

  it('merges an entity listed twice once, refuses the target among the sources, and undo restores the store', async () => {
    const khaled = await createEntity('Khaled al-Obeidi');
    const khalid = await createEntity('Khalid al-Obeidi', { aliases: ['al-Obeidi'] });
    const other = await createEntity('Obeidi');
    await s.tag('speaker', 'Khalid al-Obeidi', FIRST, { entityId: khalid.id });
    await s.link('agent', await s.tag('event', 'signed'), { entity: other.id });
    await s.mutate('events/create', { title: 'Visit', type: 'visit', participants: [khalid.id, other.id] });
    // Entities in id order: undoing a delete puts the record back at the end of the list.
    const snapshot = async () => ({
      entities: (await entities()).sort((a, b) => a.id.localeCompare(b.id)),
      events: await events(),
      first: await s.layer(),
    });
    const before = await snapshot();

    await refused(
      s.send,
      'entities/merge',
      { into: khaled.id, from: [khalid.id, khaled.id] },
      'invalid-argument',
      /^Entity "Khaled al-Obeidi" cannot be merged into itself; leave ".+" out of the entities to merge$/,
    );
    expect(await snapshot()).toEqual(before);

    const { value: merged, changeSet } = await s.mutate<Entity>('entities/merge', {
      into: khaled.id,
      from: [khalid.id, other.id, khalid.id],
    });
    expect(merged.aliases).toEqual(['Khalid al-Obeidi', 'al-Obeidi', 'Obeidi']);
    expect(changeSet.changes.filter((c) => c.type === 'entity' && c.after === null)).toHaveLength(2);
    expect(await entities()).toEqual([merged]);
    expect((await events())[0]?.participants).toEqual([khaled.id]);
    const merged1 = await snapshot();

    await s.undo(changeSet);
    expect(await snapshot()).toEqual(before);
    await s.redo(changeSet);
    expect(await snapshot()).toEqual(merged1);
  });

  it('splits chosen mentions off to a new entity, refuses mentions linked elsewhere, and undoes', async () => {
    const obeidi = await createEntity('Khaled al-Obeidi');
    const m1 = await s.tag('speaker', 'Khalid al-Obeidi', FIRST, { entityId: obeidi.id });
    const m2 = await s.tag('speaker', 'Khaled al-Obeidi', A001, { entityId: obeidi.id });
    const m3 = await s.tag('speaker', 'Khaled al-Obeidi', A003, { entityId: obeidi.id });
    const { value: split, changeSet } = await s.mutate<Entity>('entities/split', {
      id: obeidi.id,
      mentions: [{ articleId: A003, annotationId: m3.id }],
      name: 'Khaled al-Obeidi (Baghdad, 2014)',
    });
    expect(split).toMatchObject({ name: 'Khaled al-Obeidi (Baghdad, 2014)', type: 'person', aliases: [] });
    expect(split.id).not.toBe(obeidi.id);
    expect(await entities()).toEqual([obeidi, split]);
    expect([(await find(m1))?.entityId, (await find(m2))?.entityId, (await find(m3))?.entityId]).toEqual([
      obeidi.id,
      obeidi.id,
      split.id,
    ]);

    await refused(
      s.send,
      'entities/split',
      {
        id: obeidi.id,
        mentions: [
          { articleId: A001, annotationId: m2.id },
          { articleId: A003, annotationId: m3.id },
        ],
        name: 'x',
      },
      'invalid-argument',
      /Mention ".*" is not linked to "Khaled al-Obeidi"/,
    );
    expect(await entities()).toEqual([obeidi, split]);
    expect((await find(m2))?.entityId).toBe(obeidi.id);

    await s.undo(changeSet);
    expect(await entities()).toEqual([obeidi]);
    expect((await find(m3))?.entityId).toBe(obeidi.id);
  });

  it('deletes an entity only when nothing links to it', async () => {
    const mentioned = await createEntity('Hossein Dehqan');
    const target = await createEntity('Tehran', { type: 'place' });
    const participant = await createEntity('Erfan al-Hiyali');
    const loner = await createEntity('Salim al-Jabouri');
    await s.tag('speaker', 'General Dehqan', FIRST, { entityId: mentioned.id });
    await s.link('place', await s.tag('event', 'signed'), { entity: target.id });
    await s.mutate('events/create', {
      title: 'MoU signing',
      type: 'agreement signing',
      participants: [participant.id],
    });
    const linked = (e: Entity, counts: RegExp) => refused(s.send, 'entities/delete', { id: e.id }, 'conflict', counts);
    await linked(mentioned, /"Hossein Dehqan" is still linked from 1 mention\(s\), 0 relation\(s\) and 0 event/);
    await linked(target, /from 0 mention\(s\), 1 relation\(s\) and 0 event record\(s\)/);
    await linked(participant, /from 0 mention\(s\), 0 relation\(s\) and 1 event record\(s\)/);
    expect(await entities()).toHaveLength(4);

    const { value, changeSet } = await s.mutate('entities/delete', { id: loner.id });
    expect(value).toEqual({ id: loner.id });
    expect((await entities()).map((e) => e.name)).toEqual(['Hossein Dehqan', 'Tehran', 'Erfan al-Hiyali']);
    await refused(s.send, 'entities/delete', { id: loner.id }, 'not-found', /No entity/);
    await s.undo(changeSet);
    expect((await entities()).map((e) => e.id)).toContain(loner.id);
  });

  it('links event mentions in two articles to one event record, whose page has both reports', async () => {
    const { value: event } = await s.mutate<EventRecord>('events/create', {
      title: 'MoU signing in Tehran, 2017',
      type: 'agreement signing',
      date: '2017-07-23',
    });
    expect(event).toMatchObject({ date: '2017-07-23', place: null, participants: [] });
    const badDate = /date: must be a date like 2017-07-23/;
    await refused(
      s.send,
      'events/create',
      { title: 'x', type: 'visit', date: '23 July 2017' },
      'invalid-argument',
      badDate,
    );
    await refused(s.send, 'events/update', { id: event.id, date: '2017-7-23' }, 'invalid-argument', badDate);
    await refused(
      s.send,
      'events/create',
      { title: 'x', type: 'visit', participants: ['nobody'] },
      'not-found',
      /No entity "nobody" to take part/,
    );
    expect(await events()).toEqual([event]);

    const m2 = await link(await s.tag('event', 'signed', A002), { eventId: event.id });
    const m4 = await link(await s.tag('event', 'signed', A004), { eventId: event.id });
    const c2 = await s.tag('claim', 'Iran and Iraq signed a memorandum of understanding (MoU)', A002);
    await s.tag('claim', 'The signed MoU will set a framework for future cooperation', A002);
    const c4 = await s.tag('claim', 'Iran and Iraq signed an agreement on Sunday', A004);
    await s.tag('claim', 'Iran has been providing military advisory assistance to Iraq', A004);
    const tehran = await s.tag('place', 'Tehran', A002);
    const place = await s.link('place', m2, tehran);
    const speaker = await s.tag('speaker', 'Dehqan', A002);
    await refused(
      s.send,
      'annotations/update',
      { articleId: A002, id: speaker.id, eventId: event.id },
      'invalid-argument',
      /A speaker does not link to an event record/,
    );
    await refused(
      s.send,
      'annotations/update',
      { articleId: A002, id: m2.id, eventId: 'nope' },
      'not-found',
      /No event record "nope"/,
    );

    const page = await ok<EventPage>(s.send, 'events/page', { id: event.id });
    expect(page.event).toEqual(event);
    expect(page.participants).toEqual([]);
    expect(page.reports).toEqual([
      {
        articleId: A002,
        title: 'Iran and Iraq signed a memorandum of understanding (MoU) to…',
        mentions: [m2],
        claims: [c2],
        roles: [{ relation: place, target: tehran }],
      },
      { articleId: A004, title: 'Iran, Iraq sign MoU to boost defense ties', mentions: [m4], claims: [c4], roles: [] },
    ]);

    await refused(s.send, 'events/delete', { id: event.id }, 'conflict', /still linked from 2 mention\(s\)/);
    const { value: renamed } = await s.mutate<EventRecord>('events/update', { id: event.id, place: 'Tehran' });
    expect(await events()).toEqual([renamed]);
    await link(m2, { eventId: null });
    await link(m4, { eventId: null });
    await s.mutate('events/delete', { id: event.id });
    expect(await events()).toEqual([]);
  });
});
