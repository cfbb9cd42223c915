import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Handlers } from '../contract';
import { dispatch } from '../dispatch';
import type { ErrorCode } from '../errors';

/** The largest request body: a bundle of a large corpus, in base64, fits. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;
/** How long the rest of a refused request's body is read and dropped before its connection is cut. */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Every refusal is a 4xx that says why; only `internal` (a bug) is a 5xx.
 * `store-unreadable` is 409: the request is sound, but it conflicts with the
 * state of a store file (damaged), which the user can repair; 503 would tell
 * the client to retry later, which cannot help.
 */
const STATUS: Record<ErrorCode, number> = {
  'invalid-argument': 400,
  'unknown-operation': 404,
  'not-found': 404,
  conflict: 409,
  'store-unreadable': 409,
  internal: 500,
};

const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The same policy as the Electron window's meta tag, sent as a header too. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export interface WebServerOptions {
  handlers: Handlers;
  /** The built renderer (vite's output). */
  staticDir: string;
  port?: number;
  /** The largest request body accepted (64 MiB); a larger one gets 413. */
  maxBodyBytes?: number;
  /** How long the unread rest of a refused request's body is drained (10 s) before the connection is cut. */
  drainTimeoutMs?: number;
}

/**
 * `close` ends the connection after the reply. Refusals sent before the
 * request body was read use it: that body may come without Content-Length or
 * chunked framing (Node's http.request sends a GET body so), and a kept-alive
 * connection would then read it as the start of the next request and break.
 */
interface ReplyOptions {
  close?: boolean;
  /** How long a closing reply waits for the rest of the request's body. */
  drainTimeoutMs?: number;
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type: string,
  { close, drainTimeoutMs = DRAIN_TIMEOUT_MS }: ReplyOptions = {},
): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    ...(close ? { connection: 'close' } : {}),
  });
  if (close) endAfterBody(res, body, drainTimeoutMs);
  else res.end(body);
}

/**
 * Sends a reply that closes the connection, but closes it only once the
 * request's body has come in whole (read and dropped): a socket closed with
 * unread bytes in it is reset, and the reset can destroy the reply before the
 * client reads it (the client sees ECONNRESET or EPIPE instead of the refusal).
 * The reply goes out at once with its length, so a client can read it while
 * still sending; a body that has not ended after `drainTimeoutMs` has its
 * connection cut.
 */
function endAfterBody(res: ServerResponse, body: string, drainTimeoutMs: number): void {
  const req = res.req;
  // Without Content-Length or chunked framing a request has no body: bytes after its head
  // (Node's http.request sends a GET body so) are no body to wait for, but the bad start of a next request.
  const framed = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
  if (req.complete || !framed) return void res.end(body);
  res.write(body);
  const timer = setTimeout(() => req.socket.destroy(), drainTimeoutMs);
  const stop = () => clearTimeout(timer);
  req.once('end', () => {
    stop();
    res.end();
  });
  req.once('close', stop);
  req.resume();
}

function sendJson(res: ServerResponse, status: number, value: unknown, options?: ReplyOptions): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', options);
}

/** What one server was started with, as its request handlers need it. */
interface ServerLimits {
  maxBodyBytes: number;
  /** The reply options of a refusal that closes the connection. */
  closing: ReplyOptions;
}

/** Thrown by `readBody` past the limit, to be told apart from a body that does not parse. */
class BodyTooLarge extends Error {}
/** Thrown by `readBody` when the client went away before its body ended: there is no one to answer. */
class BodyCutOff extends Error {}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body's bytes; rejects with `BodyTooLarge` as soon as they pass
 * `maxBytes`, and from then on drops what comes. Listeners, not `for await`:
 * leaving a `for await` destroys the request, and with it the socket the
 * refusal must go out on.
 */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > maxBytes) return;
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      chunks.length = 0;
      reject(new BodyTooLarge());
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', () => reject(new BodyCutOff()));
    req.once('close', () => reject(new BodyCutOff()));
  });
}

