import { mkdir, writeFile } from 'node:fs/promises';
import type { Agent, Server } from 'node:http';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Handlers } from '../../annotations/contract';
import { startWebServer } from '../../annotations/node/http-server';
import { openWorkspace } from '../../annotations/node/workspace';
import { makeTempDir } from '../support/temp-dir';

const SAMPLE_DIR = fileURLToPath(new URL('../../annotations/sample-corpus', import.meta.url));
export const INDEX_HTML = '<!doctype html><title>factmark test shell</title>';
export const APP_JS = 'console.log("app");';
/** Written outside the static folder: no request may ever return it. */
export const SECRET = 'top secret outside the static folder';
export const FIRST_ARTICLE = '000_0032acaf3c30b9bc';
export const JSON_TYPE = { 'content-type': 'application/json' };

export type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string };
/** `agent`: a keep-alive agent with one socket puts requests on the same connection, one after another. */
export type RequestOptions = { method?: string; headers?: Record<string, string>; body?: string; agent?: Agent };

/**
 * The web server over a fresh store with the sample corpus. Its static folder
 * `<temp>/static` holds index.html and app.js; beside it lie `secret.txt` and
 * `static-evil/x.txt` (a sibling whose name starts like the static folder's).
 */
export async function startTestServer() {
  const { dir, cleanup } = await makeTempDir();
  const staticDir = join(dir, 'static');
  await mkdir(staticDir);
  await mkdir(join(dir, 'static-evil'));
  await writeFile(join(staticDir, 'index.html'), INDEX_HTML);
  await writeFile(join(staticDir, 'app.js'), APP_JS);
  await writeFile(join(dir, 'secret.txt'), SECRET);
  await writeFile(join(dir, 'static-evil', 'x.txt'), SECRET);
  const storeDir = join(dir, 'store');
  const { handlers } = await openWorkspace({ storeDir, annotator: 'alice', sampleDir: SAMPLE_DIR });
  const { server, url } = await startWebServer({ handlers, staticDir });
  const port = (server.address() as AddressInfo).port;

  /** A raw HTTP request: unlike fetch, it may set Host and send any path as it is. */
  const send = (path: string, options: RequestOptions = {}) =>
    new Promise<Reply>((resolve, reject) => {
      const headers = { host: `127.0.0.1:${port}`, ...options.headers };
      const { method = 'GET', agent } = options;
      const req = request({ host: '127.0.0.1', port, path, method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      });
      req.on('error', reject);
      req.end(options.body);
    });

  const post = (operation: string, body: string, headers: Record<string, string> = JSON_TYPE) =>
    send(`/api/${operation}`, { method: 'POST', headers, body });

  const close = async () => {
    await new Promise((resolve) => server.close(resolve));
    await cleanup();
  };
  return { server: server as Server, url, port, handlers: handlers as Handlers, send, post, close };
}
