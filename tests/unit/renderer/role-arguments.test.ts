import { describe, expect, it } from 'vitest';
import type { EventPage } from '../../../annotations/contract';
import type { Annotation, Relation } from '../../../annotations/model';
import { roleArguments } from '../../../renderer/src/EventPage/role-arguments';
import { STAMP, testAnnotation, testEntity } from '../../support/store-records';

const span = (id: string, annotator: string, quote: string, extra: Partial<Annotation> = {}): Annotation => ({
  ...testAnnotation(extra.articleId ?? 'a1', id, 0, quote),
  annotator,
  kind: 'speaker',
  ...extra,
});
const entity = (id: string, name: string) => testEntity(id, name);
const role = (id: string, annotator: string, type: string, from: string, to: Relation['to']): Relation => ({
  id,
  articleId: 'a1',
  annotator,
  type,
  from,
  to,
  createdAt: STAMP,
});

const DEHQAN = entity('ent-dehqan', 'Hossein Dehqan');
const TEHRAN = entity('ent-tehran', 'Tehran');
const speaker = span('s1', 'alice', 'General Dehqan', { entityId: DEHQAN.id });
const bobSpeaker = span('s2', 'bob', 'the Defense Minister');
type Report = EventPage['reports'][number];
const REPORTS: Report[] = [
  {
    articleId: 'a1',
    title: 'Iran calls for efforts',
    mentions: [span('m1', 'alice', 'a meeting', { kind: 'event' }), span('m2', 'bob', 'a meeting', { kind: 'event' })],
    claims: [],
    roles: [
      { relation: role('r2', 'bob', 'agent', 'm2', { kind: 'annotation', id: 's2' }), target: bobSpeaker },
      { relation: role('r1', 'alice', 'agent', 'm1', { kind: 'annotation', id: 's1' }), target: speaker },
      { relation: role('r3', 'alice', 'place', 'm1', { kind: 'entity', id: TEHRAN.id }), target: TEHRAN },
    ],
  },
  {
    articleId: 'a2',
    title: 'MoU signed',
    mentions: [span('m3', 'alice', 'signed', { kind: 'event', articleId: 'a2' })],
    claims: [],
    roles: [{ relation: role('r4', 'alice', 'time', 'm3', { kind: 'annotation', id: 'gone' }), target: null }],
  },
];

describe('an event record’s role arguments', () => {
  it('groups every mention’s roles by role, in the tagset’s order, then by layer', () => {
    const groups = roleArguments(REPORTS, [DEHQAN, TEHRAN], ['agent', 'place', 'time']);
    expect(groups.map((g) => g.role)).toEqual(['agent', 'place', 'time']);
    expect(groups[0]!.arguments.map((a) => [a.text, a.annotator, a.title])).toEqual([
      ['General Dehqan', 'alice', 'Iran calls for efforts'],
      ['the Defense Minister', 'bob', 'Iran calls for efforts'],
    ]);
  });

  it('names the entity a target span is linked to, or the target entity itself', () => {
    const [agent, place] = roleArguments(REPORTS, [DEHQAN, TEHRAN], ['agent', 'place', 'time']);
    expect(agent!.arguments[0]!.entity?.name).toBe('Hossein Dehqan');
    expect(agent!.arguments[1]!.entity).toBeNull();
    expect(place!.arguments[0]).toMatchObject({ text: 'Tehran', isEntity: true, entity: TEHRAN });
  });

  it('opens the target span, or the event mention when the target is an entity or gone', () => {
    const [agent, place, time] = roleArguments(REPORTS, [DEHQAN, TEHRAN], ['agent', 'place', 'time']);
    expect(agent!.arguments[0]).toMatchObject({ articleId: 'a1', annotationId: 's1' });
    expect(place!.arguments[0]).toMatchObject({ articleId: 'a1', annotationId: 'm1' });
    expect(time!.arguments[0]).toMatchObject({ articleId: 'a2', annotationId: 'm3', text: null });
  });

  it('puts roles the tagset does not name after the others, by name', () => {
    const groups = roleArguments(REPORTS, [], ['place']);
    expect(groups.map((g) => g.role)).toEqual(['place', 'agent', 'time']);
    expect(roleArguments([], [])).toEqual([]);
  });
});
