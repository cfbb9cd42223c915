import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { bundleEntry } from './bundle-entry';

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

/**
 * The CLI from its source, bundled once per test file (a fraction of a second) instead of compiled by
 * tsx at every start (seconds each on a busy machine), so the file runs without a build. Returns a
 * function that runs it to the end with the given arguments.
 */
export function useBundledCli(): (...args: string[]) => CliRun {
  let script = '';
  let tools = '';
  beforeAll(async () => {
    // Inside the project, so the CLI finds the app's files (it looks for package.json above itself).
    const output = join(__dirname, '../../.test-output');
    await mkdir(output, { recursive: true });
    tools = await mkdtemp(join(output, 'cli-'));
    script = await bundleEntry(join(__dirname, '../../annotations/node/cli.ts'), tools, 'cli');
  }, 60_000);
  afterAll(() => rm(tools, { recursive: true, force: true }));
  return (...args) => {
    const result = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };
}
