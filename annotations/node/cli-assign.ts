import type { Mutation } from '../changes';
import { dispatch } from '../dispatch';
import type { Team } from '../project';
import { createHandlers } from '../service/index';
import { UsageError } from './cli-common';
import { openCommandStore } from './command-store';
import { resolveAnnotator } from './store-location';

export const ASSIGN_COMMANDS: readonly string[] = ['team', 'assign', 'unassign'];

export const ASSIGN_HELP = `The team's members and who annotates which articles:
  factmark team             list the members, their roles and how many articles each has assigned
  factmark assign --annotator NAME ARTICLE_ID...
                            assign the articles to NAME (who joins the team as an annotator if not in it)
  factmark unassign --annotator NAME ARTICLE_ID...
                            take the articles back from NAME
  Exit codes: 0 done (also when nothing needed changing); 1 refused (an unknown article, the only lead);
  2 bad usage; 3 the store is open elsewhere.`;

export interface AssignCommandOptions {
  storeDir: string;
  args: readonly string[];
  /** --annotator: whose articles. */
  annotator?: string;
}

function teamLines(team: Team): string[] {
  if (team.members.length === 0 && team.assignments.length === 0) return ['no members and no assignments yet'];
  const counts = new Map<string, number>();
  for (const a of team.assignments) counts.set(a.annotator, (counts.get(a.annotator) ?? 0) + 1);
  const names = [...new Set([...team.members.map((m) => m.name), ...counts.keys()])];
  const roles = new Map(team.members.map((m) => [m.name, m.role]));
  return names.map((name) => `${name}\t${roles.get(name) ?? 'not a member'}\t${counts.get(name) ?? 0} assigned`);
}

/** Runs `team`, `assign` or `unassign` through the contract's own operations; returns the exit code. */
export async function runAssignCommand(command: string, options: AssignCommandOptions): Promise<number> {
  const { args, annotator } = options;
  if (command === 'team' && (args.length > 0 || annotator !== undefined))
    throw new UsageError('team takes no arguments');
  if (command !== 'team' && !annotator) throw new UsageError(`${command} needs --annotator NAME`);
  if (command !== 'team' && args.length === 0) throw new UsageError(`${command} needs one or more article ids`);
  const repo = await openCommandStore(options.storeDir);
  try {
    const handlers = createHandlers(repo, { annotator: resolveAnnotator(undefined) });
    const envelope =
      command === 'team'
        ? await dispatch(handlers, 'team/get', {})
        : await dispatch(handlers, 'team/assign', { annotator, articleIds: args, assigned: command === 'assign' });
    if (!envelope.ok) {
      if (envelope.error.code === 'invalid-argument') throw new UsageError(envelope.error.message);
      console.error(`factmark: ${envelope.error.message}`);
      return 1;
    }
    if (command === 'team') {
      for (const line of teamLines(envelope.result as Team)) console.log(line);
      return 0;
    }
    const { changeSet } = envelope.result as Mutation<Team>;
    console.log(changeSet.changes.length === 0 ? `nothing to change: ${changeSet.label}` : changeSet.label);
    return 0;
  } finally {
    await repo.close();
  }
}
