import type { Change, ChangeSet } from '../../../annotations/changes';
import type { Team, TeamRole } from '../../../annotations/project';
import type { WorkspaceState, WorkspaceStore } from '../state/workspace-store';
import { NO_TEAM, assignNotice, isTeamProject } from './team-view';

export interface TeamState {
  /** The project's members and assignments (none until read). */
  team: Team;
  /** Read from the store at least once. */
  loaded: boolean;
  /** Per article, the annotators who marked it done; read only in a team project (members or assignments). */
  doneBy: ReadonlyMap<string, readonly string[]>;
}

/** Changes of article records and registries: anything else an undo step holds is the team's (or unknown), so re-read. */
const ARTICLE_AND_REGISTRY = new Set<Change['type']>([
  'annotation',
  'relation',
  'decision',
  'rejection',
  'entity',
  'event',
  'tagset',
  'guidelines',
]);
const touchesTeam = (step: ChangeSet | undefined) =>
  step?.changes.some((c) => !ARTICLE_AND_REGISTRY.has(c.type) && c.type !== 'documentLabels') ?? false;
const touchesDone = (step: ChangeSet | undefined) => step?.changes.some((c) => c.type === 'documentLabels') ?? false;

/**
 * The team as the article list, the settings and the dashboard show it: read
 * through the workspace store, changed through its `mutate` so that every
 * change of the team is an undo step like any edit. Undo and redo of a team
 * step, a done mark, an import or another store opened read it again.
 */
export function createTeamStore(workspace: WorkspaceStore) {
  let state: TeamState = { team: NO_TEAM, loaded: false, doneBy: new Map() };
  const listeners = new Set<() => void>();
  let watching: (() => void) | null = null;
  let seen: Pick<WorkspaceState, 'undoStack' | 'redoStack' | 'articlesVersion'> & { location: string | null } = {
    undoStack: [],
    redoStack: [],
    articlesVersion: 0,
    location: null,
  };

  function set(patch: Partial<TeamState>): void {
    state = { ...state, ...patch };
    for (const listener of listeners) listener();
  }

  async function readTeam(): Promise<void> {
    const team = await workspace.query('team/get', {});
    if (team) set({ team, loaded: true });
    if (isTeamProject(state.team)) await readDone();
  }

  async function readDone(): Promise<void> {
    const rows = await workspace.query('review/progress', {});
    if (rows) set({ doneBy: new Map(rows.map((r) => [r.articleId, r.done])) });
  }

  /** Reads again what the workspace's last change may have changed. */
  function follow(): void {
    const s = workspace.getState();
    const location = s.status?.location ?? null;
    if (location === null) return;
    const before = seen;
    seen = { undoStack: s.undoStack, redoStack: s.redoStack, articlesVersion: s.articlesVersion, location };
    // An import or a sync (the article list changed) may have brought assignments too.
    if (before.location !== location || before.articlesVersion !== s.articlesVersion) return void readTeam();
    if (before.undoStack === s.undoStack && before.redoStack === s.redoStack) return;
    // The step just made, undone or redone is on top of one of the stacks.
    const steps = [s.undoStack.at(-1), s.redoStack.at(-1)];
    if (steps.some(touchesTeam)) void readTeam();
    else if (isTeamProject(state.team) && steps.some(touchesDone)) void readDone();
  }

  async function assign(annotator: string, articleIds: string[], assigned: boolean): Promise<boolean> {
    const before = state.team;
    const team = await workspace.mutate('team/assign', { annotator, articleIds, assigned });
    if (!team) return false;
    set({ team });
    if (state.doneBy.size === 0) await readDone();
    workspace.notify({ tone: 'info', text: assignNotice(before, team, annotator, articleIds.length, assigned) });
    return true;
  }

  async function setMember(name: string, role: TeamRole | null): Promise<boolean> {
    const had = state.team.members.find((m) => m.name === name)?.role ?? null;
    const theirs = state.team.assignments.filter((a) => a.annotator === name).length;
    const team = await workspace.mutate('team/member', { name, role });
    if (!team) return false;
    set({ team });
    const text =
      role === null
        ? `Removed ${name} from the team${theirs > 0 ? ` and took back ${theirs} article${theirs === 1 ? '' : 's'}` : ''}`
        : had === null
          ? `Added ${name} to the team as ${role}`
          : `${name} is now ${role === 'lead' ? 'a lead' : 'an annotator'}`;
    workspace.notify({ tone: 'info', text });
    return true;
  }

  return {
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      if (!watching) {
        watching = workspace.subscribe(follow);
        follow();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && watching) {
          watching();
          watching = null;
          seen = { ...seen, location: null };
        }
      };
    },
    /** Assigns articles to an annotator (or takes them back) in one undo step; a toast says what changed. */
    assign,
    /** Adds a member, changes their role, or removes them (role null), in one undo step. */
    setMember,
    refresh: readTeam,
  };
}

export type TeamStore = ReturnType<typeof createTeamStore>;
