import type { AuthCallback, GitHttpRequest, GitHttpResponse, HttpClient } from 'isomorphic-git';
import nodeHttp from 'isomorphic-git/http/node';
import { GitRemoteError, displayRemote } from './git-errors';

/**
 * Credentials for one call, never stored: a user and password, or an access token (GitHub, GitLab and
 * Gitea take a token as the password of any user name).
 */
export type GitCredentials = { username: string; password: string } | { token: string; username?: string };

/** Options every call to a remote takes. */
export interface GitRemoteOptions {
  auth?: GitCredentials;
  /** Longest wait for the remote to answer anything, in milliseconds. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** The `onAuth` callback for isomorphic-git: gives the credentials once, so a refusal ends in a 401 error. */
export function authCallback(auth: GitCredentials | undefined): AuthCallback | undefined {
  if (!auth) return undefined;
  const username = 'token' in auth ? (auth.username ?? 'x-access-token') : auth.username;
  const password = 'token' in auth ? auth.token : auth.password;
  return () => ({ username, password });
}

/** Raised by the HTTP client itself, so that a failure to reach the remote is told apart from its answers. */
class TransportFailure extends Error {
  readonly reason: string;

  constructor(reason: string) {
    super(reason);
    this.name = 'TransportFailure';
    this.reason = reason;
  }
}

function transportReason(error: unknown, timeoutMs: number): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name is unknown';
  if (code === 'ECONNRESET' || message === 'aborted') return 'the connection was cut';
  if (/timed out/i.test(message) || code === 'ETIMEDOUT') return `no answer within ${timeoutMs / 1000} s`;
  return typeof code === 'string' ? `${code}: ${message}` : message;
}

/** Passes the answer on, failing as a network failure when the remote stops sending for `timeoutMs`. */
async function* guardBody(
  body: AsyncIterableIterator<Uint8Array>,
  timeoutMs: number,
  onFailure: (failure: TransportFailure) => void,
) {
  const iterator = body[Symbol.asyncIterator]();
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TransportFailure(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    let next: IteratorResult<Uint8Array>;
    const waiting = performance.now();
    try {
      next = await Promise.race([iterator.next(), stalled]);
    } catch (error) {
      void iterator.return?.();
      // The socket's own timeout (the same length) may cut the connection just before this one fires.
      const silent = performance.now() - waiting >= timeoutMs - 10;
      const failure =
        error instanceof TransportFailure
          ? error
          : new TransportFailure(silent ? `no answer within ${timeoutMs / 1000} s` : transportReason(error, timeoutMs));
      onFailure(failure);
      throw failure;
    } finally {
      clearTimeout(timer);
    }
    if (next.done) return;
    yield next.value;
  }
}

/**
 * isomorphic-git's Node HTTP client with an idle timeout, whose own failures are marked as network
 * failures and remembered: isomorphic-git reads a cut-off answer as a short one, so a caller checks
 * `failure` after a call that seemed to succeed.
 */
export interface GuardedHttpClient extends HttpClient {
  failure: Error | null;
}

export function httpClient(timeoutMs: number): GuardedHttpClient {
  const client: GuardedHttpClient = {
    failure: null,
    async request(request: GitHttpRequest): Promise<GitHttpResponse> {
      let response: GitHttpResponse;
      try {
        response = await nodeHttp.request({ ...request, fetchOptions: { timeout: timeoutMs } });
      } catch (error) {
        throw (client.failure = new TransportFailure(transportReason(error, timeoutMs)));
      }
      if (!response.body) return response;
      const body = guardBody(response.body, timeoutMs, (failure) => (client.failure ??= failure));
      return { ...response, body };
    },
  };
  return client;
}

function httpStatus(error: unknown): number | null {
  const data = (error as { code?: unknown; data?: { statusCode?: unknown } }).data;
  return (error as { code?: unknown }).code === 'HttpError' && typeof data?.statusCode === 'number'
    ? data.statusCode
    : null;
}

/** Turns what isomorphic-git throws into a {@link GitRemoteError} naming the remote and saying what to do. */
export function remoteError(error: unknown, url: string, auth: GitCredentials | undefined): GitRemoteError {
  const remote = displayRemote(url);
  const code = (error as { code?: unknown }).code;
  const status = httpStatus(error);
  let result: GitRemoteError;
  if (error instanceof TransportFailure) {
    result = new GitRemoteError('network', remote, `Cannot reach the remote ${remote}: ${error.reason}.`);
  } else if (status === 401 || status === 403) {
    const why = auth ? 'refused the credentials given' : 'asks for credentials and none were given';
    result = new GitRemoteError('auth-failed', remote, `The remote ${remote} ${why} (HTTP ${status}).`);
  } else if (
    code === 'PushRejectedError' ||
    (code === 'GitPushError' && /fast-forward|fetch first/i.test(String(error)))
  ) {
    result = new GitRemoteError(
      'push-rejected',
      remote,
      `The remote ${remote} rejected the push: it has commits this folder does not have yet (not a fast-forward). Fetch and merge them, then push again.`,
    );
  } else if (code === 'GitPushError') {
    const refs = (error as { data?: { result?: { refs?: Record<string, { ok: boolean; error?: string }> } } }).data
      ?.result?.refs;
    const reasons = Object.entries(refs ?? {})
      .filter(([, ref]) => !ref.ok)
      .map(([name, ref]) => `${name}: ${ref.error ?? 'refused'}`);
    result = new GitRemoteError(
      'remote-failed',
      remote,
      `The remote ${remote} refused the push (${reasons.join('; ')}).`,
    );
  } else if (status !== null) {
    result = new GitRemoteError('remote-failed', remote, `The remote ${remote} answered HTTP ${status}.`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    result = new GitRemoteError('remote-failed', remote, `The exchange with the remote ${remote} failed: ${message}`);
  }
  return redacted(result, auth);
}

/** Belt and braces: no secret may reach a message, even through a server's own words. */
function redacted(error: GitRemoteError, auth: GitCredentials | undefined): GitRemoteError {
  const secret = auth && ('token' in auth ? auth.token : auth.password);
  if (!secret || !error.message.includes(secret)) return error;
  return new GitRemoteError(error.code, error.remote, error.message.split(secret).join('***'));
}

/** Refuses a URL that carries credentials: isomorphic-git would keep it in `.git/config`. */
export function checkRemoteUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new GitRemoteError('remote-failed', url, `The remote ${JSON.stringify(url)} is not a URL.`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new GitRemoteError(
      'remote-failed',
      displayRemote(url),
      `The remote ${displayRemote(url)} is not an http(s) URL.`,
    );
  if (parsed.username || parsed.password)
    throw new GitRemoteError(
      'remote-failed',
      displayRemote(url),
      `The remote URL ${displayRemote(url)} carries credentials; give them separately so they are never stored.`,
    );
}
