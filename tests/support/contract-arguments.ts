import fc from 'fast-check';
import type { ChangeSet, Handlers } from '../../annotations/contract';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import type { Entity } from '../../annotations/model';
import type { OperationName } from '../../annotations/operation-names';

/**
 * Arguments for a fuzz of the contract: a valid example of each operation,
 * and plans that turn it into hostile ones (a field replaced by a value of
 * the wrong type, a huge string, an absurd number, deep nesting, lone
 * surrogates, ids with "/" or ".."; or a key like "__proto__" added), or a
 * whole random value instead. Plans stay small to print: big values are
 * described, and built only when the request is made.
 */

export const FIRST = '000_0032acaf3c30b9bc';

/** What a fresh store holds beyond the sample corpus, for valid arguments to refer to. */
export interface Fixture {
  changeSet: ChangeSet;
  reviewKey: string;
  entity: Entity;
  /** A suggestion the recommenders make on the first article. */
  suggestionId: string;
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

/** A valid argument object of each operation, as the contract tests send them: the starting point of mutations. */
export const VALID: Record<OperationName, (f: Fixture) => Record<string, unknown>> = {
  'store/status': () => ({}),
  'store/restore': () => ({ articleId: FIRST }),
  'articles/list': () => ({}),
  'articles/page': () => ({ offset: 0, limit: 50 }),
  'articles/ids': () => ({ offset: 0, limit: 50 }),
  'articles/neighbours': () => ({ articleId: FIRST }),
  'articles/summaries': () => ({ articleIds: [FIRST] }),
  'articles/get': () => ({ articleId: FIRST }),
  'annotations/list': () => ({ articleId: FIRST }),
  'annotations/create': () => ({ articleId: FIRST, kind: 'claim', start: 0, end: 4, quote: 'ISIS', note: 'n' }),
  'annotations/update': () => ({
    articleId: FIRST,
    id: 'fz-claim',
    attributes: { verdict: 'false', checkWorthy: true },
    note: 'checked',
    entityId: null,
  }),
  'annotations/delete': () => ({ articleId: FIRST, id: 'fz-claim' }),
  'relations/create': () => ({
    articleId: FIRST,
    type: 'said-by',
    from: 'fz-claim',
    to: { kind: 'annotation', id: 'fz-speaker' },
  }),
  'relations/delete': () => ({ articleId: FIRST, id: 'fz-relation' }),
  'documentLabels/set': () => ({ articleId: FIRST, labels: { stance: 'critical' }, done: true }),
  'tagset/update': () => ({ tagset: structuredClone(DEFAULT_TAGSET) }),
  'guidelines/get': () => ({}),
  'guidelines/update': () => ({ markdown: '# Ours\n\nMark claims.' }),
  'entities/list': () => ({}),
  'entities/create': () => ({ name: 'Hossein Dehqan', type: 'person', aliases: ['Dehqan'], externalId: 'Q1' }),
  'entities/update': () => ({ id: 'fz-entity', name: 'Khaled al-Obeidi', aliases: ['al-Obeidi'] }),
  'entities/delete': () => ({ id: 'fz-loner' }),
  'entities/merge': () => ({ into: 'fz-entity', from: ['fz-loner'] }),
  'entities/split': () => ({
    id: 'fz-entity',
    mentions: [{ articleId: FIRST, annotationId: 'fz-person' }],
    name: 'Khaled al-Obeidi (2014)',
  }),
  'entities/suggest': () => ({ text: 'Khalid al-Obeidi', limit: 5 }),
  'entities/page': () => ({ id: 'fz-entity' }),
  'events/list': () => ({}),
  'events/create': () => ({ title: 'Visit', type: 'visit', date: '2017-07-23', place: 'Tehran', participants: [] }),
  'events/update': () => ({ id: 'fz-event', title: 'MoU signing', date: '2017-07-24' }),
  'events/delete': () => ({ id: 'fz-event' }),
  'events/page': () => ({ id: 'fz-event' }),
  'search/query': () => ({ text: 'Tehran', kind: 'claim', attribute: { name: 'verdict', value: 'false' }, limit: 10 }),
  'history/apply': (f) => ({ changeSet: f.changeSet, direction: 'undo' }),
  'import/files': () => ({
    format: 'articles',
    files: [{ name: 'notes/story.txt', content: b64('Headline here\n\nBody 👍 text.') }],
  }),
  'import/upload': () => ({ upload: 'up-1', offset: 0, content: b64('{"text": "Body 👍 text."}\n') }),
  'jobs/progress': () => ({ jobId: 'job-1' }),
  'jobs/cancel': () => ({ jobId: 'job-1' }),
  'export/file': () => ({
    format: 'jsonl',
    scope: { layer: 'all' },
    articleIds: [FIRST],
    annotators: ['alice'],
    kinds: ['claim'],
  }),
  'settings/update': () => ({ annotator: 'Dana' }),
  'review/compare': () => ({ articleId: FIRST, annotators: ['alice', 'bob'] }),
  'review/decide': (f) => ({
    articleId: FIRST,
    annotators: ['alice', 'bob'],
    key: f.reviewKey,
    action: 'edit',
    edit: { kind: 'claim', start: 0, end: 4 },
  }),
  'review/accept-agreed': () => ({ articleId: FIRST, annotators: ['alice', 'bob'] }),
  'review/progress': () => ({ annotators: ['alice', 'bob'] }),
  'review/summary': () => ({ articleIds: [FIRST] }),
  'agreement/report': () => ({ annotators: ['alice'], articleIds: [FIRST] }),
  'agreement/article': () => ({ articleId: FIRST, annotators: ['alice', 'bob'] }),
  // Port 9 (discard) on loopback: refused at once, so no fuzz case waits on a network.
  'project/status': () => ({}),
  'project/publish': () => ({ url: 'http://127.0.0.1:9/project.git', credentials: { username: 'u', password: 'p' } }),
  'project/sync': () => ({ choices: { 'entity/e1': 'ours' } }),
  'project/clone': () => ({ url: 'http://127.0.0.1:9/project.git', remember: false }),
  'project/forget-credentials': () => ({}),
  'team/get': () => ({}),
  'team/member': () => ({ name: 'alice', role: 'annotator' }),
  'team/assign': () => ({ annotator: 'alice', articleIds: [FIRST], assigned: true }),
  'suggestions/list': () => ({ articleId: FIRST }),
  'suggestions/changes': () => ({ articleId: FIRST, since: null }),
  'suggestions/accept': (f) => ({ articleId: FIRST, suggestionIds: [f.suggestionId] }),
  'suggestions/reject': (f) => ({ articleId: FIRST, suggestionIds: [f.suggestionId] }),
  'suggestions/settings': () => ({}),
  'suggestions/configure': () => ({
    recommenders: ['gazetteer', 'attribution'],
    kinds: ['person', 'claim'],
    minScore: 0.5,
  }),
  'suggestions/evaluate': () => ({ reference: 'gold', articleIds: [FIRST] }),
};

/** Records for the valid arguments to name: a claim and its speaker linked, a person mention of an entity, an event. */
export async function addFixture(handlers: Handlers, forOperation?: OperationName): Promise<Fixture> {
  const { text } = await handlers['articles/get']({ articleId: FIRST });
  const span = (quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, quote });
  await handlers['annotations/create']({ id: 'fz-claim', articleId: FIRST, kind: 'claim', ...span('These hired') });
  await handlers['annotations/create']({
    id: 'fz-speaker',
    articleId: FIRST,
    kind: 'speaker',
    ...span('General Dehqan'),
  });
  await handlers['relations/create']({
    id: 'fz-relation',
    articleId: FIRST,
    type: 'said-by',
    from: 'fz-claim',
    to: { kind: 'annotation', id: 'fz-speaker' },
  });
  const { value: entity } = await handlers['entities/create']({
    id: 'fz-entity',
    name: 'Khalid al-Obeidi',
    type: 'person',
  });
  await handlers['entities/create']({ id: 'fz-loner', name: 'Obeidi', type: 'person' });
  await handlers['annotations/create']({
    id: 'fz-person',
    articleId: FIRST,
    kind: 'person',
    entityId: 'fz-entity',
    ...span('Khalid al-Obeidi'),
  });
  await handlers['events/create']({ id: 'fz-event', title: 'Visit', type: 'visit' });
  const { changeSet } = await handlers['annotations/create']({
    id: 'fz-undo',
    articleId: FIRST,
    kind: 'claim',
    ...span('pursuing the interests'),
    attributes: { verdict: 'false' },
  });
  const compared = await handlers['review/compare']({ articleId: FIRST, annotators: ['alice', 'bob'] });
  // Only for the operations that name a suggestion: running the recommenders (the language model's load first)
  // takes seconds, which every other operation's case would wait for.
  const suggestions = forOperation === 'suggestions/accept' || forOperation === 'suggestions/reject';
  const suggestionId = suggestions
    ? ((await handlers['suggestions/list']({ articleId: FIRST })).suggestions[0]?.id ?? 'no-suggestion')
    : 'no-suggestion';
  return { changeSet, reviewKey: compared.groups[0]?.key ?? 'no-group', entity, suggestionId };
}

