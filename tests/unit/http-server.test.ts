import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPaths, findAppRoot } from '../../annotations/node/app-paths';
import { startWebServer } from '../../annotations/node/http-server';
import { openWorkspace } from '../../annotations/node/workspace';
import { makeTempDir } from '../support/temp-dir';

let server: Server;
let port: number;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const temp = await makeTempDir();
  cleanup = temp.cleanup;
  await writeFile(join(temp.dir, 'index.html'), '<!doctype html><title>app</title>');
  await mkdir(join(temp.dir, 'assets'));
  await writeFile(join(temp.dir, 'assets', 'boot-Ab12Cd34.js'), 'export const boot = 1;');
  await writeFile(join(temp.dir, 'favicon.svg'), '<svg/>');
  const { handlers } = await openWorkspace({
    storeDir: join(temp.dir, 'store'),
    annotator: 'alice',
    sampleDir: appPaths(findAppRoot(__dirname)).sampleDir,
  });
  ({ server } = await startWebServer({ handlers, staticDir: temp.dir }));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await cleanup();
});

/** A raw request, so Host and Origin can be set as an attacker would. */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the web mode server', () => {
  it('listens on loopback only', () => {
    expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
  });

  it('refuses another Host (DNS rebinding) and a cross-site Origin', async () => {
    expect((await raw('/', { headers: { host: 'evil.example:80' } })).status).toBe(403);
    const json = { 'content-type': 'application/json' };
    expect(
      (
        await raw('/api/articles/list', {
          method: 'POST',
          headers: { ...json, origin: 'http://evil.example' },
          body: '{}',
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await raw('/api/articles/list', {
          method: 'POST',
          headers: { ...json, origin: `http://127.0.0.1:${port}` },
          body: '{}',
        })
      ).status,
    ).toBe(200);
  });

  it('serves the app with a Content-Security-Policy, falls back to index.html, and never leaves its folder', async () => {
    const page = await raw('/article/x');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>app</title>');
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    for (const path of ['/..%2f..%2f..%2fetc%2fpasswd', '/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd']) {
      const res = await raw(path);
      expect(res.body).not.toContain('root:');
    }
  });

  it('lets the browser keep the hashed files under assets/ for good, and asks again for everything else', async () => {
    const asset = await raw('/assets/boot-Ab12Cd34.js');
    expect(asset.body).toBe('export const boot = 1;');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // index.html names the current files; a missing asset falls back to it and must not be kept either.
    for (const path of ['/', '/index.html', '/favicon.svg', '/assets/gone-Zz99.js', '/assets']) {
      const res = await raw(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe('no-store');
    }
    const api = await raw('/api/store/status', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(api.headers['cache-control']).toBe('no-store');
  });

  it('answers bad API requests with a clear error and the right status', async () => {
    const bad = await raw('/api/articles/list', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"oops"',
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', message: expect.stringMatching(/not valid JSON/) },
    });
    expect(
      (await raw('/api/articles/list', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' }))
        .status,
    ).toBe(415);
    expect((await raw('/api/articles/list')).status).toBe(405);
    const unknown = await raw('/api/articles/burn', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(unknown.status).toBe(404);
    const missing = await raw('/api/articles/get', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"articleId":"nope"}',
    });
    expect(missing.status).toBe(404);
  });
});
