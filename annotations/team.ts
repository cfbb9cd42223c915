import { z } from 'zod';
import { GOLD, IdSchema } from './model';
import type { Assignment, Team, TeamMember } from './project';
import { TEAM_ROLES } from './project';

/**
 * A team member's name, as the project's files keep it: an annotator's name
 * (printable, no surrounding spaces), never the gold layer's.
 */
export const TeamNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(200)
  .regex(/^[^\p{C}]+$/u, 'must not contain control characters')
  .refine((name) => name === name.trim(), 'must not start or end with spaces')
  .refine((name) => name !== GOLD, `"${GOLD}" is the adjudicated layer's name, not a member's`);

export const TeamMemberSchema = z.object({ name: TeamNameSchema, role: z.enum(TEAM_ROLES) });
export const AssignmentSchema = z.object({ annotator: TeamNameSchema, articleId: IdSchema });

export const EMPTY_TEAM: Team = { members: [], assignments: [] };

/** Code-unit order: the same on every machine, whatever its locale. */
export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const byName = (a: TeamMember, b: TeamMember) => compareText(a.name, b.name);
export const byAnnotatorAndArticle = (a: Assignment, b: Assignment) =>
  compareText(a.annotator, b.annotator) || compareText(a.articleId, b.articleId);

/** One string per assignment, for sets, maps and messages (article ids hold no "/", so the last one splits it). */
export const assignmentKey = (a: Assignment) => `${a.annotator}/${a.articleId}`;

const sorted = <T>(list: readonly T[], compare: (a: T, b: T) => number): T[] =>
  list.every((item, i) => i === 0 || compare(list[i - 1]!, item) < 0) ? [...list] : [...list].sort(compare);

/** The team in its order: members by name, assignments by annotator, then article id. */
export function orderTeam(team: Team): Team {
  return { members: sorted(team.members, byName), assignments: sorted(team.assignments, byAnnotatorAndArticle) };
}
