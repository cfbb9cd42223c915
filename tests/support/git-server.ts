import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A git smart-HTTP server on loopback, serving bare repositories it made itself. */
export interface GitTestServer {
  /** The clone URL of a repository; the bare repository is made on first use. */
  url(repoName: string): string;
  /** The folder of a repository's bare git directory, to inspect it with the git binary. */
  gitDir(repoName: string): string;
  close(): Promise<void>;
}

export interface GitTestServerOptions {
  /** When given, every request needs these HTTP Basic credentials; others get 401. */
  auth?: { username: string; password: string };
}

/** Why the git tests cannot run here, or null when the git binary and its http-backend are present. */
export function gitUnavailableReason(): string | null {
  let execPath: string;
  try {
    execPath = execFileSync('git', ['--exec-path'], { encoding: 'utf8' }).trim();
  } catch {
    return 'the git binary is not installed (.ci/run installs it)';
  }
  if (!existsSync(join(execPath, 'git-http-backend'))) return `git has no http-backend in ${execPath}`;
  return null;
}

/**
 * Starts Debian's `git http-backend` (CGI) behind a Node HTTP server on 127.0.0.1 and a random port.
 * See https://git-scm.com/docs/git-http-backend for the CGI variables it reads.
 */
export async function startGitServer(options: GitTestServerOptions = {}): Promise<GitTestServer> {
  const root = await mkdtemp(join(tmpdir(), 'factmark-git-server-'));
  const made = new Set<string>();
  const ensureRepo = (name: string): void => {
    if (!/^[\w.-]+$/.test(name)) throw new Error(`bad test repository name ${JSON.stringify(name)}`);
    if (made.has(name)) return;
    const dir = join(root, `${name}.git`);
    execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', dir]);
    execFileSync('git', ['--git-dir', dir, 'config', 'http.receivepack', 'true']);
    made.add(name);
  };

  const server = createServer((req, res) => {
    if (options.auth && !authorised(req, options.auth)) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="factmark test"' }).end('unauthorised');
      return;
    }
    runBackend(root, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url(repoName) {
      ensureRepo(repoName);
      return `http://127.0.0.1:${port}/${repoName}.git`;
    },
    gitDir(repoName) {
      ensureRepo(repoName);
      return join(root, `${repoName}.git`);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(root, { recursive: true, force: true });
    },
  };
}

function authorised(req: IncomingMessage, auth: { username: string; password: string }): boolean {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  const given = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  return given === `${auth.username}:${auth.password}`;
}

/** Runs one request through `git http-backend` and copies its CGI answer back. */
function runBackend(root: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const child = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
      REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  req.pipe(child.stdin);
  child.stdin.on('error', () => undefined);
  let head = Buffer.alloc(0);
  let headersSent = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersSent) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    const endLf = head.indexOf('\n\n');
    const [at, size] = end >= 0 ? [end, 4] : endLf >= 0 ? [endLf, 2] : [-1, 0];
    if (at < 0) return;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.subarray(0, at).toString('latin1').split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else headers[name] = value;
    }
    res.writeHead(status, headers);
    headersSent = true;
    res.write(head.subarray(at + size));
  });
  child.on('close', () => {
    if (!headersSent) res.writeHead(502).end('git http-backend gave no answer');
    else res.end();
  });
  child.on('error', () => {
    if (!headersSent) res.writeHead(500).end('git http-backend could not start');
  });
}