/** A value put in place of a field, or under a new key: plain JSON, or a description of a big one built when sent. */
export type Hostile = { json: unknown } | { hugeString: number } | { nested: number; shape: 'array' | 'object' };

export type Path = (string | number)[];
/** One change to a valid argument object: a field's value replaced, or a key added to an object. */
export type Edit = { replace: Path; with: Hostile } | { at: Path; addKey: string; with: Hostile };
/** How to get one request's arguments: a whole random value, or a valid object with one to three edits. */
export type Plan = { whole: unknown } | { edits: Edit[] };

export const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const oddStrings = fc.oneof(
  fc.string({ unit: fc.oneof(loneSurrogate, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }),
  fc.constantFrom(
    '',
    ' ',
    '\uD800',
    'a\uDC00b',
    '\uDFFF\uD800',
    '../x',
    '..',
    '.',
    'a/b',
    '/etc/passwd',
    'a\\b',
    'a b',
    ' a',
    'a ',
    '\u0000',
    'a\u202Eb',
    'x'.repeat(128),
    'x'.repeat(129),
    'x'.repeat(200),
    '__proto__',
    'constructor',
    'toString',
    'gold',
    '<img src=x onerror=alert(1)>',
  ),
);
const oddNumbers = fc.oneof(
  fc.constantFrom(0, -1, -0.5, 1.5, 2 ** 31, -(2 ** 31), 2 ** 53 + 2, -(2 ** 53), 1e308, -1e308, 5e-324),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const hostile: fc.Arbitrary<Hostile> = fc.oneof(
  { arbitrary: oddStrings.map((json) => ({ json })), weight: 4 },
  { arbitrary: oddNumbers.map((json) => ({ json })), weight: 2 },
  { arbitrary: fc.constant({ json: null }), weight: 2 },
  {
    arbitrary: fc.constantFrom(true, false, [], {}, [[]], [null], { '': 1 }).map((json) => ({ json })),
    weight: 2,
  },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((json) => ({ json })), weight: 2 },
  { arbitrary: fc.constantFrom(20_000, 300_000, 2_000_000).map((hugeString) => ({ hugeString })), weight: 1 },
  {
    arbitrary: fc.record({
      nested: fc.constantFrom(10, 40, 58, 63, 64, 65, 100, 20_000, 20_000),
      shape: fc.constantFrom('array' as const, 'object' as const),
    }),
    weight: 2,
  },
);
const oddKeys = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'extra', '', ' id'),
  fc.string({ maxLength: 12 }),
);

