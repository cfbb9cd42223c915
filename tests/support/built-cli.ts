import { spawnSync } from 'node:child_process';

/** Runs the built CLI (`dist/cli.mjs`, which `npm test` builds first) and returns its exit code and output. */
export function cli(...args: string[]): { code: number | null; out: string; err: string } {
  const result = spawnSync(process.execPath, ['dist/cli.mjs', ...args], { encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}
