import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';

function electronInstalled(): boolean {
  try {
    return existsSync(createRequire(import.meta.url)('electron') as string);
  } catch {
    return false;
  }
}

const installed = electronInstalled();
if (installed)
  console.log(
    'start-fallback test skipped: an Electron runtime is installed here, so `npm start` opens the desktop app',
  );

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

it.skipIf(installed)(
  '`npm start` without an Electron runtime says why in one sentence and serves the web mode',
  async () => {
    expect(existsSync('dist/server.mjs'), 'the app is built (npm test builds it first)').toBe(true);
    // Built already: `npm start` itself builds first.
    const child = spawn(process.execPath, ['scripts/start.mjs', '--port', '0', '--store', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FACTMARK_START_BUILT: '1' },
    });
    let out = '';
    let err = '';
    let served = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    try {
      served = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
          if (match) resolve(match[0]);
        });
        child.on('exit', (code) => reject(new Error(`exited with ${String(code)}: ${out}${err}`)));
      });
      expect(out.split('\n')[0]).toMatch(/^Electron's runtime is not installed here .*opens in web mode/);
      expect(err).toBe('');
      const response = await fetch(`${served}/api/articles/list`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(((await response.json()) as { result: unknown[] }).result).toHaveLength(5);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    }
    // Stopping it stopped the web server it started: nothing answers any more.
    await expect(fetch(`${served}/api/articles/list`, { method: 'POST', body: '{}' })).rejects.toThrow();
  },
);
