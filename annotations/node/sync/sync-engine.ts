import fs, { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import git from 'isomorphic-git';
import { z } from 'zod';
import { dirname, join } from 'node:path';
import { FactmarkError } from '../../errors';
import { conflictSummary, mergeThreeWay, resolveConflict, snapshotFromStore, storeFromSnapshot } from '../../sync';
import type { ConflictChoice, MergeConflict, MergeResult } from '../../sync';
import {
  commitAll,
  commitMerge,
  fastForward,
  fetch,
  headCommit,
  initRepository,
  isAncestor,
  isGitRemoteError,
  mergeBase,
  push,
  readChanges,
  readTree,
  setRemote,
  clone,
  displayRemote,
} from '../git';
import type { GitAuthor, GitCredentials } from '../git';
import { GITIGNORE, PATHS } from '../store-layout';
import { STORE_IGNORE } from './store-ignore';
import { lockStore } from '../store-lock';
import type { StoreLock } from '../store-lock';
import { stableJson } from '../store-text-file';
import { AtomicJsonFile } from '../atomic-json-file';
import type { WriteStepHook } from '../atomic-json-file';
import { clearJournal, recoverJournal, writeJournal } from '../store-journal';
import type { JournalEntry } from '../store-journal';
import { mergedTree, treeToStoreContent } from './store-tree';

/** Where a merge waiting for its conflicts to be resolved is kept: on this machine only (local/ is git-ignored). */
export const PENDING_MERGE_PATH = 'local/sync-pending.json';

export interface RemoteAccess {
  auth?: GitCredentials;
  /** How long one exchange with the remote may take (tests shorten it). */
  timeoutMs?: number;
}

export interface SyncOptions extends RemoteAccess {
  /** The annotator, as the author of the commits. */
  author: GitAuthor;
  /**
   * Choices for conflicts a previous sync listed, by conflict key (`ours` is this store's side): the merge
   * is made again from the current commits and each choice applied to the conflict it names, if still there.
   */
  choices?: Readonly<Record<string, ConflictChoice>>;
  /** Called before each push: a colleague's push may land meanwhile (tests make one land there). */
  beforePush?: () => Promise<void>;
  /** The caller holds the store's lock already (the app, around an open store: see LowdbRepository.offline). */
  lockHeld?: boolean;
  /** Called before each step that changes a store file (crash tests stop the process there). */
  onWriteStep?: WriteStepHook;
}

/** A merge that stopped on conflicts: the three commits and what conflicts, until the user resolves them. */
export interface PendingMerge {
  base: string;
  ours: string;
  theirs: string;
  conflicts: MergeConflict[];
  /** One sentence per conflict, for lists and the command line. */
  summaries: string[];
}

export type SyncResult =
  | { status: 'up-to-date' | 'pushed' | 'pulled' | 'merged'; commit: string }
  | { status: 'conflicts'; pending: PendingMerge };

async function withStoreLock<T>(
  storeDir: string,
  kind: string,
  work: (lock: StoreLock | null) => Promise<T>,
  held = false,
): Promise<T> {
  if (held) return work(null);
  const lock = await lockStore(storeDir, { kind });
  try {
    return await work(lock);
  } finally {
    await lock.release();
  }
}

function requireStore(storeDir: string): void {
  if (!existsSync(join(storeDir, PATHS.index)))
    throw new FactmarkError(
      'not-found',
      `${storeDir} is not a Factmark store with articles (it has no ${PATHS.index})`,
    );
}

async function ensureGitignore(storeDir: string): Promise<void> {
  if (!existsSync(join(storeDir, '.gitignore'))) await writeFile(join(storeDir, '.gitignore'), GITIGNORE);
}

/**
 * Starts a team project from a store: makes the store folder a git working
 * folder (once), commits all it shares and pushes it to `url`, which must be
 * an empty repository. The store must not be open elsewhere: its lock is
 * taken for the time of the publication.
 */
export async function publish(storeDir: string, url: string, options: SyncOptions): Promise<string> {
  requireStore(storeDir);
  return withStoreLock(
    storeDir,
    'factmark publish',
    async () => {
      const started = !existsSync(join(storeDir, '.git'));
      try {
        if (started) await initRepository(storeDir);
        await ensureGitignore(storeDir);
        await commitAll(storeDir, options.author, `Project published by ${options.author.name}`, {
          ignore: STORE_IGNORE,
        });
        await setRemote(storeDir, url);
        const { commit } = await push(storeDir, options);
        await savePending(storeDir, null);
        return commit;
      } catch (error) {
        // A publication that failed leaves the store as it was: not a project, to publish again.
        if (started) await rm(join(storeDir, '.git'), { recursive: true, force: true });
        throw error;
      }
    },
    options.lockHeld,
  );
}

/** Clones a team project from `url` into `storeDir` (new or empty); the result opens as a store. */
export async function cloneProject(url: string, storeDir: string, options: RemoteAccess = {}): Promise<void> {
  const existed = existsSync(storeDir);
  await clone(url, storeDir, options);
  const head = await headCommit(storeDir);
  try {
    if (!head)
      throw new FactmarkError(
        'invalid-argument',
        `The repository ${displayRemote(url)} is empty: nothing to clone yet.`,
      );
    treeToStoreContent(await readTree(storeDir, head));
  } catch (error) {
    // Left as found: an empty folder stays, a new one goes.
    if (existed)
      for (const name of await readdir(storeDir)) await rm(join(storeDir, name), { recursive: true, force: true });
    else await rm(storeDir, { recursive: true, force: true });
    throw error;
  }
}

const PendingFileSchema = z.object({
  schemaVersion: z.literal(1),
  pendingMerge: z.object({
    base: z.string(),
    ours: z.string(),
    theirs: z.string(),
    conflicts: z.array(z.looseObject({ type: z.string(), key: z.string() })),
    summaries: z.array(z.string()),
  }),
});

/**
 * The merge a sync left waiting for the user's choices, or null. A file that cannot be read is taken as
 * none (it lives under local/, on this machine only: the next sync lists the conflicts again).
 */
export async function readPendingMerge(storeDir: string): Promise<PendingMerge | null> {
  const text = await readFile(join(storeDir, PENDING_MERGE_PATH), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = PendingFileSchema.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data.pendingMerge as unknown as PendingMerge) : null;
  } catch {
    return null;
  }
}

