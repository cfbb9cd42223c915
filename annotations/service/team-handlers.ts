import type { Handlers } from '../contract';
import type { Mutation } from '../changes';
import { FactmarkError } from '../errors';
import { GOLD } from '../model';
import type { Team, TeamMember, TeamRole } from '../project';
import { EMPTY_TEAM, orderTeam } from '../team';
import type { ServiceContext } from './context';
import { mutation } from './context';
import type { TeamChange } from './team-changes';
import { applyTeamChanges, assignmentChanges, memberChange } from './team-changes';

const articles = (n: number) => (n === 1 ? '1 article' : `${n} articles`);
const asRole = (role: TeamRole) => (role === 'lead' ? 'a lead' : 'an annotator');

function refuseGold(name: string): void {
  if (name === GOLD)
    throw new FactmarkError(
      'invalid-argument',
      `"${GOLD}" is the adjudicated layer's name, not a team member's; choose another name`,
    );
}

/** "No article "x" in the store", naming up to five of the ids. */
function unknownArticles(ids: readonly string[]): FactmarkError {
  const named = ids
    .slice(0, 5)
    .map((id) => `"${id}"`)
    .join(', ');
  const more = ids.length > 5 ? ` and ${ids.length - 5} more` : '';
  return new FactmarkError(
    'not-found',
    `No ${ids.length === 1 ? 'article' : 'articles'} ${named}${more} in the store; nothing was assigned`,
  );
}

/**
 * The team's only lead stays one while others are in the team: someone must
 * be left to manage it. A lead alone in the team may leave it. (Undo and a
 * sync's merge may still leave a team without a lead: they restore or join
 * what each side did.)
 */
function refuseLastLead(team: Team, member: TeamMember, role: TeamRole | null): void {
  if (member.role !== 'lead' || role === 'lead' || team.members.length === 1) return;
  if (team.members.some((m) => m.role === 'lead' && m.name !== member.name)) return;
  throw new FactmarkError(
    'conflict',
    `${member.name} is the team's only lead; make another member a lead first, so someone manages the team`,
  );
}

/**
 * The project's members and assignments. Each change is one transaction and
 * one change set (undone by `history/apply`); a change that changes nothing
 * (a role already held, articles already assigned) writes nothing and has no
 * changes.
 */
export function teamHandlers(ctx: ServiceContext): Pick<Handlers, 'team/get' | 'team/member' | 'team/assign'> {
  const current = () => orderTeam(ctx.repo.readProject().team ?? EMPTY_TEAM);

  async function change(team: Team, label: string, changes: TeamChange[]): Promise<Mutation<Team>> {
    if (changes.length === 0) return mutation(team, label, []);
    const next = applyTeamChanges(team, changes);
    await ctx.repo.updateProject((p) => ({ ...p, team: next }));
    return mutation(next, label, changes);
  }

  return {
    'team/get': async () => current(),

    'team/member': async ({ name, role }) => {
      refuseGold(name);
      const team = current();
      const member = team.members.find((m) => m.name === name) ?? null;
      if (role === null) {
        if (!member) return mutation(team, `Remove ${name} from the team`, []);
        refuseLastLead(team, member, role);
        const theirs = team.assignments.filter((a) => a.annotator === name);
        const back = theirs.length > 0 ? ` and take back ${articles(theirs.length)}` : '';
        return change(team, `Remove ${name} from the team${back}`, [
          ...assignmentChanges(
            name,
            theirs.map((a) => a.articleId),
            false,
          ),
          memberChange(member, null),
        ]);
      }
      if (member?.role === role) return mutation(team, `Make ${name} ${asRole(role)}`, []);
      if (member) refuseLastLead(team, member, role);
      const label = member ? `Make ${name} ${asRole(role)}` : `Add ${name} to the team as ${asRole(role)}`;
      return change(team, label, [memberChange(member, { name, role })]);
    },

    'team/assign': async ({ annotator, articleIds, assigned }) => {
      refuseGold(annotator);
      const ids = [...new Set(articleIds)];
      const known = new Set(ctx.repo.listArticles().map((a) => a.id));
      const unknown = ids.filter((id) => !known.has(id));
      if (unknown.length > 0) throw unknownArticles(unknown);
      const team = current();
      const theirs = new Set(team.assignments.filter((a) => a.annotator === annotator).map((a) => a.articleId));
      const moved = ids.filter((id) => theirs.has(id) !== assigned).sort();
      if (moved.length === 0)
        return mutation(
          team,
          assigned
            ? `${annotator} has these articles assigned already`
            : `${annotator} has none of these articles assigned`,
          [],
        );
      if (!assigned)
        return change(
          team,
          `Take back ${articles(moved.length)} from ${annotator}`,
          assignmentChanges(annotator, moved, false),
        );
      const member = team.members.some((m) => m.name === annotator);
      const joins = !member;
      const label = `Assign ${articles(moved.length)} to ${annotator}${joins ? `, adding ${annotator} to the team as an annotator` : ''}`;
      return change(team, label, [
        ...(joins ? [memberChange(null, { name: annotator, role: 'annotator' })] : []),
        ...assignmentChanges(annotator, moved, true),
      ]);
    },
  };
}
