import fc from 'fast-check';
import type { Annotation, Entity, EventRecord, Relation } from '../../annotations/model';
import type { ProjectSnapshot, SnapshotRecord } from '../../annotations/sync/snapshot';
import { recordKey } from '../../annotations/sync/snapshot';
import { validateSnapshot } from '../../annotations/sync/snapshot-problems';
import type { AttributeDefinition, Tagset } from '../../annotations/tagset';
import { ARTICLE_TEXTS, STAMP, entity, eventRecord, link } from './sync-snapshots';

/**
 * Random edits of a project, as the app makes them: each keeps the replica a
 * sound store (what would not is skipped, as the app would refuse it), and
 * deleting something also removes or unlinks what hangs on it, as the service
 * does.
 */
export const OPS = [
  'annotate',
  'annotate',
  'annotate',
  'revise',
  'unannotate',
  'link',
  'link',
  'link',
  'unlink',
  'label',
  'gold',
  'decide',
  'entity-add',
  'entity-add',
  'entity-edit',
  'entity-edit',
  'entity-delete',
  'entity-delete',
  'event-add',
  'event-edit',
  'event-edit',
  'event-delete',
  'tagset-drop-option',
  'tagset-add-option',
  'tagset-drop-kind',
  'tagset-add-kind',
  'tagset-relabel',
  'guidelines',
  'member-set',
  'member-remove',
  'assign',
  'assign',
  'unassign',
] as const;

export interface EditOp {
  op: (typeof OPS)[number];
  a: number;
  b: number;
  c: number;
  d: number;
}

export const editArb: fc.Arbitrary<EditOp> = fc.record({
  op: fc.constantFrom(...OPS),
  a: fc.nat(1000),
  b: fc.nat(1000),
  c: fc.nat(1000),
  d: fc.nat(1000),
});

export const ANNOTATORS = ['alice', 'bob', 'carol'] as const;
/** Who a lead may add to the team or assign articles to: the annotators and one who never edits. */
const TEAM = [...ANNOTATORS, 'Dora Ng'] as const;
const ROLES = ['lead', 'annotator'] as const;
const ARTICLES = Object.keys(ARTICLE_TEXTS);
const WORDS: Record<string, { start: number; end: number }[]> = Object.fromEntries(
  Object.entries(ARTICLE_TEXTS).map(([id, text]) => [
    id,
    [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length })),
  ]),
);

const pick = <T>(list: readonly T[], n: number): T | undefined =>
  list.length === 0 ? undefined : list[n % list.length];

type Records = ProjectSnapshot['records'];
const values = <T extends SnapshotRecord['type']>(records: Records, type: T) =>
  Object.values(records)
    .filter((r): r is Extract<SnapshotRecord, { type: T }> => r.type === type)
    .map((r) => r.value as Extract<SnapshotRecord, { type: T }>['value']);

function attributeValue(def: AttributeDefinition, n: number): Annotation['attributes'][string] {
  if (def.type === 'choice') return pick([null, ...def.options], n)!;
  if (def.type === 'multi-choice') return n % 3 === 0 ? null : [def.options[n % def.options.length]!];
  return null;
}

/** Removes annotations (and the relations on them) from the records. */
function removeAnnotations(records: Records, gone: (a: Annotation) => boolean): void {
  const ids = new Set<string>();
  for (const [key, r] of Object.entries(records))
    if (r.type === 'annotation' && gone(r.value)) {
      ids.add(`${r.value.articleId}/${r.value.id}`);
      delete records[key];
    }
  for (const [key, r] of Object.entries(records))
    if (
      r.type === 'relation' &&
      (ids.has(`${r.value.articleId}/${r.value.from}`) ||
        (r.value.to.kind === 'annotation' && ids.has(`${r.value.articleId}/${r.value.to.id}`)))
    )
      delete records[key];
}

const put = (records: Records, record: SnapshotRecord) => {
  records[recordKey(record)] = record;
};

