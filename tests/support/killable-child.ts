import { spawn } from 'node:child_process';

/**
 * Runs a bundled Node script that may kill itself (SIGKILL, as kill -9 or a
 * power cut would): resolves with whether it was killed and what it printed;
 * rejects when it failed any other way.
 */
export function runKillableChild(child: string, args: readonly string[]): Promise<{ killed: boolean; out: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`child failed (${code ?? signal}): ${err}`));
      resolve({ killed: signal === 'SIGKILL', out });
    });
  });
}
