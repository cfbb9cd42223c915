import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Annotation, Entity, EventRecord, Relation } from '../../../annotations/model';
import {
  acceptLabel,
  editBase,
  linkTexts,
  moveMessage,
  possessive,
  stayMessage,
} from '../../../renderer/src/ReviewPage/review-words';

const STAMP = '2026-11-20T10:00:00.000Z';
const span = (annotator: string, id: string, extra: Partial<Annotation> = {}): Annotation => ({
  id,
  articleId: 'a1',
  annotator,
  kind: 'claim',
  start: 0,
  end: 5,
  quote: `quote of ${id}`,
  attributes: {},
  note: '',
  entityId: null,
  eventId: null,
  createdAt: STAMP,
  updatedAt: STAMP,
  ...extra,
});

describe('possessives on the review page', () => {
  it('speaks of the session annotator as "your", never "you’s" or "name’s"', () => {
    expect(acceptLabel('lead', 'lead')).toBe('Accept your version');
    expect(possessive('lead', 'lead')).toBe('your');
    expect(acceptLabel('you', 'you')).toBe('Accept your version');
    expect(acceptLabel('alice', 'lead')).toBe('Accept alice’s');
    expect(acceptLabel('James', 'lead')).toBe('Accept James’s');
  });

  it('holds for any names: mine is "your version", a colleague’s carries the name once', () => {
    const name = fc.string({ minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(name, name, (annotator, me) => {
        const label = acceptLabel(annotator, me);
        if (annotator === me) expect(label).toBe('Accept your version');
        else expect(label).toBe(`Accept ${annotator}’s`);
      }),
    );
  });
});

describe('where the edit form starts', () => {
  const alice = span('alice', 'x1');
  const bob = span('bob', 'x2');
  const gold = span('gold', 'g1');

  it('starts from my own annotation in the group, wherever it stands', () => {
    expect(editBase([alice, bob], [gold], 'bob')).toBe(bob);
  });
  it('else from gold, else from the first layer’s', () => {
    expect(editBase([alice, bob], [gold], 'lead')).toBe(gold);
    expect(editBase([alice, bob], [], 'lead')).toBe(alice);
  });
  it('is mine for any order of the layers and any gold', () => {
    const names = fc.uniqueArray(fc.constantFrom('alice', 'bob', 'carol', 'dan', 'erin'), { minLength: 1 });
    fc.assert(
      fc.property(names, fc.boolean(), fc.nat(), (layers, withGold, pick) => {
        const items = layers.map((n, i) => span(n, `id${i}`));
        const me = layers[pick % layers.length]!;
        expect(editBase(items, withGold ? [gold] : [], me)?.annotator).toBe(me);
      }),
    );
  });
});

describe('links named by their target', () => {
  const entity: Entity = {
    id: 'e1',
    name: 'Hossein Dehqan',
    type: 'person',
    aliases: [],
    externalId: null,
    createdAt: STAMP,
    updatedAt: STAMP,
  };
  const event: EventRecord = {
    id: 'ev1',
    title: 'Meeting in Baghdad',
    type: 'meeting',
    date: null,
    place: null,
    participants: [],
    createdAt: STAMP,
    updatedAt: STAMP,
  };
  const speaker = span('gold', 's1', { kind: 'speaker', quote: 'Brigadier General Dehqan' });
  const claim = span('gold', 'c1', { entityId: 'e1', eventId: 'ev1' });
  const relation = (id: string, to: Relation['to']): Relation => ({
    id,
    articleId: 'a1',
    annotator: 'gold',
    type: 'said-by',
    from: 'c1',
    to,
    createdAt: STAMP,
  });

  it('shows names, titles and quotes, never the ids', () => {
    const texts = linkTexts(claim, {
      relations: [relation('r1', { kind: 'annotation', id: 's1' }), relation('r2', { kind: 'entity', id: 'e1' })],
      annotations: [speaker, claim],
      entities: [entity],
      events: [event],
    });
    expect(texts).toEqual([
      'entity: Hossein Dehqan',
      'event: Meeting in Baghdad',
      'said-by → “Brigadier General Dehqan”',
      'said-by → Hossein Dehqan',
    ]);
    expect(texts.join(' ')).not.toMatch(/\b(e1|ev1|s1)\b/);
  });

  it('says a target is gone rather than showing its id', () => {
    const texts = linkTexts(claim, {
      relations: [relation('r1', { kind: 'annotation', id: 's9' })],
      annotations: [],
      entities: [],
      events: [],
    });
    expect(texts).toEqual(['entity: (deleted)', 'event: (deleted)', 'said-by → (deleted)']);
  });
});

describe('announcing the move', () => {
  it('names the next difference after a decision, or says the last was decided', () => {
    expect(moveMessage(1, 2, 12, 'decided')).toBe('Next difference: 3 of 12');
    expect(moveMessage(11, 11, 12, 'decided')).toBe('Decided the last difference (12 of 12).');
    expect(moveMessage(3, 2, 12, 'moved')).toBe('Difference: 3 of 12');
  });

  it('says a click decided the difference and stayed on it', () => {
    expect(stayMessage(2, 12)).toBe('Decided difference 3 of 12; staying on it (j moves on).');
  });
});
