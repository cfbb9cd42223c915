import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../annotations/contract';
import { openLowdbRepository } from '../../annotations/node/lowdb-repository';
import { syntheticArticle } from '../../scripts/bench-corpus';
import { makeTempDir } from '../support/temp-dir';

let temp: { dir: string; cleanup: () => Promise<void> };
let child: ChildProcess | null = null;
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(async () => {
  const running = child;
  child = null;
  if (running && running.exitCode === null && running.signalCode === null)
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill();
    });
  await temp.cleanup();
});

describe('the built web server', () => {
  it('answers other requests while a long article’s suggestions are computed in its worker', async () => {
    expect(existsSync('dist/server.mjs'), 'the app is built (npm run build)').toBe(true);
    const store = join(temp.dir, 'store');
    const repo = await openLowdbRepository(store, { indexInBackground: false });
    await repo.addArticle(await syntheticArticle('long', 50_000, 7));
    await repo.close();

    const server = spawn(
      process.execPath,
      ['dist/server.mjs', '--port', '0', '--store', store, '--annotator', 'alice'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, FACTMARK_DEBUG_WORKERS: '1' },
      },
    );
    child = server;
    let stderr = '';
    const said: (() => void)[] = [];
    server.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      for (const tell of said) tell();
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      server.on('exit', (code) => reject(new Error(`web server exited with ${String(code)}: ${stderr}`)));
    });

    const replies: string[] = [];
    const post = async (name: string, args: object) => {
      const response = await fetch(`${url}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(args),
      });
      const envelope = (await response.json()) as Envelope;
      replies.push(name);
      expect(envelope, `${name}: ${JSON.stringify(envelope).slice(0, 300)}`).toMatchObject({ ok: true });
      return envelope;
    };
    const list = post('suggestions/list', { articleId: 'long' });
    // The small requests go once the list has reached the worker (or, where none runs, once it is answered).
    await Promise.race([
      list,
      new Promise<void>((resolve) => said.push(() => /suggestions worker: started/.test(stderr) && resolve())),
    ]);
    await Promise.all([post('store/status', {}), post('articles/page', { offset: 0, limit: 50 }), list]);

    expect(replies.at(-1)).toBe('suggestions/list');
    expect(stderr).toMatch(/suggestions worker: started \S*dist[/\\]suggest-worker\.mjs/);
    expect(stderr).toMatch(/suggestions worker: suggested for 1/);
    const { result } = (await list) as { result: { suggestions: unknown[] } };
    expect(result.suggestions.length).toBeGreaterThan(0);
  }, 120_000);
});
