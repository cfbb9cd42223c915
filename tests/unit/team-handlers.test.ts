import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeSet, Mutation } from '../../annotations/changes';
import type { Handlers } from '../../annotations/contract';
import { dispatch } from '../../annotations/dispatch';
import type { LowdbRepository } from '../../annotations/node/lowdb-repository';
import type { Team } from '../../annotations/project';
import { createHandlers } from '../../annotations/service/index';
import { useStoreOpener } from '../support/open-store';
import { hashStore } from '../support/store-integrity';
import { testArticle } from '../support/store-records';
import { makeTempDir } from '../support/temp-dir';

let dir: string;
let cleanup: () => Promise<void>;
let repo: LowdbRepository;
let handlers: Handlers;
const openStore = useStoreOpener();

beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  repo = await openStore(dir);
  await repo.addArticles(await Promise.all(['a1', 'a2', 'a3'].map((id) => testArticle(id))));
  handlers = createHandlers(repo, { annotator: 'alice' });
});
afterEach(() => cleanup());

/** Calls an operation as the transports do (arguments parsed first); throws the wire error of a refusal. */
async function send<T>(name: string, args: unknown): Promise<T> {
  const envelope = await dispatch(handlers, name, args);
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
  return envelope.result as T;
}

/** The operation is refused with `code` and a message matching `message`, and no byte of the store changes. */
async function refused(name: string, args: unknown, code: string, message: RegExp): Promise<void> {
  const before = await hashStore(dir);
  const envelope = await dispatch(handlers, name, args);
  expect(envelope.ok, JSON.stringify(envelope)).toBe(false);
  if (envelope.ok) return;
  expect(envelope.error.code).toBe(code);
  expect(envelope.error.message).toMatch(message);
  expect(await hashStore(dir)).toEqual(before);
}

const member = (name: string, role: 'lead' | 'annotator' | null) => send<Mutation<Team>>('team/member', { name, role });
const assign = (annotator: string, articleIds: string[], assigned = true) =>
  send<Mutation<Team>>('team/assign', { annotator, articleIds, assigned });
const apply = (changeSet: ChangeSet, direction: 'undo' | 'redo') =>
  send<Mutation<null>>('history/apply', { changeSet, direction });
const text = (path: string) => readFile(join(dir, path), 'utf8');

