import type { Team, TeamRole } from '../../../annotations/project';

/** The team before it is read, or where the store keeps none: nobody, nothing assigned. */
export const NO_TEAM: Team = { members: [], assignments: [] };

/** Whether the store is a team's project: it has members or assignments. */
export const isTeamProject = (team: Team) => team.members.length > 0 || team.assignments.length > 0;

export const roleOf = (team: Team, name: string): TeamRole | null =>
  team.members.find((m) => m.name === name)?.role ?? null;

export const hasLead = (team: Team) => team.members.some((m) => m.role === 'lead');

/** Whether `name` may change the team and assign articles: a lead, or anyone while the team has no lead. */
export const canManageTeam = (team: Team, name: string) => !hasLead(team) || roleOf(team, name) === 'lead';

/** Whether `name` sees the bulk assignment controls: only a lead (a team without one offers "Make me lead"). */
export const canAssign = (team: Team, name: string) => roleOf(team, name) === 'lead';

/** The articles assigned to `annotator`. */
export function assignedTo(team: Team, annotator: string): ReadonlySet<string> {
  return new Set(team.assignments.filter((a) => a.annotator === annotator).map((a) => a.articleId));
}

/** Who each article is assigned to, by article id (names in the team's order). */
export function assigneesByArticle(team: Team): ReadonlyMap<string, readonly string[]> {
  const map = new Map<string, string[]>();
  for (const { annotator, articleId } of team.assignments) {
    const names = map.get(articleId);
    if (names) names.push(annotator);
    else map.set(articleId, [annotator]);
  }
  return map;
}

export interface AssignedProgress {
  assigned: number;
  done: number;
}

/** Of the articles assigned to `annotator` that the store holds, how many they marked done. */
export function assignedProgress(
  assigned: ReadonlySet<string>,
  articleIds: readonly string[],
  isDone: (articleId: string) => boolean,
): AssignedProgress {
  let count = 0;
  let done = 0;
  for (const id of articleIds) {
    if (!assigned.has(id)) continue;
    count++;
    if (isDone(id)) done++;
  }
  return { assigned: count, done };
}

export const assignedProgressText = ({ assigned, done }: AssignedProgress) => `${done} of ${assigned} assigned done`;

const articles = (n: number) => `${n} article${n === 1 ? '' : 's'}`;
const were = (n: number) => (n === 1 ? 'was' : 'were');

/**
 * What an assignment did, for the toast: how many articles changed hands,
 * and how many of those asked for were so already.
 */
export function assignNotice(before: Team, after: Team, annotator: string, asked: number, assigned: boolean): string {
  const count = (team: Team) => assignedTo(team, annotator).size;
  const changed = Math.abs(count(after) - count(before));
  const unchanged = asked - changed;
  if (assigned) {
    if (changed === 0)
      return `${asked === 1 ? 'The article was' : `All ${asked} articles were`} assigned to ${annotator} already`;
    const joined = roleOf(before, annotator) === null && roleOf(after, annotator) !== null;
    return `Assigned ${articles(changed)} to ${annotator}${unchanged > 0 ? ` (${unchanged} ${were(unchanged)} assigned already)` : ''}${joined ? `, who joins the team as ${roleOf(after, annotator) === 'lead' ? 'a lead' : 'an annotator'}` : ''}`;
  }
  if (changed === 0)
    return asked === 1
      ? `The article was not assigned to ${annotator}`
      : `None of the ${asked} articles was assigned to ${annotator}`;
  return `Took back ${articles(changed)} from ${annotator}${unchanged > 0 ? ` (${unchanged} ${were(unchanged)} not assigned to them)` : ''}`;
}