/** Applies one edit of `annotator` (the n-th edit of replica `replica`); null when the app would refuse it. */
export function applyEdit(
  snapshot: ProjectSnapshot,
  e: EditOp,
  annotator: string,
  stamp: string,
): ProjectSnapshot | null {
  const records: Records = { ...snapshot.records };
  const tagset = records.tagset!.value as Tagset;
  const mine = values(records, 'annotation').filter((a) => a.annotator === annotator);
  const entities = values(records, 'entity');
  const events = values(records, 'event');
  const id = `n${stamp}`;
  switch (e.op) {
    case 'annotate':
    case 'gold': {
      const who = e.op === 'gold' ? 'gold' : annotator;
      const articleId = pick(ARTICLES, e.a)!;
      const span = pick(WORDS[articleId]!, e.b)!;
      const kind = pick(tagset.kinds, e.c)!;
      const annotation: Annotation = {
        id,
        articleId,
        annotator: who,
        kind: kind.kind,
        ...span,
        quote: ARTICLE_TEXTS[articleId]!.slice(span.start, span.end),
        attributes: Object.fromEntries(kind.attributes.map((def) => [def.name, attributeValue(def, e.d)])),
        note: '',
        entityId: kind.linksEntity && e.d % 2 === 0 ? (pick(entities, e.a)?.id ?? null) : null,
        eventId: kind.linksEvent && e.d % 2 === 0 ? (pick(events, e.a)?.id ?? null) : null,
        createdAt: STAMP,
        updatedAt: STAMP,
      };
      put(records, { type: 'annotation', value: annotation });
      break;
    }
    case 'revise': {
      const target = pick(mine, e.a);
      if (!target) return null;
      const def = tagset.kinds.find((k) => k.kind === target.kind)?.attributes[0];
      const attributes = def ? { ...target.attributes, [def.name]: attributeValue(def, e.b) } : target.attributes;
      put(records, { type: 'annotation', value: { ...target, attributes, note: `checked ${stamp}` } });
      break;
    }
    case 'unannotate': {
      const target = pick(mine, e.a);
      if (!target) return null;
      removeAnnotations(records, (a) => a === target);
      break;
    }
    case 'link': {
      const type = pick(tagset.relations, e.a);
      const from = pick(
        mine.filter((a) => type?.from.includes(a.kind)),
        e.b,
      );
      if (!type || !from) return null;
      let to: Relation['to'] | undefined;
      const entityTarget = type.to.includes('entity') && e.d % 2 === 0 ? pick(entities, e.c) : undefined;
      if (entityTarget) to = { kind: 'entity', id: entityTarget.id };
      else {
        const target = pick(
          mine.filter((a) => a.articleId === from.articleId && a.id !== from.id && type.to.includes(a.kind)),
          e.c,
        );
        if (target) to = { kind: 'annotation', id: target.id };
      }
      if (!to) return null;
      put(records, { type: 'relation', value: link(from.articleId, annotator, id, type.type, from.id, to) });
      break;
    }
    case 'unlink': {
      const target = pick(
        values(records, 'relation').filter((r) => r.annotator === annotator),
        e.a,
      );
      if (!target) return null;
      delete records[recordKey({ type: 'relation', value: target })];
      break;
    }
    case 'label': {
      const articleId = pick(ARTICLES, e.a)!;
      const labels = Object.fromEntries(tagset.documentLabels.map((def) => [def.name, attributeValue(def, e.b)]));
      put(records, {
        type: 'labels',
        articleId,
        value: { annotator, labels, done: e.c % 2 === 0, updatedAt: STAMP },
      });
      break;
    }
    case 'decide': {
      const articleId = pick(ARTICLES, e.a)!;
      const gold = values(records, 'annotation').filter((a) => a.annotator === 'gold' && a.articleId === articleId);
      put(records, {
        type: 'decision',
        articleId,
        value: {
          key: `alice:x${e.b % 3},bob:y${e.b % 3}`,
          action: e.c % 2 === 0 ? 'accept' : 'reject',
          sources: [{ annotator: 'alice', id: `x${e.b % 3}` }],
          goldIds: e.c % 2 === 0 ? gold.slice(0, 1).map((g) => g.id) : [],
          decidedBy: annotator,
          decidedAt: STAMP,
        },
      });
      break;
    }
    case 'entity-add':
      put(records, { type: 'entity', value: entity(id, `Person ${stamp}`) });
      break;
    case 'entity-edit': {
      const target = pick(entities, e.a);
      if (!target) return null;
      put(records, { type: 'entity', value: { ...target, name: `${target.name} (${stamp})`.slice(0, 300) } as Entity });
      break;
    }
    case 'entity-delete': {
      const target = pick(entities, e.a);
      if (!target) return null;
      deleteEntity(records, target.id);
      break;
    }
    case 'event-add':
      put(records, {
        type: 'event',
        value: eventRecord(
          id,
          `Event ${stamp}`,
          entities.slice(0, e.b % 3).map((x) => x.id),
        ),
      });
      break;
    case 'event-edit': {
      const target = pick(events, e.a);
      if (!target) return null;
      const participants = e.b % 2 === 0 ? target.participants : entities.slice(0, e.c % 3).map((x) => x.id);
      put(records, { type: 'event', value: { ...target, title: `Event ${stamp}`, participants } as EventRecord });
      break;
    }
    case 'event-delete': {
      const target = pick(events, e.a);
      if (!target) return null;
      delete records[`event/${target.id}`];
      for (const [key, r] of Object.entries(records))
        if (r.type === 'annotation' && r.value.eventId === target.id)
          records[key] = { ...r, value: { ...r.value, eventId: null } };
      break;
    }
    case 'member-set':
      put(records, { type: 'member', value: { name: pick(TEAM, e.a)!, role: pick(ROLES, e.b)! } });
      break;
    case 'member-remove': {
      const target = pick(values(records, 'member'), e.a);
      if (!target) return null;
      // As the service does: their articles are taken back with them.
      for (const [key, r] of Object.entries(records))
        if (
          (r.type === 'member' && r.value.name === target.name) ||
          (r.type === 'assignment' && r.value.annotator === target.name)
        )
          delete records[key];
      break;
    }
    case 'assign': {
      const name = pick(TEAM, e.a)!;
      if (!values(records, 'member').some((m) => m.name === name))
        put(records, { type: 'member', value: { name, role: 'annotator' } });
      put(records, { type: 'assignment', value: { annotator: name, articleId: pick(ARTICLES, e.b)! } });
      break;
    }
    case 'unassign': {
      const target = pick(values(records, 'assignment'), e.a);
      if (!target) return null;
      delete records[recordKey({ type: 'assignment', value: target })];
      break;
    }
    default:
      if (!editTagset(records, tagset, e, stamp)) return null;
  }
  const next = { records };
  return validateSnapshot(next).length === 0 ? next : null;
}

