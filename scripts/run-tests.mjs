// `npm test`: typecheck, lint, format check, build, Electron security checks
// (electronegativity), then every suite (unit and contract under Vitest; web
// and Electron e2e under Playwright). Ends with one line
// summing them all: `N passed, N failed, N skipped`.
import { spawn, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const OUT = '.test-output';
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

// Electron is an optional dependency: where its runtime cannot be downloaded, `npm ci` leaves the whole
// package out, and with it the type definitions the Electron glue is typechecked against.
const NO_ELECTRON = existsSync('node_modules/electron/package.json')
  ? null
  : "Electron's package is not installed (npm leaves this optional dependency out when its runtime download fails), so the Electron glue cannot be typechecked. Install it without its runtime, then test again: ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci && npm test";
if (NO_ELECTRON) console.log(NO_ELECTRON);

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Runs the checks with no test count of their own, as many at once as there are cores, each counting
 * as one. Each one's output is held and printed whole when it ends, so logs do not interleave; the
 * summary lists them in the order given. A check with `after` starts once that one has passed.
 */
async function checks(list) {
  const results = new Map();
  const waiting = [...list];
  const running = new Set();
  const start = (item) => {
    const done = new Promise((resolvePromise) => {
      const began = Date.now();
      const proc = spawn(item.command, item.args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const output = [];
      proc.stdout.on('data', (d) => output.push(d));
      proc.stderr.on('data', (d) => output.push(d));
      const finish = (ok) => {
        // A process that cannot start reports 'error' and may then report 'close' too: told once.
        if (results.has(item)) return;
        const seconds = ((Date.now() - began) / 1000).toFixed(0);
        console.log(`\n=== ${item.label}: ${item.command} ${item.args.join(' ')} (${seconds} s)`);
        process.stdout.write(Buffer.concat(output));
        results.set(item, ok);
        resolvePromise();
      };
      proc.on('error', (error) => {
        output.push(Buffer.from(`${error.message}\n`));
        finish(false);
      });
      proc.on('close', (code) => finish(code === 0));
    });
    running.add(done);
    void done.then(() => running.delete(done));
  };
  const slots = Math.max(2, availableParallelism());
  while (waiting.length > 0 || running.size > 0) {
    const index = waiting.findIndex((item) => !item.after || results.has(item.after));
    if (index >= 0 && running.size < slots) {
      const [item] = waiting.splice(index, 1);
      if (item.after && !results.get(item.after)) results.set(item, false);
      else start(item);
      continue;
    }
    await Promise.race(running);
  }
  for (const item of list) {
    const ok = results.get(item);
    totals[ok ? 'passed' : 'failed'] += 1;
    lines.push(`${item.label}: ${ok ? 'ok' : item.after && !results.get(item.after) ? 'not run' : 'FAILED'}`);
  }
  return results;
}

// Longest first, so that the slots stay busy to the end.
const build = { label: 'build', command: 'npm', args: ['run', 'build', '--silent'] };
const staticResults = await checks([
  { label: 'lint', command: 'npx', args: ['eslint', '.', '--max-warnings', '0'] },
  { label: 'typecheck', command: 'npx', args: ['tsc', '-p', 'tsconfig.node.json'] },
  { label: 'format', command: 'npx', args: ['prettier', '--check', '.'] },
  { label: 'typecheck', command: 'npx', args: ['tsc', '-p', 'tsconfig.renderer.json'] },
  { label: 'typecheck', command: 'npx', args: ['tsc', '-p', 'tsconfig.core.json'] },
  build,
  { label: 'electronegativity', command: 'node', args: ['scripts/electronegativity.mjs'], after: build },
]);
const built = staticResults.get(build);

const vitestOk = run('unit + contract', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${OUT}/vitest.json`,
]);
const vitest = readJson(`${OUT}/vitest.json`);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
  lines.push(
    `unit + contract: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed, ${vitest.numPendingTests + vitest.numTodoTests} skipped`,
  );
}
if (!vitest || (!vitestOk && vitest.numFailedTests === 0)) {
  totals.failed += 1;
  lines.push('unit + contract: the runner itself failed');
}

if (built) {
  const e2eOk = run('e2e (web, electron)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: `${OUT}/playwright.json`,
  });
  const stats = readJson(`${OUT}/playwright.json`)?.stats;
  if (stats) {
    totals.passed += stats.expected + stats.flaky;
    totals.failed += stats.unexpected;
    totals.skipped += stats.skipped;
    lines.push(`e2e: ${stats.expected + stats.flaky} passed, ${stats.unexpected} failed, ${stats.skipped} skipped`);
  }
  if (!stats || (!e2eOk && stats.unexpected === 0)) {
    totals.failed += 1;
    lines.push('e2e: the runner itself failed');
  }
} else {
  totals.failed += 1;
  lines.push('e2e: not run, the build failed');
}

if (NO_ELECTRON) lines.push(NO_ELECTRON);
console.log(`\n${lines.join('\n')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