/** The project's remote (its URL as configured, without credentials), or null when the store is not shared. */
export async function projectRemote(storeDir: string): Promise<string | null> {
  if (!existsSync(join(storeDir, '.git'))) return null;
  const url = (await git.getConfig({ fs, dir: storeDir, path: 'remote.origin.url' }).catch(() => null)) as unknown;
  return typeof url === 'string' && url !== '' ? url : null;
}

async function savePending(storeDir: string, pending: PendingMerge | null): Promise<void> {
  const path = join(storeDir, PENDING_MERGE_PATH);
  if (!pending) {
    await rm(path, { force: true });
    return;
  }
  await mkdir(join(storeDir, 'local'), { recursive: true });
  await writeFile(path, stableJson({ schemaVersion: 1, pendingMerge: pending }));
}

async function contentAt(storeDir: string, commit: string) {
  const tree = await readTree(storeDir, commit);
  return { tree, content: treeToStoreContent(tree) };
}

/** A merge with the user's choices applied, each once, to the conflicts they name (a choice may reveal others). */
function withChoices(merge: MergeResult, choices: Readonly<Record<string, ConflictChoice>>): MergeResult {
  const applied = new Set<string>();
  let result = merge;
  for (;;) {
    const next = result.conflicts.find((c) => Object.hasOwn(choices, c.key) && !applied.has(c.key));
    if (!next) return result;
    applied.add(next.key);
    result = resolveConflict(result, next.key, choices[next.key]!);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const textOf = (content: Uint8Array | string) => (typeof content === 'string' ? content : utf8.decode(content));

/** Makes one journal entry so on disk: the file written whole (atomically), or removed. */
async function applyEntry(storeDir: string, entry: JournalEntry, onStep?: WriteStepHook): Promise<void> {
  const path = join(storeDir, entry.path);
  if (entry.text === null) return void (await rm(path, { force: true }));
  await mkdir(dirname(path), { recursive: true });
  await new AtomicJsonFile(path, (json) => json, { onStep }).writeText(entry.text);
}

/**
 * Moves the store's files from the tree `from` (what they are now: the commit just made of them) to the
 * tree `to`, all or nothing even under kill -9: every file that changes is first written to the store's
 * journal (see store-journal.ts), then `gitStep` moves the commit and writes the files. Killed before the
 * journal is whole, the store stays as it was; after, opening it (or the next sync) finishes the move.
 * Should `gitStep` fail, the move is finished from the journal all the same: the files are `to`, whatever
 * the commit (the next sync commits the difference, which changes nothing in the merge).
 */
async function moveWorkingFolder<T>(
  storeDir: string,
  from: ReadonlyMap<string, Uint8Array>,
  to: ReadonlyMap<string, Uint8Array | string>,
  options: Pick<SyncOptions, 'onWriteStep'>,
  gitStep: () => Promise<T>,
): Promise<T> {
  const onStep = options.onWriteStep;
  const entries: JournalEntry[] = [];
  for (const [path, content] of to) {
    const before = from.get(path);
    const text = textOf(content);
    if (before !== undefined && textOf(before) === text) continue;
    if (path !== '.gitignore') entries.push({ path, text });
  }
  for (const path of from.keys()) if (!to.has(path) && path !== '.gitignore') entries.push({ path, text: null });
  if (entries.length > 0) await writeJournal(storeDir, entries, onStep);
  let result: T;
  try {
    result = await gitStep();
  } catch (error) {
    for (const entry of entries) await applyEntry(storeDir, entry, onStep);
    if (entries.length > 0) await clearJournal(storeDir, onStep);
    throw error;
  }
  if (entries.length > 0) await clearJournal(storeDir, onStep);
  return result;
}

/**
 * Finishes a change of the store a crash interrupted (a sync's move of its files, or an edit of several
 * files), before anything of the store is committed: a commit of half a change would share it.
 */
async function finishInterruptedChange(storeDir: string, options: Pick<SyncOptions, 'onWriteStep'>): Promise<void> {
  const recovery = await recoverJournal(
    storeDir,
    (entry) => applyEntry(storeDir, entry, options.onWriteStep),
    options.onWriteStep,
  );
  if (recovery.outcome === 'set-aside')
    throw new FactmarkError(
      'store-unreadable',
      `An interrupted change of the store could not be finished: its journal is damaged (${recovery.reason}); it was moved to ${recovery.file}. Open the store in Factmark to see what it holds; nothing was synced.`,
    );
}

/** One round: merge what the remote has with ours and push. Throws push-rejected when the remote moved meanwhile. */
async function syncOnce(storeDir: string, options: SyncOptions): Promise<SyncResult> {
  const local = await headCommit(storeDir);
  const { remoteHead } = await fetch(storeDir, 'origin', options);
  if (!local) throw new FactmarkError('invalid-argument', `The store ${storeDir} has no commit to sync yet.`);
  if (remoteHead === local) return { status: 'up-to-date', commit: local };
  if (remoteHead === null || (await isAncestor(storeDir, remoteHead, local))) {
    await options.beforePush?.();
    await push(storeDir, options);
    return { status: 'pushed', commit: local };
  }
  if (await isAncestor(storeDir, local, remoteHead)) {
    // Only the files the two commits do not share: moveWorkingFolder journals exactly those.
    const { from, to } = await readChanges(storeDir, local, remoteHead);
    await moveWorkingFolder(storeDir, from, to, options, () =>
      fastForward(storeDir, remoteHead, { ignore: STORE_IGNORE }),
    );
    return { status: 'pulled', commit: remoteHead };
  }
  const baseCommit = await mergeBase(storeDir, local, remoteHead);
  if (!baseCommit)
    throw new FactmarkError(
      'conflict',
      `The remote's history and the store's never meet: the store ${storeDir} was not cloned from this project.`,
    );
  const base = await contentAt(storeDir, baseCommit);
  const ours = await contentAt(storeDir, local);
  const theirs = await contentAt(storeDir, remoteHead);
  const result = withChoices(
    mergeThreeWay(snapshotFromStore(base.content), snapshotFromStore(ours.content), snapshotFromStore(theirs.content)),
    options.choices ?? {},
  );
  if (result.conflicts.length > 0) {
    const pending: PendingMerge = {
      base: baseCommit,
      ours: local,
      theirs: remoteHead,
      conflicts: result.conflicts,
      summaries: result.conflicts.map(conflictSummary),
    };
    await savePending(storeDir, pending);
    return { status: 'conflicts', pending };
  }
  const tree = mergedTree(
    storeFromSnapshot(result.merged),
    { base: base.tree, ours: ours.tree, theirs: theirs.tree },
    { ours: ours.content, theirs: theirs.content },
  );
  const commit = await moveWorkingFolder(storeDir, ours.tree, tree, options, () =>
    commitMerge(
      storeDir,
      [local, remoteHead],
      tree,
      options.author,
      `Merge of ${options.author.name}'s work with the project`,
      { ignore: STORE_IGNORE },
    ),
  );
  await options.beforePush?.();
  await push(storeDir, options);
  return { status: 'merged', commit };
}

/**
 * Syncs a store with its project's remote: commits the local changes with
 * the annotator as author, fetches, then fast-forwards, pushes, or merges
 * record by record and pushes (once more after a fetch when the remote moved
 * meanwhile). With conflicts nothing in the store changes: the pending merge
 * is kept under local/ and returned. A failed exchange with the remote throws
 * a GitRemoteError saying why; the local commits stay.
 *
 * The store must not be open elsewhere: sync takes its lock, as the repository does.
 */
export async function sync(storeDir: string, options: SyncOptions): Promise<SyncResult> {
  requireStore(storeDir);
  if (!existsSync(join(storeDir, '.git')))
    throw new FactmarkError(
      'invalid-argument',
      `The store ${storeDir} is not part of a team project yet: publish it or clone one first.`,
    );
  return withStoreLock(
    storeDir,
    'factmark sync',
    async () => {
      await finishInterruptedChange(storeDir, options);
      await ensureGitignore(storeDir);
      await commitAll(storeDir, options.author, `${options.author.name}'s work`, { ignore: STORE_IGNORE });
      let result: SyncResult;
      try {
        result = await syncOnce(storeDir, options);
      } catch (error) {
        if (!isGitRemoteError(error) || error.code !== 'push-rejected') throw error;
        result = await syncOnce(storeDir, options);
      }
      if (result.status !== 'conflicts') await savePending(storeDir, null);
      return result;
    },
    options.lockHeld,
  );
}
