import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import type { Args } from '../contract';
import { FactmarkError } from '../errors';
import type {
  ConflictView,
  ProjectRemote,
  ProjectStatus,
  SyncOutcome,
  SyncStatusWord,
  WireConflictChoice,
} from '../project';
import type { MergeConflict } from '../sync';
import { conflictSummary } from '../sync';
import type { CredentialKeeper } from './credential-keeper';
import { toGitCredentials } from './credential-keeper';
import type { GitCredentials } from './git';
import { displayRemote, isGitRemoteError } from './git';
import { stableJson } from './store-text-file';
import { cloneProject, projectRemote, publish, readPendingMerge, sync } from './sync';
import type { SyncResult } from './sync';

/** How the last sync went, kept on this machine only (local/ is never shared). */
const SYNC_STATE_PATH = 'local/sync-state.json';

const StampSchema = z.object({ at: z.string(), status: z.string(), message: z.string() });
const SyncStateSchema = z.object({
  lastSync: StampSchema.nullable(),
  lastError: z.object({ at: z.string(), code: z.string(), message: z.string() }).nullable(),
});
type SyncState = z.infer<typeof SyncStateSchema>;

export interface ProjectRemoteOptions {
  storeDir: string;
  /** Runs work with the store to itself, reading it again afterwards (LowdbRepository.offline). */
  offline<T>(work: () => Promise<T>): Promise<T>;
  credentials: CredentialKeeper;
  /** Opens the cloned store in place of this one. */
  switchTo?(storeDir: string): Promise<void>;
  now?: () => Date;
  /** How long one exchange with the remote may take (tests shorten it). */
  timeoutMs?: number;
}

/** The choices a conflict takes, by its type; see ConflictChoice. */
function choicesFor(conflict: MergeConflict): WireConflictChoice[] {
  switch (conflict.type) {
    case 'record':
      return ['ours', 'theirs'];
    case 'tagset-use':
      return ['keep', 'drop'];
    case 'text-mismatch':
      return ['drop'];
    case 'dangling':
      return ['restore', 'drop'];
  }
}

function conflictViews(conflicts: readonly MergeConflict[]): ConflictView[] {
  return conflicts.map((conflict) => ({
    key: conflict.key,
    summary: conflictSummary(conflict),
    choices: choicesFor(conflict),
    conflict,
  }));
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function resultMessage(result: SyncResult): string {
  switch (result.status) {
    case 'up-to-date':
      return 'Already up to date: nobody changed anything since your last sync.';
    case 'pushed':
      return 'Your work was sent to the project.';
    case 'pulled':
      return 'Your colleagues’ new work was brought in.';
    case 'merged':
      return 'Your work was merged with your colleagues’ and sent to the project.';
    case 'conflicts':
      return `${plural(result.pending.conflicts.length, 'conflict')} to resolve: you and a colleague changed the same thing. Nothing in your store changed yet.`;
  }
}

/** A folder name for a clone, from the repository's name: `project` for …/project.git. */
function cloneFolderName(url: string): string {
  const last = basename(new URL(url).pathname.replace(/\/+$/, '')).replace(/\.git$/, '');
  const safe = last.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[.-]+/, '');
  return safe || 'project';
}

async function freeFolder(parent: string, name: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = join(parent, n === 1 ? name : `${name}-${n}`);
    if (!existsSync(candidate)) return candidate;
  }
}

