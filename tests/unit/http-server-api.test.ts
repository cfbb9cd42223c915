import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../annotations/node/http-server';
import type { RequestOptions } from './http-harness';
import { FIRST_ARTICLE, JSON_TYPE, startTestServer } from './http-harness';

let web: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => void (web = await startTestServer()));
afterAll(() => web.close());

describe('POST /api/<operation>', () => {
  it('runs an operation posted as JSON, an empty body counting as {}', async () => {
    const reply = await web.post('articles/list', '');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const envelope = JSON.parse(reply.body);
    expect(envelope.ok).toBe(true);
    expect(envelope.result.map((a: { id: string }) => a.id)).toContain(FIRST_ARTICLE);
  });

  it('writes through to the store', async () => {
    const create = { articleId: FIRST_ARTICLE, kind: 'claim', start: 0, end: 4, quote: 'ISIS' };
    const reply = await web.post('annotations/create', JSON.stringify(create));
    expect(reply.status).toBe(200);
    const { id } = JSON.parse(reply.body).result.value;
    const saved = await web.handlers['annotations/list']({ articleId: FIRST_ARTICLE });
    expect(saved.annotations.map((a) => a.id)).toEqual([id]);
  });

  it('answers a body that is not JSON with 400 invalid-argument', async () => {
    const reply = await web.post('articles/list', '{"oops"');
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringMatching(/^Request body is not valid JSON/) },
    });
  });

  it('answers a body over the 64 MiB limit with 413 and its own message, closing the connection', async () => {
    const reply = await web.post('articles/list', `"${'x'.repeat(64 * 1024 * 1024)}"`);
    expect(reply.status).toBe(413);
    expect(reply.headers.connection).toBe('close');
    expect(JSON.parse(reply.body)).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: 'Request body is larger than the limit of 64 MiB' },
    });
    expect((await web.post('articles/list', '{}')).status).toBe(200);
  });

  it('answers 415 to a POST that is not application/json', async () => {
    const types: Record<string, string>[] = [{ 'content-type': 'text/plain' }, { 'content-type': 'text/json' }, {}];
    for (const headers of types) {
      const reply = await web.post('articles/list', '{}', headers);
      expect(reply.status).toBe(415);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    }
    const withCharset = { 'content-type': 'application/json; charset=utf-8' };
    expect((await web.post('articles/list', '{}', withCharset)).status).toBe(200);
  });

  it('answers 405 to GET and other methods on /api/...', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const reply = await web.send('/api/articles/list', { method });
      expect(reply.status, method).toBe(405);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    }
  });

  it('maps error codes to statuses: unknown operation and missing article 404, bad arguments 400', async () => {
    const unknown = await web.post('articles/burn', '{}');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('unknown-operation');
    const missing = await web.post('articles/get', '{"articleId":"nope"}');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error.code).toBe('not-found');
    const invalid = await web.post('articles/get', '{"articleId":42}');
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error.code).toBe('invalid-argument');
  });

  it('answers a path with malformed %-encoding with 400 invalid-argument, for the API and the app alike', async () => {
    const replies = [
      await web.post('%E0%A4%A', '{}'),
      await web.send('/api/articles/%E0%A4%A'),
      await web.send('/%E0%A4%A'),
      await web.send('/article/%ZZ'),
    ];
    for (const reply of replies) {
      expect(reply.status).toBe(400);
      expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(JSON.parse(reply.body)).toEqual({
        ok: false,
        error: {
          code: 'invalid-argument',
          message: expect.stringMatching(/^Request path \/.* is not valid %-encoded/),
        },
      });
    }
    expect((await web.send('/article/caf%C3%A9')).status).toBe(200);
  });

  it('answers a conflict with 409', async () => {
    const create = JSON.stringify({
      id: 'twin',
      articleId: FIRST_ARTICLE,
      kind: 'claim',
      start: 0,
      end: 4,
      quote: 'ISIS',
    });
    expect((await web.post('annotations/create', create)).status).toBe(200);
    const again = await web.post('annotations/create', create);
    expect(again.status).toBe(409);
    expect(JSON.parse(again.body).error.code).toBe('conflict');
  });
});

describe('keep-alive connections', () => {
  it('close after a refusal that leaves a request body unread, so the next request on it still works', async () => {
    // Node's http.request sends a GET body with neither Content-Length nor chunked
    // encoding: read as the start of the next request, it breaks the connection.
    const refusals: [string, RequestOptions, number][] = [
      ['/api/articles/list', { method: 'GET', headers: JSON_TYPE, body: '{}' }, 405],
      ['/api/articles/list', { method: 'GET', headers: { ...JSON_TYPE, 'content-length': '2' }, body: '{}' }, 405],
      ['/api/articles/list', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(1e5) }, 415],
      ['/index.html', { method: 'POST', headers: JSON_TYPE, body: '{}' }, 405],
    ];
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (const [path, options, status] of refusals) {
        const refused = await web.send(path, { ...options, agent });
        expect(refused.status, `${options.method} ${path}`).toBe(status);
        expect(refused.headers.connection).toBe('close');
        const next = await web.send('/api/articles/list', { method: 'POST', headers: JSON_TYPE, body: '{}', agent });
        expect(next.status, `after ${options.method} ${path}`).toBe(200);
        expect(next.headers.connection).toBe('keep-alive');
      }
    } finally {
      agent.destroy();
    }
  });
});
