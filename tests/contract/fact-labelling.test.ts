import { describe, expect, it } from 'vitest';
import type { SessionStatus, TagsetUpdate } from '../../annotations/contract';
import type { ArticleLayer, DocumentLabels, Entity } from '../../annotations/model';
import type { Tagset } from '../../annotations/tagset';
import { FIRST, ok, refused } from './contract-cases';
import { useLabellingSession } from './labelling-session';
import { TRANSPORTS } from './transports';

const HIRED = '"These hired terrorists (ISIL) are pursuing the interests of the US and Israel in the region,"';
const HOPE = '"I hope this meeting heralds further cooperation in the future …"';

const byId = <T extends { id: string }>(records: T[]) => [...records].sort((a, b) => a.id.localeCompare(b.id));
/** A layer with its records in id order: undoing a delete puts the record back at the end of its list. */
const unordered = (layer: ArticleLayer) => ({
  ...layer,
  annotations: byId(layer.annotations),
  relations: byId(layer.relations),
});

const editKind = (tagset: Tagset, kind: string, edit: (k: Tagset['kinds'][number]) => object): Tagset =>
  ({ ...tagset, kinds: tagset.kinds.map((k) => (k.kind === kind ? { ...k, ...edit(k) } : k)) }) as Tagset;

describe.each(TRANSPORTS)('relations, article labels, tagset and guidelines over %s', (_name, open) => {
  const s = useLabellingSession(open);
  const tagsetNow = async () => (await ok<SessionStatus>(s.send, 'store/status', {})).tagset;

  it('links a claim to its speaker, and refuses links the tagset does not allow, writing nothing', async () => {
    const claim = await s.tag('claim', HIRED);
    const speaker = await s.tag('speaker', 'General Dehqan');
    const obeidi = await s.tag('speaker', 'Khalid al-Obeidi');
    const place = await s.tag('place', 'Tehran');
    const saidBy = await s.link('said-by', claim, speaker);
    expect(saidBy).toMatchObject({
      articleId: FIRST,
      type: 'said-by',
      from: claim.id,
      to: { kind: 'annotation', id: speaker.id },
      annotator: 'alice',
    });
    const before = await s.layer();
    expect(before.relations).toEqual([saidBy]);

    const annotation = (id: string) => ({ kind: 'annotation', id });
    const cases: [string, string, object, string, RegExp][] = [
      [
        'said-by',
        speaker.id,
        annotation(claim.id),
        'invalid-argument',
        /cannot start from a speaker; it starts from claim/,
      ],
      ['said-by', claim.id, annotation(place.id), 'invalid-argument', /cannot point to a place; it points to speaker/],
      [
        'quoted-in',
        claim.id,
        annotation(speaker.id),
        'invalid-argument',
        /Unknown relation "quoted-in"; the tagset has "said-by"/,
      ],
      ['said-by', claim.id, annotation('nope'), 'not-found', /No annotation "nope" in article "000_0032acaf3c30b9bc"/],
      ['said-by', 'ghost', annotation(speaker.id), 'not-found', /No annotation "ghost"/],
      ['said-by', claim.id, annotation(speaker.id), 'conflict', /That "said-by" relation already exists/],
      [
        'said-by',
        claim.id,
        { kind: 'entity', id: 'x' },
        'invalid-argument',
        /"said-by" relation cannot point to an entity/,
      ],
    ];
    for (const [type, from, to, code, message] of cases)
      await refused(s.send, 'relations/create', { articleId: FIRST, type, from, to }, code, message);
    await refused(
      s.send,
      'relations/create',
      { id: saidBy.id, articleId: FIRST, type: 'said-by', from: claim.id, to: annotation(obeidi.id) },
      'conflict',
      /Relation ".*" already exists/,
    );
    expect(await s.layer()).toEqual(before);
  });

  it('links an event to a place entity only when that entity exists', async () => {
    const event = await s.tag('event', 'signed');
    const tehranSpan = await s.tag('place', 'Tehran');
    const speaker = await s.tag('speaker', 'General Dehqan');
    await refused(
      s.send,
      'relations/create',
      {
        articleId: FIRST,
        type: 'place',
        from: event.id,
        to: { kind: 'entity', id: 'nowhere' },
      },
      'not-found',
      /No entity "nowhere"/,
    );
    expect((await s.layer()).relations).toEqual([]);

    const { value: tehran } = await s.mutate<Entity>('entities/create', { name: 'Tehran', type: 'place' });
    const toEntity = await s.link('place', event, { entity: tehran.id });
    expect(toEntity).toMatchObject({ type: 'place', from: event.id, to: { kind: 'entity', id: tehran.id } });
    const toSpan = await s.link('place', event, tehranSpan);
    expect(toSpan.to).toEqual({ kind: 'annotation', id: tehranSpan.id });
    await refused(
      s.send,
      'relations/create',
      {
        articleId: FIRST,
        type: 'place',
        from: event.id,
        to: { kind: 'annotation', id: speaker.id },
      },
      'invalid-argument',
      /cannot point to a speaker; it points to place or entity/,
    );
    expect((await s.layer()).relations).toEqual([toEntity, toSpan]);
  });

  it('deleting a span takes the links from and to it along, and undo brings them back', async () => {
    const claim = await s.tag('claim', HIRED);
    const hope = await s.tag('claim', HOPE);
    const dehqan = await s.tag('speaker', 'General Dehqan');
    const obeidi = await s.tag('speaker', 'Khalid al-Obeidi');
    const event = await s.tag('event', 'signed');
    const tehran = await s.tag('place', 'Tehran');
    await s.link('said-by', claim, dehqan);
    await s.link('agent', event, dehqan);
    const place = await s.link('place', event, tehran);
    const other = await s.link('said-by', hope, obeidi);
    const before = await s.layer();

    const { changeSet: speakerGone } = await s.mutate('annotations/delete', { articleId: FIRST, id: dehqan.id });
    let layer = await s.layer();
    expect(layer.annotations.map((a) => a.id)).toEqual([claim.id, hope.id, obeidi.id, event.id, tehran.id]);
    expect(layer.relations).toEqual([place, other]);
    const { changeSet: eventGone } = await s.mutate('annotations/delete', { articleId: FIRST, id: event.id });
    expect((await s.layer()).relations).toEqual([other]);

    await s.undo(eventGone);
    layer = await s.layer();
    expect(byId(layer.relations)).toEqual(byId([place, other]));
    await s.undo(speakerGone);
    expect(unordered(await s.layer())).toEqual(unordered(before));
    await s.redo(speakerGone);
    expect(byId((await s.layer()).relations)).toEqual(byId([place, other]));
  });

  it('sets article labels for the session annotator only, and refuses unknown labels and options', async () => {
    const { value, changeSet } = await s.mutate<DocumentLabels>('documentLabels/set', {
      articleId: FIRST,
      labels: { stance: 'critical' },
    });
    expect(value).toMatchObject({ annotator: 'alice', labels: { stance: 'critical', reliability: null } });
    expect(changeSet.changes).toEqual([{ type: 'documentLabels', articleId: FIRST, before: null, after: value }]);
    const { value: both } = await s.mutate<DocumentLabels>('documentLabels/set', {
      articleId: FIRST,
      labels: { reliability: 'mixed' },
    });
    expect(both.labels).toEqual({ stance: 'critical', reliability: 'mixed' });

    const set = (labels: object) => ({ articleId: FIRST, labels });
    await refused(
      s.send,
      'documentLabels/set',
      set({ mood: 'sad' }),
      'invalid-argument',
      /an article has no attribute "mood"; it has "stance", "reliability"/,
    );
    await refused(
      s.send,
      'documentLabels/set',
      set({ reliability: 'great' }),
      'invalid-argument',
      /"reliability" of an article must be one of "reliable", .*; got "great"/,
    );
    await refused(s.send, 'documentLabels/set', set({ stance: 'neutral', mood: 'sad' }), 'invalid-argument', /mood/);
    expect((await s.layer()).documentLabels).toEqual([both]);

    await s.reopen('bob');
    const { value: bobs, changeSet: bobSet } = await s.mutate<DocumentLabels>(
      'documentLabels/set',
      set({ stance: 'supportive' }),
    );
    expect(bobs).toMatchObject({ annotator: 'bob', labels: { stance: 'supportive', reliability: null } });
    expect((await s.layer()).documentLabels).toEqual([both, bobs]);
    await s.undo(bobSet);
    expect((await s.layer()).documentLabels).toEqual([both]);
  });

  it('saves a renamed, recoloured, re-keyed and reordered tagset, and keeps it after reopening', async () => {
    const original = await tagsetNow();
    const renamed = editKind(original, 'claim', () => ({ label: 'Statement', color: '#ff0000', hotkey: 'c' }));
    const place = renamed.kinds.find((k) => k.kind === 'place')!;
    const edited: Tagset = {
      ...renamed,
      kinds: [renamed.kinds[0]!, place, ...renamed.kinds.slice(1).filter((k) => k !== place)],
    };
    const { value } = await s.mutate<TagsetUpdate>('tagset/update', { tagset: edited });
    expect(value).toEqual({ tagset: edited, migrated: [] });
    const saved = await tagsetNow();
    expect(saved).toEqual(edited);
    expect(saved.kinds.map((k) => [k.kind, k.label, k.color, k.hotkey]).slice(0, 3)).toEqual([
      ['claim', 'Statement', '#ff0000', 'c'],
      ['place', 'Place', '#187868', '6'],
      ['speaker', 'Speaker', '#4d8eff', '2'],
    ]);
    await s.reopen('alice');
    expect(await tagsetNow()).toEqual(edited);
  });

  it('refuses an invalid tagset with every problem listed, and keeps the old one', async () => {
    const original = await tagsetNow();
    const clash = editKind(original, 'event', () => ({ hotkey: '1' }));
    const dangling = {
      ...original,
      relations: [...original.relations, { type: 'cites', label: 'cites', from: ['claim'], to: ['source'] }],
    };
    const bad = (tagset: unknown, message: RegExp) =>
      refused(s.send, 'tagset/update', { tagset }, 'invalid-argument', message);
    await bad(clash, /^Invalid tagset: hotkey "1" is used by more than one kind$/);
    await bad(dangling, /relation "cites" points to unknown kind "source"/);
    await bad(
      editKind(original, 'claim', () => ({ color: 'orange' })),
      /kinds\.0\.color: must be a colour like #e8a317/,
    );
    await bad(
      { ...dangling, kinds: clash.kinds },
      /hotkey "1" is used by more than one kind; relation "cites" points to unknown kind "source"/,
    );
    await bad({ ...original, kinds: [] }, /at least one span kind/);
    await bad('nonsense', /Invalid tagset/);
    expect(await tagsetNow()).toEqual(original);
  });

  it('refuses a tagset that would orphan kinds, options, types or links in use, and keeps both unchanged', async () => {
    const original = await tagsetNow();
    const claim = await s.tag('claim', HIRED, FIRST, { attributes: { verdict: 'true' } });
    await s.tag('claim', HOPE);
    await s.link('said-by', claim, await s.tag('speaker', 'General Dehqan'));
    const before = await s.layer();
    const conflict = (tagset: Tagset, message: RegExp) =>
      refused(s.send, 'tagset/update', { tagset }, 'conflict', message);

    const noClaims = {
      ...original,
      kinds: original.kinds.filter((k) => k.kind !== 'claim'),
      relations: original.relations.filter((r) => r.type !== 'said-by'),
    };
    await conflict(noClaims, /kind "Claim" is used by 2 annotations; relation "said by" is used by 1 link/);
    await conflict(
      editKind(original, 'claim', (k) => ({
        attributes: k.attributes.map((a) =>
          a.type === 'choice' ? { ...a, options: a.options.filter((o) => o !== 'true') } : a,
        ),
      })),
      /option "true" of Claim Verdict is used by 1 annotation\b/,
    );
    await conflict(
      editKind(original, 'claim', (k) => ({
        attributes: k.attributes.map((a) => (a.name === 'checkWorthy' ? { ...a, type: 'text', default: '' } : a)),
      })),
      /Claim Check-worthy changes type from boolean to text with 2 values set/,
    );
    expect(await tagsetNow()).toEqual(original);
    expect(await s.layer()).toEqual(before);

    const noDates = {
      ...original,
      kinds: original.kinds.filter((k) => k.kind !== 'date'),
      relations: original.relations.filter((r) => r.type !== 'time'),
    };
    await s.mutate('tagset/update', { tagset: noDates });
    expect((await tagsetNow()).kinds.map((k) => k.kind)).not.toContain('date');
  });

  it('refuses a tagset that would make values, links or article labels in use invalid, and keeps both unchanged', async () => {
    const original = await tagsetNow();
    const withTopics = editKind(original, 'claim', (k) => ({
      attributes: [
        ...k.attributes,
        {
          name: 'topics',
          label: 'Topics',
          type: 'multi-choice',
          options: ['war', 'trade'],
          default: [],
          required: false,
        },
      ],
    }));
    await s.mutate('tagset/update', { tagset: withTopics });
    const { value: obeidi } = await s.mutate<Entity>('entities/create', { name: 'Khalid al-Obeidi', type: 'person' });
    const { value: signing } = await s.mutate<{ id: string }>('events/create', { title: 'MoU', type: 'visit' });
    const claim = await s.tag('claim', HIRED, FIRST, { attributes: { topics: ['war'] } });
    const speaker = await s.tag('speaker', 'Khalid al-Obeidi', FIRST, { entityId: obeidi.id });
    const event = await s.tag('event', 'signed', FIRST, { eventId: signing.id });
    await s.link('said-by', claim, speaker);
    await s.link('agent', event, { entity: obeidi.id });
    await s.mutate('documentLabels/set', { articleId: FIRST, labels: { stance: 'critical' } });
    const before = await s.layer();
    const conflict = (tagset: Tagset, message: RegExp) =>
      refused(s.send, 'tagset/update', { tagset }, 'conflict', message);
    const editAttribute = (name: string, edit: object) =>
      editKind(withTopics, 'claim', (k) => ({
        attributes: k.attributes.map((a) => (a.name === name ? { ...a, ...edit } : a)),
      }));
    const editRelation = (type: string, edit: object): Tagset => ({
      ...withTopics,
      relations: withTopics.relations.map((r) => (r.type === type ? { ...r, ...edit } : r)),
    });
    const editLabel = (edit: (l: Tagset['documentLabels'][number]) => object) =>
      ({
        ...withTopics,
        documentLabels: withTopics.documentLabels.map((l) => (l.name === 'stance' ? { ...l, ...edit(l) } : l)),
      }) as Tagset;

    await conflict(
      editAttribute('verdict', { type: 'multi-choice', default: [] }),
      /Claim Verdict changes type from choice to multi-choice with 1 value set/,
    );
    await conflict(
      editAttribute('topics', { type: 'choice', default: null }),
      /Claim Topics changes type from multi-choice to choice with 1 value set/,
    );
    await conflict(
      editKind(withTopics, 'speaker', () => ({ linksEntity: false })),
      /kind "Speaker" no longer links to entities, but 1 annotation does/,
    );
    await conflict(
      editKind(withTopics, 'event', () => ({ linksEvent: false })),
      /kind "Event" no longer links to event records, but 1 annotation does/,
    );
    await conflict(
      editRelation('said-by', { from: ['event'], to: ['person'] }),
      /relation "said by" no longer starts from Claim, but 1 link does; relation "said by" no longer points to Speaker, but 1 link does/,
    );
    await conflict(
      editRelation('agent', { to: ['speaker', 'person', 'organisation'] }),
      /relation "agent" no longer points to entities, but 1 link does/,
    );
    await conflict(
      editLabel((l) => ({ options: 'options' in l ? l.options.filter((o) => o !== 'critical') : [] })),
      /option "critical" of article label Stance is used by 1 article labelling\b/,
    );
    await conflict(
      editLabel(() => ({ type: 'multi-choice', default: [] })),
      /article label Stance changes type from choice to multi-choice with 1 value set/,
    );
    expect(await tagsetNow()).toEqual(withTopics);
    expect(await s.layer()).toEqual(before);

    // What no record uses may change: an unused option, link or relation end.
    const loose: Tagset = {
      ...editKind(editRelation('said-by', { from: ['claim', 'event'] }), 'person', () => ({ linksEntity: false })),
      documentLabels: editLabel((l) => ({ options: 'options' in l ? l.options.filter((o) => o !== 'unclear') : [] }))
        .documentLabels,
    };
    const { value } = await s.mutate<TagsetUpdate>('tagset/update', { tagset: loose });
    expect(value).toEqual({ tagset: loose, migrated: [] });
    expect(await s.layer()).toEqual(before);
  });

  it('migrates a dropped attribute, says how many it touched, and undo restores tagset and values', async () => {
    const original = await tagsetNow();
    await s.tag('claim', HIRED, FIRST, { attributes: { checkWorthy: true } });
    await s.tag('claim', HOPE);
    await s.tag('speaker', 'General Dehqan');
    const before = await s.layer();
    const noWorth = editKind(original, 'claim', (k) => ({
      attributes: k.attributes.filter((a) => a.name !== 'checkWorthy'),
    }));
    const { value, changeSet } = await s.mutate<TagsetUpdate>('tagset/update', { tagset: noWorth });
    expect(value).toEqual({ tagset: noWorth, migrated: ['removed attribute "checkWorthy" from 2 claims'] });
    const migrated = await s.layer();
    expect(migrated.annotations.map((a) => a.attributes)).toEqual([
      { verdict: null, claimType: null },
      { verdict: null, claimType: null },
      {},
    ]);
    expect(migrated.annotations[2]).toEqual(before.annotations[2]);

    await s.undo(changeSet);
    expect(await tagsetNow()).toEqual(original);
    expect(await s.layer()).toEqual(before);
    await s.redo(changeSet);
    expect(await tagsetNow()).toEqual(noWorth);
    expect(await s.layer()).toEqual(migrated);
  });

  it('keeps the guidelines, with undo and redo, and refuses a stale undo', async () => {
    const { markdown } = await ok<{ markdown: string }>(s.send, 'guidelines/get', {});
    expect(markdown).toMatch(/^# Annotation guidelines/);
    const { value, changeSet: first } = await s.mutate('guidelines/update', { markdown: '# Ours' });
    expect(value).toEqual({ markdown: '# Ours' });
    expect(await ok(s.send, 'guidelines/get', {})).toEqual({ markdown: '# Ours' });
    const { changeSet: second } = await s.mutate('guidelines/update', { markdown: '# Ours, v2' });
    await refused(
      s.send,
      'history/apply',
      { changeSet: first, direction: 'undo' },
      'conflict',
      /guidelines was changed since/,
    );
    expect(await ok(s.send, 'guidelines/get', {})).toEqual({ markdown: '# Ours, v2' });
    await s.undo(second);
    await s.undo(first);
    expect(await ok(s.send, 'guidelines/get', {})).toEqual({ markdown });
    await s.redo(first);
    expect(await ok(s.send, 'guidelines/get', {})).toEqual({ markdown: '# Ours' });
  });
});
