import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../annotations/model';
import type { Team } from '../../annotations/project';
import { cloneProject, publish, sync } from '../../annotations/node/sync';
import { gitUnavailableReason, startGitServer } from '../support/git-server';
import type { GitTestServer } from '../support/git-server';
import { asMember } from '../support/sync-team';
import { makeTempDir } from '../support/temp-dir';

const unavailable = gitUnavailableReason();
if (unavailable) console.log(`team sync tests skipped: ${unavailable}`);

const auth = { username: 'team', password: 'pa55-w0rd-secret' };
const as = (name: string) => ({ auth, author: { name, email: `${name}@example.org` } });
const teamOf = (dir: string, who: string) => asMember(dir, who, (m) => m.call<Team>('team/get', {}));

describe.skipIf(unavailable !== null)('two leads managing one team through a loopback git server', () => {
  let server: GitTestServer;
  let temp: { dir: string; cleanup: () => Promise<void> };
  let dirs: { lena: string; mara: string; ana: string };
  let ids: string[];
  beforeAll(async () => {
    server = await startGitServer({ auth });
    temp = await makeTempDir('factmark-team-sync-');
    const url = server.url('team');
    dirs = { lena: join(temp.dir, 'lena'), mara: join(temp.dir, 'mara'), ana: join(temp.dir, 'ana') };
    ids = await asMember(dirs.lena, 'lena', async (m) => {
      await m.call('team/member', { name: 'lena', role: 'lead' });
      await m.call('team/member', { name: 'mara', role: 'lead' });
      return (await m.call<Article[]>('articles/list', {})).map((a) => a.id);
    });
    await publish(dirs.lena, url, as('lena'));
    await cloneProject(url, dirs.mara, { auth });
    await cloneProject(url, dirs.ana, { auth });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await temp?.cleanup();
  });

  it('keeps what both leads assigned at once, and what one took back, everywhere', async () => {
    const [a0, a1, a2] = ids as [string, string, string];
    await asMember(dirs.lena, 'lena', (m) =>
      m.call('team/assign', { annotator: 'ana', articleIds: [a0, a1], assigned: true }),
    );
    await asMember(dirs.mara, 'mara', (m) =>
      m.call('team/assign', { annotator: 'ana', articleIds: [a2], assigned: true }),
    );
    expect((await sync(dirs.lena, as('lena'))).status).toBe('pushed');
    expect((await sync(dirs.mara, as('mara'))).status).toBe('merged');
    expect((await sync(dirs.lena, as('lena'))).status).toBe('pulled');
    expect((await sync(dirs.ana, as('ana'))).status).toBe('pulled');
    const expected: Team = {
      members: [
        { name: 'ana', role: 'annotator' },
        { name: 'lena', role: 'lead' },
        { name: 'mara', role: 'lead' },
      ],
      assignments: [a0, a1, a2].sort().map((articleId) => ({ annotator: 'ana', articleId })),
    };
    for (const [who, dir] of Object.entries(dirs)) expect(await teamOf(dir, who)).toEqual(expected);

    // Lena takes one back while Mara edits something else: taken back everywhere.
    await asMember(dirs.lena, 'lena', (m) =>
      m.call('team/assign', { annotator: 'ana', articleIds: [a1], assigned: false }),
    );
    await asMember(dirs.mara, 'mara', (m) =>
      m.call('guidelines/update', { markdown: '# Rules\n\nOne claim, one span.\n' }),
    );
    expect((await sync(dirs.mara, as('mara'))).status).toBe('pushed');
    expect((await sync(dirs.lena, as('lena'))).status).toBe('merged');
    expect((await sync(dirs.mara, as('mara'))).status).toBe('pulled');
    expect((await teamOf(dirs.mara, 'mara')).assignments.map((a) => a.articleId)).toEqual([a0, a2].sort());
  }, 120_000);

  it('lists a member the two leads changed differently, and applies the choice', async () => {
    await asMember(dirs.lena, 'lena', (m) => m.call('team/member', { name: 'ana', role: 'lead' }));
    await asMember(dirs.mara, 'mara', (m) => m.call('team/member', { name: 'ana', role: null }));
    expect((await sync(dirs.lena, as('lena'))).status).toBe('pushed');
    const result = await sync(dirs.mara, as('mara'));
    expect(result.status).toBe('conflicts');
    if (result.status !== 'conflicts') return;
    expect(result.pending.summaries).toEqual(['ana: removed from the team here, made a lead on the other side']);
    expect((await teamOf(dirs.mara, 'mara')).members.map((m) => m.name)).toEqual(['lena', 'mara']);

    expect((await sync(dirs.mara, { ...as('mara'), choices: { 'member/ana': 'theirs' } })).status).toBe('merged');
    const team = await teamOf(dirs.mara, 'mara');
    expect(team.members).toContainEqual({ name: 'ana', role: 'lead' });
    // Mara's removal took ana's articles back; nobody changed them on the other side, so they stay taken back.
    expect(team.assignments).toEqual([]);
  }, 60_000);
});
