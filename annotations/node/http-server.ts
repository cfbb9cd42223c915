import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Handlers } from '../contract';
import { dispatch } from '../dispatch';
import type { ErrorCode } from '../errors';

const MAX_BODY_BYTES = 64 * 1024 * 1024;

const STATUS: Record<ErrorCode, number> = {
  'invalid-argument': 400,
  'unknown-operation': 404,
  'not-found': 404,
  conflict: 409,
  'store-unreadable': 500,
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
}

/**
 * `close` ends the connection after the reply. Refusals sent before the
 * request body was read use it: that body may come without Content-Length or
 * chunked framing (Node's http.request sends a GET body so), and a kept-alive
 * connection would then read it as the start of the next request and break.
 */
interface ReplyOptions {
  close?: boolean;
}

function send(res: ServerResponse, status: number, body: string, type: string, { close }: ReplyOptions = {}): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown, options?: ReplyOptions): void {
  send(res, status, JSON.stringify(value), 'application/json; charset=utf-8', options);
}

const CLOSE = { close: true };

/** Thrown by `readBody` past `MAX_BODY_BYTES`, to be told apart from a body that does not parse. */
class BodyTooLarge extends Error {}

/** The body as text; throws `BodyTooLarge` past `MAX_BODY_BYTES`, leaving the rest unread. */
async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Only this machine may talk to the server: a loopback Host (no DNS rebinding) and, if sent, a same-origin Origin. */
function isLoopbackRequest(req: IncomingMessage, port: number): boolean {
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  if (!allowed.includes(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  return origin === undefined || allowed.some((host) => origin === `http://${host}`);
}

async function handleApi(req: IncomingMessage, res: ServerResponse, handlers: Handlers, name: string): Promise<void> {
  if (req.method !== 'POST')
    return sendJson(res, 405, { ok: false, error: { code: 'invalid-argument', message: 'Use POST' } }, CLOSE);
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    const error = { code: 'invalid-argument', message: 'Send application/json' };
    return sendJson(res, 415, { ok: false, error }, CLOSE);
  }
  let args: unknown;
  try {
    const body = await readBody(req);
    args = body.trim() === '' ? {} : JSON.parse(body);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      // The body is left partly unread: CLOSE keeps its rest from being read as the next request.
      const message = `Request body is larger than the limit of ${MAX_BODY_BYTES / (1024 * 1024)} MiB`;
      return sendJson(res, 413, { ok: false, error: { code: 'invalid-argument', message } }, CLOSE);
    }
    const message = `Request body is not valid JSON: ${(error as Error).message}`;
    return sendJson(res, 400, { ok: false, error: { code: 'invalid-argument', message } }, CLOSE);
  }
  const envelope = await dispatch(handlers, name, args);
  sendJson(res, envelope.ok ? 200 : STATUS[envelope.error.code], envelope);
}

/** `pathname` is already %-decoded. */
async function handleStatic(
  req: IncomingMessage,
  res: ServerResponse,
  staticDir: string,
  pathname: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain', CLOSE);
  const root = normalize(staticDir);
  let file = normalize(join(root, pathname));
  if (file !== root && !file.startsWith(root + sep)) return send(res, 403, 'Forbidden', 'text/plain', CLOSE);
  const info = await stat(file).catch(() => null);
  if (!info || info.isDirectory()) file = join(root, 'index.html');
  const type = MEDIA_TYPES[extname(file)] ?? 'application/octet-stream';
  const exists = await stat(file).catch(() => null);
  if (!exists) return send(res, 404, 'The renderer is not built: run `npm run build`.', 'text/plain');
  res.writeHead(200, {
    'content-type': type,
    'cache-control': 'no-store',
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
  const server = createServer((req, res) => {
    if (!isLoopbackRequest(req, port)) return send(res, 403, 'Factmark only answers this machine', 'text/plain', CLOSE);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      const message = `Request path ${path} is not valid %-encoded UTF-8`;
      return sendJson(res, 400, { ok: false, error: { code: 'invalid-argument', message } }, CLOSE);
    }
    const task = path.startsWith('/api/')
      ? handleApi(req, res, options.handlers, path.slice('/api/'.length))
      : handleStatic(req, res, options.staticDir, decoded);
    task.catch((error: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, { ok: false, error: { code: 'internal', message: String(error) } }, CLOSE);
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
