import type { GitCredentials } from './git';
import { displayRemote } from './git';

/**
 * Where the app keeps a remote's credentials between syncs: the OS keychain
 * (the desktop app, through Electron's safeStorage) or this process's memory
 * (the web mode: gone when it stops). Never in the store, which is shared.
 */
export interface CredentialKeeper {
  readonly kind: 'keychain' | 'session';
  get(remote: string): Promise<GitCredentials | undefined>;
  set(remote: string, credentials: GitCredentials): Promise<void>;
  forget(remote: string): Promise<void>;
}

/** Credentials are kept by remote, named without any user or password it was written with. */
export const credentialKey = (remote: string) => displayRemote(remote);

/** Keeps credentials in memory until the process ends. */
export function sessionKeeper(): CredentialKeeper {
  const kept = new Map<string, GitCredentials>();
  return {
    kind: 'session',
    get: async (remote) => kept.get(credentialKey(remote)),
    set: async (remote, credentials) => void kept.set(credentialKey(remote), credentials),
    forget: async (remote) => void kept.delete(credentialKey(remote)),
  };
}

/** The credentials as the contract carries them: a user name and a password, or a token alone. */
export function toGitCredentials(given: { username?: string; password: string }): GitCredentials {
  return given.username ? { username: given.username, password: given.password } : { token: given.password };
}