describe('the team of a project', () => {
  it('reads as empty from a store without team files, which reading does not add', async () => {
    expect(await send('team/get', {})).toEqual({ members: [], assignments: [] });
    await send('guidelines/update', { markdown: '# Rules' });
    expect(existsSync(join(dir, 'members.jsonl'))).toBe(false);
    expect(existsSync(join(dir, 'assignments.jsonl'))).toBe(false);
  });

  it('keeps members by name and assignments by annotator and article, one a line with sorted keys', async () => {
    const lead = await member('lena', 'lead');
    expect(lead.changeSet).toEqual({
      label: 'Add lena to the team as a lead',
      changes: [{ type: 'member', before: null, after: { name: 'lena', role: 'lead' } }],
    });
    const bob = await assign('bob', ['a3', 'a1', 'a3']);
    expect(bob.changeSet.label).toBe('Assign 2 articles to bob, adding bob to the team as an annotator');
    expect(bob.changeSet.changes).toEqual([
      { type: 'member', before: null, after: { name: 'bob', role: 'annotator' } },
      { type: 'assignment', before: null, after: { annotator: 'bob', articleId: 'a1' } },
      { type: 'assignment', before: null, after: { annotator: 'bob', articleId: 'a3' } },
    ]);
    await assign('ana', ['a2']);
    const team: Team = {
      members: [
        { name: 'ana', role: 'annotator' },
        { name: 'bob', role: 'annotator' },
        { name: 'lena', role: 'lead' },
      ],
      assignments: [
        { annotator: 'ana', articleId: 'a2' },
        { annotator: 'bob', articleId: 'a1' },
        { annotator: 'bob', articleId: 'a3' },
      ],
    };
    expect(await send('team/get', {})).toEqual(team);
    expect(await text('members.jsonl')).toBe(
      '{"name":"ana","role":"annotator"}\n{"name":"bob","role":"annotator"}\n{"name":"lena","role":"lead"}\n',
    );
    expect(await text('assignments.jsonl')).toBe(
      '{"annotator":"ana","articleId":"a2"}\n{"annotator":"bob","articleId":"a1"}\n{"annotator":"bob","articleId":"a3"}\n',
    );
    // A restarted app reads the same team.
    repo = await openStore(dir);
    handlers = createHandlers(repo, { annotator: 'alice' });
    expect(await send('team/get', {})).toEqual(team);
  });

  it('changes nothing, and writes nothing, for a role held already or articles assigned already', async () => {
    await member('lena', 'lead');
    await assign('bob', ['a1']);
    const before = await hashStore(dir);
    expect((await member('lena', 'lead')).changeSet.changes).toEqual([]);
    expect((await assign('bob', ['a1'])).changeSet).toEqual({
      label: 'bob has these articles assigned already',
      changes: [],
    });
    expect((await assign('bob', ['a2'], false)).changeSet.changes).toEqual([]);
    expect((await assign('carol', ['a2'], false)).value.members.map((m) => m.name)).toEqual(['bob', 'lena']);
    expect((await member('nobody', null)).changeSet.changes).toEqual([]);
    expect(await hashStore(dir)).toEqual(before);
  });

  it('takes articles back, and removes a member together with their assignments in one change set', async () => {
    await member('lena', 'lead');
    await assign('bob', ['a1', 'a2', 'a3']);
    const back = await assign('bob', ['a2', 'a2'], false);
    expect(back.changeSet.label).toBe('Take back 1 article from bob');
    expect(back.value.assignments.map((a) => a.articleId)).toEqual(['a1', 'a3']);
    const removed = await member('bob', null);
    expect(removed.changeSet.label).toBe('Remove bob from the team and take back 2 articles');
    expect(removed.value).toEqual({ members: [{ name: 'lena', role: 'lead' }], assignments: [] });
    expect(await text('assignments.jsonl')).toBe('');
    // Undo puts back the member and their articles.
    await apply(removed.changeSet, 'undo');
    expect((await send<Team>('team/get', {})).assignments).toHaveLength(2);
  });

  it('refuses, changing no byte: unknown articles (named), the gold layer, the only lead leaving others, bad names', async () => {
    await member('lena', 'lead');
    await assign('bob', ['a1']);
    await refused(
      'team/assign',
      { annotator: 'bob', articleIds: ['a2', 'nope', 'gone'], assigned: true },
      'not-found',
      /No articles "nope", "gone" in the store; nothing was assigned/,
    );
    await refused(
      'team/assign',
      { annotator: 'bob', articleIds: ['zz'], assigned: false },
      'not-found',
      /No article "zz"/,
    );
    await refused(
      'team/assign',
      { annotator: 'gold', articleIds: ['a1'], assigned: true },
      'invalid-argument',
      /"gold" is the adjudicated layer's name/,
    );
    await refused('team/member', { name: 'gold', role: 'annotator' }, 'invalid-argument', /"gold"/);
    await refused(
      'team/member',
      { name: 'lena', role: null },
      'conflict',
      /lena is the team's only lead; make another member a lead first/,
    );
    await refused('team/member', { name: 'lena', role: 'annotator' }, 'conflict', /only lead/);
    await refused('team/member', { name: 'bad\u0007name', role: 'lead' }, 'invalid-argument', /control characters/);
    await refused(
      'team/assign',
      { annotator: 'bob', articleIds: [], assigned: true },
      'invalid-argument',
      /articleIds/,
    );
    await refused(
      'team/assign',
      { annotator: 'bob', articleIds: ['../x'], assigned: true },
      'invalid-argument',
      /articleIds/,
    );
    // With a second lead, the first may step down; a lead alone in the team may leave it.
    await member('bob', 'lead');
    expect((await member('lena', 'annotator')).value.members).toContainEqual({ name: 'lena', role: 'annotator' });
  });

  it('lets a lead alone in the team leave it', async () => {
    await member('lena', 'lead');
    expect((await member('lena', null)).value).toEqual({ members: [], assignments: [] });
    expect(await text('members.jsonl')).toBe('');
  });

  it('undoes and redoes an assignment, its new member included, and refuses an undo that later work made stale', async () => {
    const made = await assign('bob', ['a2', 'a1']);
    await apply(made.changeSet, 'undo');
    expect(await send('team/get', {})).toEqual({ members: [], assignments: [] });
    expect(await text('assignments.jsonl')).toBe('');
    await apply(made.changeSet, 'redo');
    expect(await send('team/get', {})).toEqual(made.value);
    await assign('bob', ['a1'], false);
    await refused(
      'history/apply',
      { changeSet: made.changeSet, direction: 'undo' },
      'conflict',
      /assignment of article "a1" to bob was changed since/,
    );
    await refused(
      'history/apply',
      { changeSet: made.changeSet, direction: 'redo' },
      'conflict',
      /member "bob" was changed since/,
    );
  });

  it('refuses change sets that would leave the team unsound: an unknown article, an outsider, a busy member removed', async () => {
    await assign('bob', ['a1']);
    const crafted = (changes: unknown[]) => ({ changeSet: { label: 'x', changes }, direction: 'redo' });
    await refused(
      'history/apply',
      crafted([{ type: 'assignment', before: null, after: { annotator: 'bob', articleId: 'zz' } }]),
      'not-found',
      /article "zz", which is not in the store/,
    );
    await refused(
      'history/apply',
      crafted([{ type: 'assignment', before: null, after: { annotator: 'eve', articleId: 'a2' } }]),
      'conflict',
      /eve, who is not a member/,
    );
    await refused(
      'history/apply',
      crafted([{ type: 'member', before: { name: 'bob', role: 'annotator' }, after: null }]),
      'conflict',
      /still has articles assigned/,
    );
    await refused(
      'history/apply',
      crafted([{ type: 'member', before: null, after: { name: 'gold', role: 'lead' } }]),
      'invalid-argument',
      /adjudicated layer/,
    );
    const both = { annotator: 'bob', articleId: 'a1' };
    await refused(
      'history/apply',
      crafted([{ type: 'assignment', before: both, after: both }]),
      'invalid-argument',
      /before or after, not both/,
    );
  });

  it('refuses to open a store whose team file repeats a record, naming the file and the line', async () => {
    await member('lena', 'lead');
    await repo.close();
    await writeFile(join(dir, 'members.jsonl'), '{"name":"lena","role":"lead"}\n{"name":"lena","role":"annotator"}\n');
    await expect(openStore(dir)).rejects.toThrow(/members\.jsonl.*line 2 repeats the member "lena"/);
  });
});
