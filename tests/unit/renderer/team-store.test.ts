import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../../annotations/contract';
import { createTeamStore } from '../../../renderer/src/Team/team-store';
import type { TeamStore } from '../../../renderer/src/Team/team-store';
import { openSampleWorkspaceStore } from '../../support/workspace-store-harness';

describe('the team as the renderer keeps it', () => {
  let cleanup: () => Promise<void>;
  let handlers: Handlers;
  let workspace: Awaited<ReturnType<typeof openSampleWorkspaceStore>>['store'];
  let team: TeamStore;
  let stop: () => void;
  let ids: string[];

  beforeEach(async () => {
    ({ handlers, store: workspace, cleanup } = await openSampleWorkspaceStore());
    team = createTeamStore(workspace);
    stop = team.subscribe(() => undefined);
    ids = (await handlers['articles/list']({})).map((a) => a.id);
    await vi.waitFor(() => expect(team.getState().loaded).toBe(true));
  });
  afterEach(async () => {
    stop();
    await cleanup();
  });

  const bobs = () =>
    team
      .getState()
      .team.assignments.filter((a) => a.annotator === 'bob')
      .map((a) => a.articleId);

  it('assigns three articles in one undo step, says so, and follows undo and redo', async () => {
    expect(team.getState().team).toEqual({ members: [], assignments: [] });
    expect(await team.setMember('alice', 'lead')).toBe(true);
    expect(workspace.getState().notice?.text).toBe('Added alice to the team as lead');
    const steps = workspace.getState().undoStack.length;
    expect(await team.assign('bob', ids.slice(0, 3), true)).toBe(true);
    expect(bobs()).toEqual(ids.slice(0, 3).sort());
    expect(workspace.getState().notice?.text).toBe('Assigned 3 articles to bob, who joins the team as an annotator');
    expect(workspace.getState().undoStack).toHaveLength(steps + 1);
    expect(workspace.getState().undoStack.at(-1)!.label).toMatch(/^Assign 3 articles to bob/);

    await workspace.undo();
    await vi.waitFor(() => expect(bobs()).toEqual([]));
    expect((await handlers['team/get']({})).assignments).toEqual([]);
    await workspace.redo();
    await vi.waitFor(() => expect(bobs()).toHaveLength(3));
  });

  it('a refused change keeps the team as it was and says why', async () => {
    expect(await team.assign('bob', ['no-such-article'], true)).toBe(false);
    expect(workspace.getState().notice).toMatchObject({ tone: 'error' });
    expect(workspace.getState().notice?.text).toContain('no-such-article');
    expect(team.getState().team.assignments).toEqual([]);
  });

  it('removes a member with their articles in one step; refuses to leave the team without its only lead', async () => {
    await team.setMember('alice', 'lead');
    await team.assign('bob', ids.slice(0, 2), true);
    expect(await team.setMember('alice', 'annotator')).toBe(false);
    expect(workspace.getState().notice).toMatchObject({ tone: 'error' });
    expect(team.getState().team.members).toContainEqual({ name: 'alice', role: 'lead' });
    expect(await team.setMember('bob', null)).toBe(true);
    expect(workspace.getState().notice?.text).toBe('Removed bob from the team and took back 2 articles');
    expect(team.getState().team).toEqual({ members: [{ name: 'alice', role: 'lead' }], assignments: [] });
    await workspace.undo();
    await vi.waitFor(() => expect(bobs()).toHaveLength(2));
  });

  it('a rejected suggestion, undone and redone, is not read as a change of the team', async () => {
    const articleId = workspace.getState().article!.id;
    const { suggestions } = await handlers['suggestions/list']({ articleId });
    expect(suggestions.length).toBeGreaterThan(0);
    const readTeam = handlers['team/get'];
    let reads = 0;
    handlers['team/get'] = (args) => {
      reads++;
      return readTeam(args);
    };
    await workspace.mutate('suggestions/reject', { articleId, suggestionIds: [suggestions[0]!.id] });
    expect(
      workspace
        .getState()
        .undoStack.at(-1)!
        .changes.map((c) => c.type),
    ).toEqual(['rejection']);
    await workspace.undo();
    await workspace.redo();
    // A change of the team is read again: its read comes after any the steps above would have sent.
    await team.setMember('alice', 'lead');
    await vi.waitFor(() => expect(reads).toBeGreaterThan(0));
    await vi.waitFor(() => expect(team.getState().doneBy.size).toBe(ids.length));
    expect(reads).toBe(1);
  });

  it('reads who marked each article done once the store is a team project, and again when a done mark changes', async () => {
    expect(team.getState().doneBy.size).toBe(0);
    await team.setMember('alice', 'lead');
    await vi.waitFor(() => expect(team.getState().doneBy.size).toBe(ids.length));
    await team.assign('bob', ids.slice(0, 2), true);
    await workspace.setAnnotator('bob');
    await workspace.setDone(true);
    await vi.waitFor(() => expect(team.getState().doneBy.get(ids[0]!)).toEqual(['bob']));
    await workspace.undo();
    await vi.waitFor(() => expect(team.getState().doneBy.get(ids[0]!)).toEqual([]));
  });
});
