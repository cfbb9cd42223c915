/** A small typed layer over isomorphic-git for a store's working folder and its remote. */
export { GitRemoteError, GitWorkingFolderError, displayRemote, isGitRemoteError } from './git-errors';
export type { GitRemoteErrorCode } from './git-errors';
export type { GitCredentials, GitRemoteOptions } from './git-http';
export {
  changedPaths,
  commitAll,
  commitMerge,
  currentBranch,
  fastForward,
  headCommit,
  initRepository,
  isAncestor,
  isIgnored,
  mergeBase,
  readChanges,
  readTree,
} from './git-repository';
export type { CommitChanges, GitAuthor, GitIgnoreList, WorkingFolderOptions } from './git-repository';
export { clone, fetch, push, setRemote } from './git-remote';
export type { FetchResult, PushResult } from './git-remote';
