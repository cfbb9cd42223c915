import { mkdir, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../annotations/contract';
import { FactmarkError, StoreUnreadableError } from '../../annotations/errors';
import { startWebServer } from '../../annotations/node/http-server';
import { OPERATION_NAMES } from '../../annotations/operation-names';
import { makeTempDir } from '../support/temp-dir';

const LIMIT = 64 * 1024;
const TOO_LARGE = {
  ok: false,
  error: { code: 'invalid-argument', message: 'Request body is larger than the limit of 64 KiB' },
};

/** Every operation echoes its arguments; a few throw what a real handler may throw. */
const handlers = Object.fromEntries(
  OPERATION_NAMES.map((name) => [name, async (args: unknown) => ({ echo: args })]),
) as unknown as Handlers;
Object.assign(handlers, {
  'articles/get': async ({ articleId }: { articleId: string }) => {
    if (articleId === 'damaged') throw new StoreUnreadableError('annotations/damaged.json', 'not valid JSON');
    if (articleId === 'taken') throw new FactmarkError('conflict', 'Someone else changed it');
    if (articleId === 'bug') throw new Error('a bug');
    return { id: articleId };
  },
});

let server: Server;
let port: number;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const temp = await makeTempDir();
  cleanup = temp.cleanup;
  const staticDir = join(temp.dir, 'static');
  await mkdir(staticDir);
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(staticDir, 'app.js'), 'console.log(1);');
  ({ server } = await startWebServer({ handlers, staticDir, maxBodyBytes: LIMIT, drainTimeoutMs: 5000 }));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await cleanup();
});

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/**
 * POSTs `chunks` one write each (chunked framing unless `contentLength` is
 * given), waiting for `pause` after the chunk at `pauseAfter`. `finished`
 * settles when the connection closes: it rejects on any socket error, even
 * one after the reply.
 */
function post(
  chunks: readonly string[],
  options: { contentLength?: number; pauseAfter?: number; pause?: Promise<unknown> } = {},
): { reply: Promise<Reply>; finished: Promise<void> } {
  const headers: Record<string, string> = { host: `127.0.0.1:${port}`, 'content-type': 'application/json' };
  if (options.contentLength !== undefined) headers['content-length'] = String(options.contentLength);
  const req = request({ host: '127.0.0.1', port, path: '/api/articles/list', method: 'POST', headers, agent: false });
  const finished = new Promise<void>((resolve, reject) => {
    req.on('error', reject);
    req.on('close', resolve);
  });
  const reply = new Promise<Reply>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString() }),
      );
    });
  });
  void (async () => {
    for (const [i, chunk] of chunks.entries()) {
      if (!req.write(chunk)) await new Promise((resolve) => req.once('drain', resolve));
      if (i === options.pauseAfter) await options.pause;
      // A client streaming its body lets the event loop turn now and then. With that, the server used to
      // close the socket under it once past the limit, and every request failed with EPIPE before the reply.
      if (i % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
    }
    req.end();
  })();
  return { reply, finished };
}

/** Opens a raw socket and writes `head`: what comes back until the server closes, or until `until` matches. */
function rawExchange(head: string, until?: RegExp, to = port): { socket: Socket; text: Promise<string> } {
  const socket = connect(to, '127.0.0.1');
  const text = new Promise<string>((resolve, reject) => {
    let received = '';
    socket.on('data', (c: Buffer) => {
      received += c.toString();
      if (until?.test(received)) resolve(received);
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
  });
  socket.write(head);
  return { socket, text };
}

/** The JSON body of a raw HTTP reply. */
const bodyOf = (text: string): unknown => JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));

