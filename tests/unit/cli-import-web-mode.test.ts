import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startWebServer } from '../../annotations/node/http-server';
import type { Workspace } from '../../annotations/node/workspace';
import { openWorkspace } from '../../annotations/node/workspace';
import { hashStore } from '../support/store-integrity';
import { makeTempDir } from '../support/temp-dir';

const CONLL = 'tests/fixtures/label-mapping/brat-conll';

let dir: string;
let cleanup: () => Promise<void>;
let workspace: Workspace;
beforeEach(async () => {
  ({ dir, cleanup } = await makeTempDir());
  workspace = await openWorkspace({ storeDir: join(dir, 'store'), annotator: 'alice' });
});
afterEach(async () => {
  await workspace.close();
  await cleanup();
});

/** The built CLI, run without blocking this process: the web mode it talks to runs here. */
function run(args: string[]) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
    const proc = spawn(process.execPath, ['dist/cli.mjs', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code, out, err }));
  });
}

it('an import sent through the web mode that has the store open takes --map, --extend-tagset and --dry-run along', async () => {
  expect(existsSync('dist/cli.mjs'), 'the CLI is built (npm test builds it first)').toBe(true);
  const { server, url } = await startWebServer({ handlers: workspace.handlers, staticDir: join(dir, 'none') });
  try {
    workspace.repo.announce({ kind: "Factmark's web mode", url });
    const store = join(dir, 'store');
    await writeFile(join(dir, 'map.json'), '{"PER": "person", "MISC": null}');
    const before = await hashStore(store);

    const dry = await run([
      'import',
      CONLL,
      '--store',
      store,
      '--map',
      join(dir, 'map.json'),
      '--extend-tagset',
      '--dry-run',
    ]);
    expect(dry.err).toContain(`The store is open in Factmark's web mode at ${url}: the import is sent there.`);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('  PER → person (mapped, 2 spans)');
    expect(dry.out).toContain('  MISC dropped (1 span)');
    expect(dry.out).toContain('  LOC → LOC (new, 3 spans)');
    expect(dry.out).toMatch(/esp-train-001\.ann: would import 1 article, 5 annotations \(LOC 3, person 2\)/);
    expect(await hashStore(store)).toEqual(before);

    const real = await run(['import', CONLL, '--store', store, '--map', join(dir, 'map.json'), '--extend-tagset']);
    expect(real.code).toBe(0);
    expect(real.out).toContain('  tagset additions: LOC');
    expect(workspace.repo.readProject().tagset.kinds.map((k) => k.kind)).toContain('LOC');
    expect(workspace.repo.listArticles()).toHaveLength(2);

    // Unknown labels through the web mode: refused, with the map to start from read from the web mode's tagset.
    const refused = await run(['import', 'tests/fixtures/label-mapping/brat-relations', '--store', store]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('  Located_in unknown (2 links)');
    expect(JSON.parse(refused.err.slice(refused.err.indexOf('{')))).toEqual({
      Organization: null,
      GPE: null,
      Located_in: null,
    });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
