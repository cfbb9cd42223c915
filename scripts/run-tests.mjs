// `npm test`: typecheck, lint, format check, build, Electron security checks
// (electronegativity), then every suite (unit and contract under Vitest; web
// and Electron e2e under Playwright). Ends with one line
// summing them all: `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
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

/** A check with no test count of its own (typecheck, lint, build) counts as one. */
function check(label, command, args) {
  const ok = run(label, command, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  lines.push(`${label}: ${ok ? 'ok' : 'FAILED'}`);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.core.json']);
check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.node.json']);
check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.renderer.json']);
check('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
check('format', 'npx', ['prettier', '--check', '.']);
const built = check('build', 'npm', ['run', 'build', '--silent']);
check('electronegativity', 'node', ['scripts/electronegativity.mjs']);

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