/** The git side of a team project for one open store: status, publish, sync with conflict choices, clone. */
export function createProjectRemote(options: ProjectRemoteOptions): ProjectRemote {
  const { storeDir, credentials } = options;
  const now = () => (options.now?.() ?? new Date()).toISOString();
  async function readState(dir = storeDir): Promise<SyncState> {
    const statePath = join(dir, SYNC_STATE_PATH);
    const text = await readFile(statePath, 'utf8').catch(() => null);
    if (text !== null) {
      try {
        const parsed = SyncStateSchema.safeParse(JSON.parse(text));
        if (parsed.success) return parsed.data;
      } catch {
        // A damaged note of the last sync is no loss: it is written anew by the next.
      }
    }
    return { lastSync: null, lastError: null };
  }

  async function writeState(state: SyncState, dir = storeDir): Promise<void> {
    const statePath = join(dir, SYNC_STATE_PATH);
    await mkdir(dirname(statePath), { recursive: true });
    const tmp = `${statePath}.${process.pid}.tmp`;
    await writeFile(tmp, stableJson(state));
    await rename(tmp, statePath);
  }

  async function status(annotator: string, dir = storeDir): Promise<ProjectStatus> {
    const remote = await projectRemote(dir);
    const state = await readState(dir);
    const pending = remote ? await readPendingMerge(dir) : null;
    const kept = remote ? await credentials.get(remote) : undefined;
    return {
      shared: remote !== null,
      remote: remote ? displayRemote(remote) : null,
      credentials: kept ? credentials.kind : null,
      keychain: credentials.kind === 'keychain',
      lastSync: state.lastSync ? { ...state.lastSync, status: state.lastSync.status as SyncStatusWord } : null,
      lastError: state.lastError,
      conflicts: pending ? conflictViews(pending.conflicts) : [],
      author: annotator,
    };
  }

  /** The credentials for this exchange: those given (kept when asked), else those kept for the remote. */
  async function credentialsFor(
    remote: string,
    args: { credentials?: Args<'project/sync'>['credentials']; remember?: boolean },
  ): Promise<GitCredentials | undefined> {
    return args.credentials ? toGitCredentials(args.credentials) : credentials.get(remote);
  }

  /** Runs one exchange; a failure of the remote is an outcome (the work stays saved), not an error. */
  async function exchange(
    annotator: string,
    remote: string,
    args: { credentials?: Args<'project/sync'>['credentials']; remember?: boolean },
    work: (auth: GitCredentials | undefined) => Promise<{ status: SyncStatusWord; message: string }>,
    dir = storeDir,
  ): Promise<SyncOutcome> {
    const auth = await credentialsFor(remote, args);
    const state = await readState();
    try {
      const done = await work(auth);
      // Kept only once they worked.
      if (args.credentials && args.remember && auth) await credentials.set(remote, auth);
      // A sync stopped on conflicts has not synced: the last one that did stays the last sync.
      const lastSync = done.status === 'conflicts' ? state.lastSync : { at: now(), ...done };
      await writeState({ lastSync, lastError: null }, dir);
      return { ...done, project: await status(annotator, dir) };
    } catch (error) {
      if (!isGitRemoteError(error)) throw error;
      if (error.code === 'auth-failed' && !args.credentials) await credentials.forget(remote);
      const saved = ' Your work is saved in your store; nothing was lost.';
      const lastError = { at: now(), code: error.code, message: error.message };
      // A failed clone has no store of its own to note it in.
      if (dir === storeDir) await writeState({ ...state, lastError });
      return { status: 'failed', reason: error.code, message: error.message + saved, project: await status(annotator) };
    }
  }

  async function requireRemote(): Promise<string> {
    const remote = await projectRemote(storeDir);
    if (!remote)
      throw new FactmarkError(
        'conflict',
        'This store is not part of a team project yet: publish it to an empty repository, or clone a project.',
      );
    return remote;
  }

  const author = (annotator: string) => ({ name: annotator, email: '' });

  return {
    status: (annotator) => status(annotator),

    async publish(args, annotator) {
      const existing = await projectRemote(storeDir);
      if (existing)
        throw new FactmarkError(
          'conflict',
          `This store is already the team project at ${displayRemote(existing)}: sync it instead.`,
        );
      return exchange(annotator, args.url, args, (auth) =>
        options.offline(async () => {
          await publish(storeDir, args.url, {
            auth,
            author: author(annotator),
            lockHeld: true,
            timeoutMs: options.timeoutMs,
          });
          return { status: 'published', message: `The store was published to ${displayRemote(args.url)}.` };
        }),
      );
    },

    async sync(args, annotator) {
      const remote = await requireRemote();
      return exchange(annotator, remote, args, (auth) =>
        options.offline(async () => {
          const result = await sync(storeDir, {
            auth,
            author: author(annotator),
            choices: args.choices,
            lockHeld: true,
            timeoutMs: options.timeoutMs,
          });
          return { status: result.status, message: resultMessage(result) };
        }),
      );
    },

    async clone(args, annotator) {
      if (!options.switchTo)
        throw new FactmarkError('conflict', 'This Factmark cannot open another store while it runs');
      const target = args.storeDir
        ? resolve(args.storeDir)
        : await freeFolder(dirname(resolve(storeDir)), cloneFolderName(args.url));
      if (existsSync(target) && (await readdir(target)).length > 0)
        throw new FactmarkError('invalid-argument', `Cannot clone into ${target}: the folder is not empty`);
      const outcome = await exchange(
        annotator,
        args.url,
        args,
        async (auth) => {
          await cloneProject(args.url, target, { auth, timeoutMs: options.timeoutMs });
          return { status: 'cloned', message: `The project ${displayRemote(args.url)} was cloned into ${target}.` };
        },
        target,
      );
      if (outcome.status !== 'cloned') return outcome;
      await options.switchTo(target);
      return { ...outcome, storeDir: target };
    },

    async forgetCredentials(annotator) {
      const remote = await projectRemote(storeDir);
      if (remote) await credentials.forget(remote);
      return status(annotator);
    },
  };
}