/** Stands for a nested value in the arguments until their JSON text is made: JSON.stringify would overflow on it. */
const nestedMarker = (depth: number, shape: 'array' | 'object') => `@@nested-${shape}-${depth}@@`;

function materialize(value: Hostile): unknown {
  if ('json' in value) return structuredClone(value.json);
  if ('hugeString' in value) return 'x\uD83D\uDC4D'.repeat(value.hugeString / 3);
  return nestedMarker(value.nested, value.shape);
}

/** The arguments' JSON text, each nested marker replaced by its value's text. */
export function jsonText(args: unknown): string {
  const text = JSON.stringify(args) ?? '';
  return text.replace(/"@@nested-(array|object)-(\d+)@@"/g, (_, shape: string, depth: string) =>
    shape === 'array'
      ? `${'['.repeat(+depth)}"leaf"${']'.repeat(+depth)}`
      : `${'{"a":'.repeat(+depth)}"leaf"${'}'.repeat(+depth)}`,
  );
}

/** Sets an own property, even one named `__proto__`, as JSON.parse would. */
function put(target: object, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Every path into `value`: root first, then each nested field and element. */
export function pathsOf(value: unknown): { fields: (string | number)[][]; objects: (string | number)[][] } {
  const fields: (string | number)[][] = [];
  const objects: (string | number)[][] = [];
  const pending: [unknown, (string | number)[]][] = [[value, []]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [item, path] = next;
    if (path.length > 0) fields.push(path);
    if (typeof item !== 'object' || item === null) continue;
    if (!Array.isArray(item)) objects.push(path);
    for (const [key, child] of Object.entries(item)) pending.push([child, [...path, Array.isArray(item) ? +key : key]]);
  }
  return { fields, objects };
}

/** The valid object with the plan's edits made in turn; an edit whose place an earlier one replaced is dropped. */
export function build(valid: Record<string, unknown>, plan: Plan): unknown {
  if ('whole' in plan) return plan.whole;
  const args = structuredClone(valid);
  for (const edit of plan.edits) {
    const steps = 'replace' in edit ? edit.replace.slice(0, -1) : edit.at;
    let target: unknown = args;
    for (const step of steps)
      target = typeof target === 'object' && target !== null ? (target as Record<string, unknown>)[step] : undefined;
    if (typeof target !== 'object' || target === null) continue;
    if ('replace' in edit) put(target, edit.replace[edit.replace.length - 1]!, materialize(edit.with));
    else put(target, edit.addKey, materialize(edit.with));
  }
  return args;
}

export function plans(valid: Record<string, unknown>): fc.Arbitrary<Plan> {
  const { fields, objects } = pathsOf(valid);
  const edits: fc.WeightedArbitrary<Edit>[] = [
    { arbitrary: fc.record({ at: fc.constantFrom(...objects), addKey: oddKeys, with: hostile }), weight: 1 },
  ];
  if (fields.length > 0)
    edits.push({ arbitrary: fc.record({ replace: fc.constantFrom(...fields), with: hostile }), weight: 3 });
  return fc.oneof(
    { arbitrary: fc.anything({ maxDepth: 3 }).map((whole) => ({ whole })), weight: 1 },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((whole) => ({ whole })), weight: 1 },
    { arbitrary: fc.array(fc.oneof(...edits), { minLength: 1, maxLength: 3 }).map((e) => ({ edits: e })), weight: 8 },
  );
}
