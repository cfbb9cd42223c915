import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir';

// Every way of starting Factmark answers --help, and refuses a flag it does not know with a usage line and
// exit 2, before it opens (or creates) any store. Run as built: `npm test` builds the app first.
const ENTRY_POINTS = [
  { name: 'server', args: ['dist/server.mjs'], usage: /^Usage: node dist\/server\.mjs /m },
  { name: 'cli', args: ['dist/cli.mjs'], usage: /^Usage: factmark import\|export\|/m },
  { name: 'start', args: ['scripts/start.mjs'], usage: /^Usage: npm start -- /m },
] as const;

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await makeTempDir()));
afterEach(() => cleanup());

/** Runs an entry point with a store and user-data folder that do not exist yet, so touching either shows. */
function run(entry: readonly string[], ...args: string[]) {
  const store = join(dir, 'store');
  const result = spawnSync(process.execPath, [...entry, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      FACTMARK_STORE: store,
      HOME: join(dir, 'home'),
      XDG_CONFIG_HOME: join(dir, 'home', '.config'),
      // Were a bad command line let through, `start` would build nothing and serve the built app.
      FACTMARK_START_BUILT: '1',
    },
  });
  return { code: result.status, out: result.stdout, err: result.stderr, storeMade: existsSync(store) };
}

describe.each(ENTRY_POINTS)('$name', ({ args: entry, usage }) => {
  it('answers --help with its usage and the options, and exits 0 without touching a store', () => {
    expect(existsSync(entry[0]), `${entry[0]} is built (npm test builds it first)`).toBe(true);
    const result = run(entry, '--help');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Usage:/);
    expect(result.out).toMatch(/--store/);
    expect(result.storeMade).toBe(false);
    expect(existsSync(join(dir, 'home'))).toBe(false);
  });

  it.each([['--bogus'], ['--store'], ['--prot', '4717']])(
    'refuses %s with a usage line, exit 2, and no store made',
    (...flags) => {
      const result = run(entry, ...(entry[0] === 'dist/cli.mjs' ? ['stats', ...flags] : flags));
      expect(result.code, result.out + result.err).toBe(2);
      expect(result.err).toMatch(usage);
      expect(result.err).toContain(flags[0] === '--store' ? '--store' : flags[0]);
      expect(result.out).toBe('');
      expect(result.storeMade).toBe(false);
    },
  );
});

it('the server and start refuse a stray argument (a forgotten --store before a folder)', () => {
  for (const { args: entry, usage } of ENTRY_POINTS.filter((e) => e.name !== 'cli')) {
    const result = run(entry, join(dir, 'elsewhere'));
    expect(result.code).toBe(2);
    expect(result.err).toMatch(usage);
    expect(result.storeMade).toBe(false);
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
  }
});
