import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GitCredentials } from './git';
import { displayRemote, isGitRemoteError } from './git';
import { UsageError } from './cli-common';
import { PATHS } from './store-layout';
import { resolveAnnotator } from './store-location';
import { cloneProject, publish, sync } from './sync';
import { CONFLICT_CHOICES } from '../project';
import type { WireConflictChoice } from '../project';

export const TEAM_COMMANDS: readonly string[] = ['sync', 'publish', 'clone'];

export const TEAM_HELP = `Team projects, shared through a git remote (HTTPS):
  factmark publish URL      start a project from the store: commit it and push it to URL, an empty repository
  factmark clone URL --store DIR
                            clone a project into a new store folder
  factmark sync             commit your work, fetch, merge record by record, push
  --choose KEY=CHOICE       resolve a conflict the last sync listed (repeat for each): ours or theirs for a
                            record, keep or drop for a tagset change, restore or drop for a broken link
  --user NAME               the remote's user name; the password is read from $FACTMARK_GIT_PASSWORD, or an
                            access token from $FACTMARK_GIT_TOKEN (never from the command line, never saved)
  The commits are by your annotator name (--annotator, $FACTMARK_ANNOTATOR, the name saved in Settings).
  Exit codes: 0 done; 1 conflicts to resolve (nothing in the store changed); 2 bad usage; 3 the store is open
  elsewhere; 4 the remote failed (network, credentials, refused): your work stays committed locally.`;

/** The credentials for the remote: the user from --user, the secret from the environment only. */
export function remoteCredentials(user: string | undefined, env: NodeJS.ProcessEnv): GitCredentials | undefined {
  const password = env.FACTMARK_GIT_PASSWORD;
  const token = env.FACTMARK_GIT_TOKEN;
  if (password) {
    if (!user) throw new UsageError('$FACTMARK_GIT_PASSWORD needs --user NAME');
    return { username: user, password };
  }
  if (token) return user ? { token, username: user } : { token };
  if (user) throw new UsageError('--user needs a password in $FACTMARK_GIT_PASSWORD or a token in $FACTMARK_GIT_TOKEN');
  return undefined;
}

/** The annotator's name as a commit's author: the flag, the environment, the saved setting, the login name. */
async function authorName(storeDir: string, flag: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  if (flag) return flag;
  if (env.FACTMARK_ANNOTATOR) return env.FACTMARK_ANNOTATOR;
  try {
    const saved = JSON.parse(await readFile(join(storeDir, PATHS.localSettings), 'utf8')) as {
      settings?: { annotator?: unknown };
    };
    if (typeof saved.settings?.annotator === 'string' && saved.settings.annotator) return saved.settings.annotator;
  } catch {
    // No saved name: the login name below.
  }
  return resolveAnnotator(undefined, env);
}

export interface TeamCommandOptions {
  storeDir: string;
  /** --store as given: a clone must name its new folder. */
  storeGiven: boolean;
  args: readonly string[];
  user?: string;
  annotator?: string;
  /** `KEY=CHOICE` for conflicts a previous sync listed. */
  choose?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

/** `--choose KEY=CHOICE` flags as the sync's choices (a key may hold "=": the last one splits). */
export function parseChoices(flags: readonly string[]): Record<string, WireConflictChoice> {
  const choices: Record<string, WireConflictChoice> = {};
  for (const flag of flags) {
    const at = flag.lastIndexOf('=');
    const key = flag.slice(0, at);
    const choice = flag.slice(at + 1);
    if (at <= 0 || !(CONFLICT_CHOICES as readonly string[]).includes(choice))
      throw new UsageError(
        `--choose needs KEY=CHOICE, CHOICE one of ${CONFLICT_CHOICES.join(', ')} (got ${JSON.stringify(flag)})`,
      );
    choices[key] = choice as WireConflictChoice;
  }
  return choices;
}

/** Runs `publish`, `clone` or `sync`; returns the exit code. A failed exchange with the remote is exit code 4. */
export async function runTeamCommand(command: string, options: TeamCommandOptions): Promise<number> {
  const env = options.env ?? process.env;
  const { storeDir, args } = options;
  const auth = remoteCredentials(options.user, env);
  const url = args[0];
  if (command !== 'sync' && (!url || args.length > 1)) throw new UsageError(`${command} needs one URL`);
  if (command === 'sync' && args.length > 0) throw new UsageError('sync takes no arguments');
  if (command === 'clone' && !options.storeGiven) throw new UsageError('clone needs --store DIR, the new store folder');
  if (command !== 'sync' && options.choose?.length) throw new UsageError('--choose goes with sync only');
  const choices = parseChoices(options.choose ?? []);
  try {
    if (command === 'clone') {
      await cloneProject(url!, storeDir, { auth });
      console.log(`cloned ${displayRemote(url!)} into ${storeDir}`);
      return 0;
    }
    const author = { name: await authorName(storeDir, options.annotator, env), email: '' };
    if (command === 'publish') {
      const commit = await publish(storeDir, url!, { auth, author });
      console.log(`published ${storeDir} to ${displayRemote(url!)} (commit ${commit.slice(0, 8)})`);
      return 0;
    }
    const result = await sync(storeDir, { auth, author, choices });
    if (result.status === 'conflicts') {
      const { summaries, conflicts } = result.pending;
      console.log(`${summaries.length} conflict(s) to resolve; nothing in the store changed:`);
      for (const [i, line] of summaries.entries()) console.log(`  ${conflicts[i]!.key}\n      ${line}`);
      console.log('Resolve them in the app (Sync), or here: factmark sync --choose KEY=CHOICE …');
      return 1;
    }
    const done = {
      'up-to-date': 'already up to date',
      pushed: 'sent your work to the project',
      pulled: 'brought in the project’s new work',
      merged: 'merged your work with the project’s and sent it',
    }[result.status];
    console.log(`${done} (commit ${result.commit.slice(0, 8)})`);
    return 0;
  } catch (error) {
    if (!isGitRemoteError(error)) throw error;
    console.error(`factmark: ${error.message}`);
    if (command !== 'clone') console.error('Your work is committed in the store; nothing was lost.');
    return 4;
  }
}
