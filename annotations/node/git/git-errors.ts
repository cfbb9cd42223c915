/** What went wrong talking to a remote, for a program to branch on. */
export type GitRemoteErrorCode =
  /** The remote has commits this folder lacks (not a fast-forward): fetch, merge, push again. */
  | 'push-rejected'
  /** The remote refused the credentials, or asked for some and none were given (HTTP 401/403). */
  | 'auth-failed'
  /** The remote could not be reached: connection refused, unknown host, no answer in time. */
  | 'network'
  /** The remote answered, but not with what git expects (another HTTP status, a refused ref). */
  | 'remote-failed';

/** A failed exchange with a remote. The message names the remote without credentials, never a password. */
export class GitRemoteError extends Error {
  readonly code: GitRemoteErrorCode;
  /** The remote's URL with any user and password taken out. */
  readonly remote: string;

  constructor(code: GitRemoteErrorCode, remote: string, message: string) {
    super(message);
    this.name = 'GitRemoteError';
    this.code = code;
    this.remote = remote;
  }
}

export function isGitRemoteError(value: unknown): value is GitRemoteError {
  return value instanceof GitRemoteError;
}

/** The working folder cannot be moved to another commit without losing local changes, or is not a repository. */
export class GitWorkingFolderError extends Error {
  readonly dir: string;

  constructor(dir: string, message: string) {
    super(message);
    this.name = 'GitWorkingFolderError';
    this.dir = dir;
  }
}

/** A URL fit for a message: no user or password, however the caller wrote it. */
export function displayRemote(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}
