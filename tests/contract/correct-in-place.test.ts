import { describe, expect, it } from 'vitest';
import type { Annotation, ArticleLayer, Entity } from '../../annotations/model';
import { FIRST, refused } from './contract-cases';
import { useLabellingSession } from './labelling-session';
import { TRANSPORTS } from './transports';

const HIRED = '"These hired terrorists (ISIL) are pursuing the interests of the US and Israel in the region,"';

const byId = <T extends { id: string }>(records: T[]) => [...records].sort((a, b) => a.id.localeCompare(b.id));
const unordered = (layer: ArticleLayer) => ({
  ...layer,
  annotations: byId(layer.annotations),
  relations: byId(layer.relations),
});

describe.each(TRANSPORTS)('correcting an annotation in place over %s', (_name, open) => {
  const s = useLabellingSession(open);
  const update = (args: object) => s.mutate<Annotation>('annotations/update', { articleId: FIRST, ...args });

  it('changes a kind keeping the links the tagset still allows and dropping the others, in one undo step', async () => {
    const claim = await s.tag('claim', HIRED);
    const dehqan = await s.tag('speaker', 'General Dehqan');
    const event = await s.tag('event', 'signed');
    const saidBy = await s.link('said-by', claim, dehqan);
    const agent = await s.link('agent', event, dehqan);
    const entity = (await s.mutate<Entity>('entities/create', { name: 'Hossein Dehqan', type: 'person' })).value;
    await update({ id: dehqan.id, entityId: entity.id, note: 'the minister' });

    const { value, changeSet } = await update({ id: dehqan.id, kind: 'person' });
    expect(value).toMatchObject({ kind: 'person', entityId: entity.id, note: 'the minister', start: dehqan.start });
    expect(changeSet.label).toBe('Change speaker to person');
    const layer = await s.layer();
    expect(layer.relations).toEqual([agent]);
    expect(saidBy.from).toBe(claim.id);
    expect(layer.annotations.find((a) => a.id === dehqan.id)?.kind).toBe('person');

    // A place links no agent either, and keeps its entity; a claim keeps none of it.
    const { value: asClaim } = await update({ id: dehqan.id, kind: 'claim' });
    expect(asClaim).toMatchObject({
      kind: 'claim',
      entityId: null,
      attributes: { verdict: null, checkWorthy: null, claimType: null },
    });
    expect((await s.layer()).relations).toEqual([]);
  });

  it('one undo step brings back the kind, the attributes and every dropped link', async () => {
    const claim = await s.tag('claim', HIRED);
    const dehqan = await s.tag('speaker', 'General Dehqan');
    await s.link('said-by', claim, dehqan);
    await update({ id: claim.id, attributes: { verdict: 'false', checkWorthy: true } });
    const before = await s.layer();

    const { value, changeSet } = await update({ id: claim.id, kind: 'event' });
    expect(value.attributes).toEqual({ eventType: null });
    expect((await s.layer()).relations).toEqual([]);
    await s.undo(changeSet);
    expect(unordered(await s.layer())).toEqual(unordered(before));
    await s.redo(changeSet);
    expect((await s.layer()).annotations.find((a) => a.id === claim.id)?.kind).toBe('event');
  });

  it('keeps the values a new kind also has, when allowed', async () => {
    const tagset = (await s.send('store/status', {})) as { ok: true; result: { tagset: { kinds: object[] } } };
    const kinds = tagset.result.tagset.kinds as { kind: string }[];
    const rumour = {
      kind: 'rumour',
      label: 'Rumour',
      color: '#aa5500',
      attributes: [
        { name: 'verdict', label: 'Verdict', type: 'choice', options: ['false', 'unproven'], default: null },
        { name: 'checkWorthy', label: 'Check-worthy', type: 'text', default: null },
      ],
    };
    await s.mutate('tagset/update', { tagset: { ...tagset.result.tagset, kinds: [...kinds, rumour] } });
    const claim = await s.tag('claim', HIRED);
    await update({ id: claim.id, attributes: { verdict: 'false', checkWorthy: true, claimType: 'opinion' } });
    const { value } = await update({ id: claim.id, kind: 'rumour' });
    // Same name and an allowed value: kept. A yes/no is no text; no claim type in a rumour.
    expect(value.attributes).toEqual({ verdict: 'false', checkWorthy: null });
  });

  it('moves the ends of a span, the quote following the text, in one undo step', async () => {
    const claim = await s.tag('claim', 'These hired terrorists');
    const text = await s.text();
    const { value, changeSet } = await update({ id: claim.id, end: claim.end + ' (ISIL)'.length });
    expect(value).toMatchObject({ start: claim.start, end: claim.end + 7, quote: 'These hired terrorists (ISIL)' });
    expect(changeSet.label).toBe('Move the ends of a claim');
    const { value: later, changeSet: startMoved } = await update({
      id: claim.id,
      start: claim.start + 'These '.length,
    });
    expect(later.quote).toBe(text.slice(claim.start + 6, claim.end + 7));
    await s.undo(startMoved);
    expect((await s.layer()).annotations[0]?.quote).toBe('These hired terrorists (ISIL)');
    await s.undo(changeSet);
    expect((await s.layer()).annotations).toEqual([claim]);
  });

  it('refuses a kind the tagset lacks, an empty or outside span, and a colleague’s annotation, writing nothing', async () => {
    const claim = await s.tag('claim', 'These hired terrorists');
    const before = await s.layer();
    const id = claim.id;
    await refused(
      s.send,
      'annotations/update',
      { articleId: FIRST, id, kind: 'rumour' },
      'invalid-argument',
      /Unknown annotation kind "rumour"/,
    );
    await refused(
      s.send,
      'annotations/update',
      { articleId: FIRST, id, end: claim.start },
      'invalid-argument',
      /empty or reversed/,
    );
    await refused(
      s.send,
      'annotations/update',
      { articleId: FIRST, id, start: -1 },
      'invalid-argument',
      /outside the article/,
    );
    await refused(
      s.send,
      'annotations/update',
      { articleId: FIRST, id, end: 10_000_000 },
      'invalid-argument',
      /outside the article/,
    );
    await refused(s.send, 'annotations/update', { articleId: FIRST, id, start: 1.5 }, 'invalid-argument', /start/);
    await refused(s.send, 'annotations/update', { articleId: FIRST, id, kind: '' }, 'invalid-argument', /kind/);
    expect(await s.layer()).toEqual(before);
    await s.reopen('bob');
    await refused(s.send, 'annotations/update', { articleId: FIRST, id, kind: 'speaker' }, 'conflict', /alice/);
  });
});
