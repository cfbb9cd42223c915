import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../annotations/node/http-server';
import { APP_JS, FIRST_ARTICLE, INDEX_HTML, JSON_TYPE, SECRET, startTestServer } from './http-harness';

let web: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => void (web = await startTestServer()));
afterAll(() => web.close());

/** Paths that try to climb out of the static folder. */
const TRAVERSALS = [
  '/..%2f..%2fetc/passwd',
  '/..%2fsecret.txt',
  '/%2e%2e%2fsecret.txt',
  '/..%5csecret.txt',
  '/../secret.txt',
  '/..%2fstatic-evil%2fx.txt',
  '/%2e%2e/%2e%2e/etc/passwd',
];

describe('who may talk to the web server', () => {
  it('listens on 127.0.0.1 only, and says so in its url', () => {
    const address = web.server.address() as AddressInfo;
    expect(address.address).toBe('127.0.0.1');
    expect(web.url).toBe(`http://127.0.0.1:${address.port}`);
  });

  it('answers a loopback Host: 127.0.0.1 or localhost with the port', async () => {
    expect((await web.send('/', { headers: { host: `127.0.0.1:${web.port}` } })).status).toBe(200);
    expect((await web.send('/', { headers: { host: `localhost:${web.port}` } })).status).toBe(200);
  });

  it('refuses a foreign Host header with 403 (DNS rebinding), with the security policy', async () => {
    const { port } = web;
    const hosts = [
      'evil.example',
      `evil.example:${port}`,
      '127.0.0.1',
      `127.0.0.1:${port + 1}`,
      `127.0.0.1.x.io:${port}`,
    ];
    for (const host of hosts) {
      const reply = await web.send('/', { headers: { host } });
      expect(reply.status, host).toBe(403);
      expect(reply.body).not.toContain(INDEX_HTML);
      expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    }
    expect((await web.post('articles/list', '{}', { ...JSON_TYPE, host: 'evil.example' })).status).toBe(403);
  });

  it('refuses a cross-origin Origin with 403, and runs nothing', async () => {
    const { port } = web;
    const create = JSON.stringify({ articleId: FIRST_ARTICLE, kind: 'claim', start: 0, end: 4, quote: 'ISIS' });
    for (const origin of ['http://evil.example', 'null', `https://127.0.0.1:${port}`, `http://127.0.0.1:${port + 1}`]) {
      const reply = await web.post('annotations/create', create, { ...JSON_TYPE, origin });
      expect(reply.status, origin).toBe(403);
    }
    expect((await web.handlers['annotations/list']({ articleId: FIRST_ARTICLE })).annotations).toEqual([]);
  });

  it('accepts a same-origin Origin', async () => {
    const reply = await web.post('articles/list', '{}', { ...JSON_TYPE, origin: `http://localhost:${web.port}` });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body).result).toHaveLength(5);
  });
});

describe('the static files', () => {
  it('serves index.html and assets with a Content-Security-Policy header', async () => {
    const index = await web.send('/');
    expect(index.status).toBe(200);
    expect(index.body).toBe(INDEX_HTML);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    const script = await web.send('/app.js');
    expect(script.body).toBe(APP_JS);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('falls back to index.html for an unknown path (client-side routes)', async () => {
    for (const path of [`/article/${FIRST_ARTICLE}`, '/no/such/file.js', '/static']) {
      const reply = await web.send(path);
      expect(reply.status, path).toBe(200);
      expect(reply.body).toBe(INDEX_HTML);
    }
  });

  it('never serves a file outside its folder', async () => {
    for (const path of TRAVERSALS) {
      const reply = await web.send(path);
      expect(reply.body, path).not.toContain(SECRET);
      expect(reply.body, path).not.toContain('root:');
      expect([200, 403, 404], path).toContain(reply.status);
    }
    expect((await web.send('/..%2fsecret.txt')).status).toBe(403);
    expect((await web.send('/..%2fstatic-evil%2fx.txt')).status).toBe(403);
  });

  it('answers 405 to a POST of a static path', async () => {
    expect((await web.send('/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
  });
});
