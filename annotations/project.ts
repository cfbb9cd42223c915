import type { MergeConflict } from './sync';
import type { Args } from './contract';

/**
 * A team project: a store shared through a git remote (see node/sync), its
 * members and who is to annotate which articles. These are the shapes both
 * transports carry; the git work itself runs in Node only.
 */

/** A lead manages the team and adjudicates; an annotator annotates what is assigned. */
export const TEAM_ROLES = ['lead', 'annotator'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export interface TeamMember {
  name: string;
  role: TeamRole;
}

/** One article an annotator is to annotate. */
export interface Assignment {
  annotator: string;
  articleId: string;
}

export interface Team {
  /** By name. */
  members: TeamMember[];
  /** By annotator, then article id. */
  assignments: Assignment[];
}

/** How a conflict may be resolved through the contract; see `ConflictChoice` in sync/three-way-merge.ts. */
export const CONFLICT_CHOICES = ['ours', 'theirs', 'keep', 'drop', 'restore'] as const;
export type WireConflictChoice = (typeof CONFLICT_CHOICES)[number];

/** What a sync did, in one word. */
export type SyncStatusWord =
  | 'up-to-date'
  | 'pushed'
  | 'pulled'
  | 'merged'
  | 'conflicts'
  | 'published'
  | 'cloned'
  /** The remote could not be reached, refused the credentials or the push: the work stays saved locally. */
  | 'failed';

/** Why an exchange with the remote failed: see GitRemoteErrorCode. */
export type RemoteFailure = 'push-rejected' | 'auth-failed' | 'network' | 'remote-failed';

/** A conflict as the app shows it: the sentence, the choices it takes, and the detail for side-by-side. */
export interface ConflictView {
  key: string;
  summary: string;
  choices: WireConflictChoice[];
  conflict: MergeConflict;
}

export interface ProjectStatus {
  /** The store is a team project (a git working folder with a remote). */
  shared: boolean;
  /** The remote, without user or password. */
  remote: string | null;
  /** Where credentials for the remote are kept: the OS keychain, this session's memory, or nowhere. */
  credentials: 'keychain' | 'session' | null;
  /** The OS keychain can keep credentials (the desktop app where Electron's safeStorage works). */
  keychain: boolean;
  /** The last sync of this session (or publication, clone), when there was one. */
  lastSync: { at: string; status: SyncStatusWord; message: string } | null;
  /** The last sync failed: why, in one sentence (the work is saved locally). Cleared by the next that works. */
  lastError: { at: string; code: string; message: string } | null;
  /** A merge waiting for the user's choices: nothing of it is in the store yet. */
  conflicts: ConflictView[];
  /** The annotator, as the commits' author. */
  author: string;
}

export interface SyncOutcome {
  status: SyncStatusWord;
  /** One sentence for the user: what came in, what went out, what waits. */
  message: string;
  /** With `failed`: why, so the app can ask for credentials when they were refused. */
  reason?: RemoteFailure;
  /** With `cloned`: the new store's folder, now open in place of the old one. */
  storeDir?: string;
  project: ProjectStatus;
}

/**
 * The git side of a project, given to the service by whoever can run git
 * (Node: the web mode, the desktop app's main process). Each call takes the
 * store for itself while it changes files (see LowdbRepository.offline).
 */
export interface ProjectRemote {
  /** `annotator` is the session's annotator: the commits' author. */
  status(annotator: string): Promise<ProjectStatus>;
  publish(args: Args<'project/publish'>, annotator: string): Promise<SyncOutcome>;
  sync(args: Args<'project/sync'>, annotator: string): Promise<SyncOutcome>;
  clone(args: Args<'project/clone'>, annotator: string): Promise<SyncOutcome>;
  forgetCredentials(annotator: string): Promise<ProjectStatus>;
}