function deleteEntity(records: Records, entityId: string): void {
  delete records[`entity/${entityId}`];
  for (const [key, r] of Object.entries(records)) {
    if (r.type === 'annotation' && r.value.entityId === entityId)
      records[key] = { ...r, value: { ...r.value, entityId: null } };
    if (r.type === 'event' && r.value.participants.includes(entityId))
      records[key] = { ...r, value: { ...r.value, participants: r.value.participants.filter((p) => p !== entityId) } };
    if (r.type === 'relation' && r.value.to.kind === 'entity' && r.value.to.id === entityId) delete records[key];
  }
}

/** A tagset change and the migration the app runs with it; false when it does not apply. */
function editTagset(records: Records, tagset: Tagset, e: EditOp, stamp: string): boolean {
  const setTagset = (value: Tagset) => put(records, { type: 'tagset', value });
  const claim = tagset.kinds.find((k) => k.kind === 'claim');
  const verdict = claim?.attributes.find((a) => a.name === 'verdict');
  switch (e.op) {
    case 'tagset-drop-option': {
      if (verdict?.type !== 'choice' || verdict.options.length < 2) return false;
      const option = pick(verdict.options, e.a)!;
      const options = verdict.options.filter((o) => o !== option);
      const attributes = claim!.attributes.map((a) => (a === verdict ? { ...verdict, options } : a));
      setTagset({ ...tagset, kinds: tagset.kinds.map((k) => (k === claim ? { ...k, attributes } : k)) });
      for (const [key, r] of Object.entries(records))
        if (r.type === 'annotation' && r.value.kind === 'claim' && r.value.attributes.verdict === option)
          records[key] = { ...r, value: { ...r.value, attributes: { ...r.value.attributes, verdict: null } } };
      return true;
    }
    case 'tagset-add-option': {
      if (verdict?.type !== 'choice') return false;
      const option = pick(['unproven', 'satire', 'misleading'], e.a)!;
      if (verdict.options.includes(option)) return false;
      const attributes = claim!.attributes.map((a) =>
        a === verdict ? { ...verdict, options: [...verdict.options, option] } : a,
      );
      setTagset({ ...tagset, kinds: tagset.kinds.map((k) => (k === claim ? { ...k, attributes } : k)) });
      return true;
    }
    case 'tagset-drop-kind': {
      if (tagset.kinds.length < 2) return false;
      const gone = pick(tagset.kinds, e.a)!.kind;
      const relations = tagset.relations
        .map((r) => ({ ...r, from: r.from.filter((k) => k !== gone), to: r.to.filter((k) => k !== gone) }))
        .filter((r) => r.from.length > 0 && r.to.length > 0);
      setTagset({ ...tagset, kinds: tagset.kinds.filter((k) => k.kind !== gone), relations });
      removeAnnotations(records, (a) => a.kind === gone);
      const types = new Set(relations.map((r) => r.type));
      for (const [key, r] of Object.entries(records))
        if (r.type === 'relation' && !types.has(r.value.type)) delete records[key];
      return true;
    }
    case 'tagset-add-kind': {
      if (tagset.kinds.some((k) => k.kind === 'quote')) return false;
      setTagset({
        ...tagset,
        kinds: [
          ...tagset.kinds,
          {
            kind: 'quote',
            label: 'Quote',
            color: '#aa33aa',
            hotkey: e.a % 2 === 0 ? 'q' : null,
            linksEntity: false,
            linksEvent: false,
            attributes: [
              {
                name: 'source',
                label: 'Source',
                type: 'multi-choice',
                options: ['named', 'anonymous'],
                default: null,
                required: false,
              },
            ],
          },
        ],
      });
      return true;
    }
    case 'tagset-relabel':
      setTagset({ ...tagset, name: `Fact-checking ${stamp}`.slice(0, 60) });
      return true;
    case 'guidelines':
      put(records, { type: 'guidelines', value: `${records.guidelines!.value as string}\n\nRule ${stamp}.` });
      return true;
    default:
      return false;
  }
}

/** A replica after `ops` by `annotator`; the edits the app would refuse are skipped. */
export function applyEdits(snapshot: ProjectSnapshot, ops: readonly EditOp[], annotator: string, tag: string) {
  let current = snapshot;
  ops.forEach((op, i) => {
    current = applyEdit(current, op, annotator, `${tag}-${i}`) ?? current;
  });
  return current;
}
