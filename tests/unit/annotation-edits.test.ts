import { describe, expect, it } from 'vitest';
import { droppedByRetype, respan, retype } from '../../annotations/annotation-edits';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import type { Annotation, Relation } from '../../annotations/model';

const TEXT = 'General Dehqan said in a joint press conference in Tehran.';
const STAMP = '2026-11-30T10:00:00.000Z';
const at = (needle: string) => ({ start: TEXT.indexOf(needle), end: TEXT.indexOf(needle) + needle.length });
const annotation = (id: string, kind: string, needle: string, extra: Partial<Annotation> = {}): Annotation => ({
  id,
  articleId: 'doc',
  annotator: 'alice',
  kind,
  ...at(needle),
  quote: needle,
  attributes: {},
  note: '',
  entityId: null,
  eventId: null,
  createdAt: STAMP,
  updatedAt: STAMP,
  ...extra,
});
const relation = (id: string, type: string, from: string, to: string): Relation => ({
  id,
  articleId: 'doc',
  annotator: 'alice',
  type,
  from,
  to: { kind: 'annotation', id: to },
  createdAt: STAMP,
});

describe('correcting an annotation in place', () => {
  it('a new kind keeps the entity link it allows and the relations it may take part in, and names the rest', () => {
    const speaker = annotation('s', 'speaker', 'General Dehqan', { entityId: 'dehqan', note: 'the minister' });
    const relations = [
      relation('r1', 'said-by', 'c', 's'),
      relation('r2', 'agent', 'e', 's'),
      relation('r3', 'place', 'e', 't'),
    ];
    const asPerson = retype(DEFAULT_TAGSET, speaker, 'person', relations);
    expect(asPerson.annotation).toMatchObject({ kind: 'person', entityId: 'dehqan', note: 'the minister' });
    expect(asPerson.removedRelations.map((r) => r.id)).toEqual(['r1']);
    const asEvent = retype(DEFAULT_TAGSET, speaker, 'event', relations);
    expect(asEvent.annotation).toMatchObject({ kind: 'event', entityId: null, attributes: { eventType: null } });
    expect(asEvent.removedRelations.map((r) => r.id)).toEqual(['r1', 'r2']);
    const quotes: Record<string, string> = { c: 'said in', e: 'a joint press conference' };
    expect(
      droppedByRetype(DEFAULT_TAGSET, speaker, asEvent.annotation, asEvent.removedRelations, (id) => quotes[id]),
    ).toEqual(['entity link', 'said by link with “said in”', 'agent link with “a joint press conference”']);
  });

  it('attribute values are kept only where the new kind has them; unset ones are not named as dropped', () => {
    const claim = annotation('c', 'claim', 'said in', { attributes: { verdict: 'false', checkWorthy: null } });
    const { annotation: event } = retype(DEFAULT_TAGSET, claim, 'event', []);
    expect(event.attributes).toEqual({ eventType: null });
    expect(droppedByRetype(DEFAULT_TAGSET, claim, event, [], () => undefined)).toEqual(['Verdict “false”']);
  });

  it('moving the ends of a discontinuous span moves its first piece’s start and its last piece’s end', () => {
    const span = annotation('d', 'claim', 'General Dehqan said', { fragments: [at('General'), at('said')] });
    expect(respan(TEXT, span, 0, at('said in').end)).toMatchObject({
      quote: 'General Dehqan said in',
      fragments: [at('General'), at('said in')],
    });
    // Past its first piece, the span keeps one piece: it is continuous again.
    const moved = respan(TEXT, span, at('Dehqan').start, at('said').end);
    expect(moved).toMatchObject({ quote: 'Dehqan said', ...at('Dehqan said') });
    expect(moved.fragments).toBeUndefined();
    expect(() => respan(TEXT, span, 10, 10)).toThrow(/empty or reversed/);
  });
});