/** "64 MiB", "64 KiB", or a count of bytes. */
function describeSize(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** Only this machine may talk to the server: a loopback Host (no DNS rebinding) and, if sent, a same-origin Origin. */
function isLoopbackRequest(req: IncomingMessage, port: number): boolean {
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  if (!allowed.includes(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  return origin === undefined || allowed.some((host) => origin === `http://${host}`);
}

async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  handlers: Handlers,
  name: string,
  { maxBodyBytes, closing }: ServerLimits,
): Promise<void> {
  if (req.method !== 'POST')
    return sendJson(res, 405, { ok: false, error: { code: 'invalid-argument', message: 'Use POST' } }, closing);
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    const error = { code: 'invalid-argument', message: 'Send application/json' };
    return sendJson(res, 415, { ok: false, error }, closing);
  }
  // The refusal goes out at once, before the body is read, when its announced length is over the limit.
  const tooLarge = () => {
    const message = `Request body is larger than the limit of ${describeSize(maxBodyBytes)}`;
    sendJson(res, 413, { ok: false, error: { code: 'invalid-argument', message } }, closing);
  };
  if (Number(req.headers['content-length']) > maxBodyBytes) return tooLarge();
  let bytes: Buffer;
  try {
    bytes = await readBody(req, maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLarge) return tooLarge();
    if (error instanceof BodyCutOff) return void res.destroy();
    throw error;
  }
  const refuse = (message: string) =>
    sendJson(res, 400, { ok: false, error: { code: 'invalid-argument', message } }, closing);
  let body: string;
  try {
    // Text stays text: bytes that are not UTF-8 are refused, not turned into U+FFFD in the user's data.
    body = UTF8.decode(bytes);
  } catch {
    return refuse('Request body is not valid UTF-8 text');
  }
  let args: unknown;
  try {
    args = body.trim() === '' ? {} : JSON.parse(body);
  } catch (error) {
    return refuse(`Request body is not valid JSON: ${(error as Error).message}`);
  }
  const envelope = await dispatch(handlers, name, args);
  sendJson(res, envelope.ok ? 200 : STATUS[envelope.error.code], envelope);
}

/**
 * The build names every file under assets/ by a hash of its content, so a
 * file there never changes: the browser may keep it for good, and a reload
 * takes the app's code from its cache. index.html, which names the current
 * files, and anything else is always asked for again.
 */
function cacheControl(root: string, file: string): string {
  return file.startsWith(join(root, 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-store';
}

/** `pathname` is already %-decoded. */
async function handleStatic(
  req: IncomingMessage,
  res: ServerResponse,
  staticDir: string,
  pathname: string,
  { closing }: ServerLimits,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain', closing);
  const root = normalize(staticDir);
  let file = normalize(join(root, pathname));
  if (file !== root && !file.startsWith(root + sep)) return send(res, 403, 'Forbidden', 'text/plain', closing);
  const info = await stat(file).catch(() => null);
  if (!info || info.isDirectory()) file = join(root, 'index.html');
  const type = MEDIA_TYPES[extname(file)] ?? 'application/octet-stream';
  const exists = await stat(file).catch(() => null);
  if (!exists) return send(res, 404, 'The renderer is not built: run `npm run build`.', 'text/plain');
  res.writeHead(200, {
    'content-type': type,
    'cache-control': cacheControl(root, file),
    'x-content-type-options': 'nosniff',
    'content-security-policy': CONTENT_SECURITY_POLICY,
  });
  createReadStream(file).pipe(res);
}

/**
 * The web mode: the built renderer and the service contract over loopback
 * HTTP (`POST /api/<area>/<verb>` with the arguments as the JSON body).
 * It listens on 127.0.0.1 only.
 */
export async function startWebServer(options: WebServerOptions): Promise<{ server: Server; url: string }> {
  let port = options.port ?? 0;
  const closing: ReplyOptions = { close: true, drainTimeoutMs: options.drainTimeoutMs ?? DRAIN_TIMEOUT_MS };
  const limits: ServerLimits = { maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES, closing };
  const server = createServer((req, res) => {
    if (!isLoopbackRequest(req, port))
      return send(res, 403, 'Factmark only answers this machine', 'text/plain', closing);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      const message = `Request path ${path} is not valid %-encoded UTF-8`;
      return sendJson(res, 400, { ok: false, error: { code: 'invalid-argument', message } }, closing);
    }
    const task = path.startsWith('/api/')
      ? handleApi(req, res, options.handlers, path.slice('/api/'.length), limits)
      : handleStatic(req, res, options.staticDir, decoded, limits);
    task.catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed)
        sendJson(res, 500, { ok: false, error: { code: 'internal', message: String(error) } }, closing);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return { server, url: `http://127.0.0.1:${port}` };
}
