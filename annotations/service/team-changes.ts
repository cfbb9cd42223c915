import type { Change } from '../changes';
import { sameJson } from '../changes';
import { FactmarkError } from '../errors';
import type { Assignment, Team, TeamMember } from '../project';
import { assignmentKey, byAnnotatorAndArticle, byName } from '../team';

export type TeamChange = Extract<Change, { type: 'member' | 'assignment' }>;

export const isTeamChange = (change: Change): change is TeamChange =>
  change.type === 'member' || change.type === 'assignment';

const stale = (what: string) =>
  new FactmarkError('conflict', `Cannot apply: the ${what} was changed since (by another edit); nothing was changed`);

/**
 * Applies team changes in order, each checked against the team as it then
 * is (a record no longer as the change expects is refused, as for every
 * other change). One pass over maps: a change set of 100,000 assignments
 * costs what sorting them does.
 */
export function applyTeamChanges(team: Team, changes: readonly TeamChange[]): Team {
  if (changes.length === 0) return team;
  const members = new Map(team.members.map((m) => [m.name, m]));
  const assignments = new Map(team.assignments.map((a) => [assignmentKey(a), a]));
  for (const change of changes) {
    if (change.type === 'member') {
      const name = (change.before ?? change.after)!.name;
      if (!sameJson(members.get(name) ?? null, change.before)) throw stale(`member "${name}"`);
      if (change.after) members.set(name, change.after);
      else members.delete(name);
    } else {
      const assignment = (change.before ?? change.after)!;
      const key = assignmentKey(assignment);
      if (assignments.has(key) !== (change.before !== null))
        throw stale(`assignment of article "${assignment.articleId}" to ${assignment.annotator}`);
      if (change.after) assignments.set(key, change.after);
      else assignments.delete(key);
    }
  }
  return {
    members: [...members.values()].sort(byName),
    assignments: [...assignments.values()].sort(byAnnotatorAndArticle),
  };
}

/**
 * Refuses a team that the changes leave unsound where they touched it: an
 * assignment made to an article the store does not have or to someone who
 * is not a member, a member removed who still has articles assigned.
 */
export function checkTeamChanges(team: Team, changes: readonly TeamChange[], hasArticle: (id: string) => boolean) {
  const members = new Set(team.members.map((m) => m.name));
  const made = changes.flatMap((c) => (c.type === 'assignment' && c.after ? [c.after] : []));
  const nowhere = made.find((a) => !hasArticle(a.articleId));
  if (nowhere)
    throw new FactmarkError(
      'not-found',
      `Cannot apply: it assigns article "${nowhere.articleId}", which is not in the store; nothing was changed`,
    );
  const outsider = made.find((a) => !members.has(a.annotator));
  if (outsider)
    throw new FactmarkError(
      'conflict',
      `Cannot apply: it assigns an article to ${outsider.annotator}, who is not a member of the team; nothing was changed`,
    );
  const removed = new Set(changes.flatMap((c) => (c.type === 'member' && c.before && !c.after ? [c.before.name] : [])));
  const busy = removed.size > 0 ? team.assignments.find((a) => removed.has(a.annotator)) : undefined;
  if (busy)
    throw new FactmarkError(
      'conflict',
      `Cannot apply: it removes ${busy.annotator} from the team, who still has articles assigned; take them back first`,
    );
}

/** The changes that assign (or take back) each of `articles` for `annotator`, in article order. */
export function assignmentChanges(annotator: string, articleIds: readonly string[], assigned: boolean): TeamChange[] {
  return articleIds.map((articleId) => {
    const assignment: Assignment = { annotator, articleId };
    return { type: 'assignment', before: assigned ? null : assignment, after: assigned ? assignment : null };
  });
}

export const memberChange = (before: TeamMember | null, after: TeamMember | null): TeamChange => ({
  type: 'member',
  before,
  after,
});