/** The same over a raw socket with chunked framing written by hand: what comes back, read until the server closes. */
function postRawChunked(chunks: readonly string[]): Promise<string> {
  const { socket, text } = rawExchange(
    `POST /api/articles/list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
      'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
  );
  for (const chunk of chunks) socket.write(`${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`);
  socket.write('0\r\n\r\n');
  return text;
}

/** A JSON string body of about `bytes` bytes in pieces of 4 KiB. */
function pieces(bytes: number): string[] {
  const count = Math.ceil(bytes / 4096);
  return ['"', ...Array.from({ length: count }, () => 'x'.repeat(4096)), '"'];
}

describe('request bodies over the limit', () => {
  it('answer a chunked body with a readable 413, 20 times in a row', async () => {
    for (let round = 0; round < 20; round++) {
      const { reply, finished } = post(pieces(16 * LIMIT));
      const { status, headers, body } = await reply;
      expect(status, `round ${round}`).toBe(413);
      expect(headers.connection).toBe('close');
      expect(headers['content-type']).toBe('application/json; charset=utf-8');
      expect(JSON.parse(body)).toEqual(TOO_LARGE);
      await finished;
    }
  });

  it('answer a chunked body framed by hand on a raw socket, 20 times in a row', async () => {
    for (let round = 0; round < 20; round++) {
      const text = await postRawChunked(pieces(8 * LIMIT));
      expect(text, `round ${round}`).toMatch(/^HTTP\/1\.1 413 /);
      expect(text).toMatch(/\r\nconnection: close\r\n/i);
      expect(bodyOf(text)).toEqual(TOO_LARGE);
    }
  });

  it('send the 413 as soon as the limit is passed, while the client is still sending', async () => {
    let release: () => void = () => undefined;
    const pause = new Promise<void>((resolve) => (release = resolve));
    const { reply, finished } = post(pieces(4 * LIMIT), { pauseAfter: LIMIT / 4096 + 2, pause });
    const { status, body } = await reply;
    expect(status).toBe(413);
    expect(JSON.parse(body)).toEqual(TOO_LARGE);
    release();
    await finished;
  });

  it('answer an announced Content-Length over the limit at once, before any of the body', async () => {
    const { socket, text } = rawExchange(
      `POST /api/articles/list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\n`,
      /\r\n\r\n\{.*\}$/s,
    );
    // No byte of the body is sent: the reply cannot be waiting for it (the drain timeout is 5 s).
    const started = Date.now();
    const reply = await text;
    expect(Date.now() - started).toBeLessThan(2500);
    socket.destroy();
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(bodyOf(reply)).toEqual(TOO_LARGE);
  });

  it('answer a Content-Length body over the limit sent whole, and read all of it before closing', async () => {
    for (let round = 0; round < 20; round++) {
      const chunks = pieces(4 * LIMIT);
      const { reply, finished } = post(chunks, { contentLength: chunks.join('').length });
      const { status, body } = await reply;
      expect(status, `round ${round}`).toBe(413);
      expect(JSON.parse(body)).toEqual(TOO_LARGE);
      await finished;
    }
  });

  it('cut a connection whose body stalls past the drain timeout, after the reply went out', async () => {
    const quick = await startWebServer({ handlers, staticDir: '.', maxBodyBytes: LIMIT, drainTimeoutMs: 300 });
    const quickPort = (quick.server.address() as AddressInfo).port;
    const started = Date.now();
    const { text } = rawExchange(
      `POST /api/articles/list HTTP/1.1\r\nHost: 127.0.0.1:${quickPort}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${4 * LIMIT}\r\n\r\n"${'x'.repeat(LIMIT)}`,
      undefined,
      quickPort,
    );
    const reply = await text;
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(Date.now() - started).toBeLessThan(4000);
    await new Promise((resolve) => quick.server.close(resolve));
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(bodyOf(reply)).toEqual(TOO_LARGE);
  });

  it('leave a body within the limit alone, before and after a refusal', async () => {
    const small = `"${'x'.repeat(LIMIT - 10)}"`;
    const first = await post([small]).reply;
    expect(first.status).toBe(400);
    expect(JSON.parse(first.body).error.message).toMatch(/^Invalid arguments for articles\/list/);
    await post(pieces(2 * LIMIT)).reply;
    const ok = await post(['{}']).reply;
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, result: { echo: {} } });
  });
});

/** A raw request with a JSON body, on a fresh connection. */
function send(path: string, method = 'GET', body?: string | Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = { host: `127.0.0.1:${port}`, 'content-type': 'application/json' };
    const req = request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString() }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('statuses and headers', () => {
  it('sends X-Content-Type-Options: nosniff with static files too', async () => {
    for (const path of ['/', '/index.html', '/app.js', '/no/such/page']) {
      const reply = await send(path);
      expect(reply.status, path).toBe(200);
      expect(reply.headers['x-content-type-options'], path).toBe('nosniff');
    }
    expect((await send('/app.js', 'HEAD')).headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers every refusal with a 4xx: a damaged store file is 409, only a bug is 500', async () => {
    const cases: [string, number, string][] = [
      ['damaged', 409, 'store-unreadable'],
      ['taken', 409, 'conflict'],
      ['bug', 500, 'internal'],
    ];
    for (const [articleId, status, code] of cases) {
      const reply = await send('/api/articles/get', 'POST', JSON.stringify({ articleId }));
      expect(reply.status, articleId).toBe(status);
      expect(JSON.parse(reply.body).error.code).toBe(code);
    }
  });

  it('refuses a body that is not UTF-8 rather than changing its text, and takes one with a byte order mark', async () => {
    const bytes = Buffer.concat([Buffer.from('{"articleId":"a'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const reply = await send('/api/articles/get', 'POST', bytes);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: 'Request body is not valid UTF-8 text' },
    });
    const bom = await send('/api/articles/get', 'POST', Buffer.from('\uFEFF{"articleId":"Straße"}'));
    expect(JSON.parse(bom.body).error.message).toMatch(/^Invalid arguments for articles\/get: articleId/);
    const text = await send('/api/entities/suggest', 'POST', Buffer.from('{"text":"Straße \\ud800 👍"}'));
    expect(JSON.parse(text.body)).toEqual({ ok: true, result: { echo: { text: 'Straße \ud800 👍' } } });
  });

  it('refuses arguments nested 20,000 levels deep with 400', async () => {
    const levels = 20_000;
    const body = `{"changeSet":{"label":"x","changes":[{"type":"annotation","before":${'['.repeat(levels)}${']'.repeat(levels)}}]},"direction":"undo"}`;
    const reply = await send('/api/history/apply', 'POST', body);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: 'Arguments are nested 20004 levels deep; at most 64 are allowed' },
    });
  });
});
