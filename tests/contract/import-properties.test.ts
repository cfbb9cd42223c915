import type { Server } from 'node:http';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope, ImportReport } from '../../annotations/contract';
import { dispatch } from '../../annotations/dispatch';
import { noCounts } from '../../annotations/imports/import-report';
import { startWebServer } from '../../annotations/node/http-server';
import type { Workspace } from '../../annotations/node/workspace';
import { openWorkspace } from '../../annotations/node/workspace';
import { applyMutation, describeCase, mutationArb } from '../support/import-mutations';
import type { ImportFormat, Seed, SeedFile } from '../support/import-seeds';
import { buildSeeds } from '../support/import-seeds';
import { hashStore, storeProblems } from '../support/store-integrity';
import { makeTempDir } from '../support/temp-dir';
import { sampleDir } from './transports';

/**
 * Every import format, from valid files (the app's own exports and files
 * like other tools write) mutated at random: whatever comes in, the answer is
 * never a 5xx or an internal error, the store always reads back whole and
 * sound, and a refused file leaves every byte of the store as it was.
 */

/** Seeded, so a failure repeats; FACTMARK_FUZZ_SEED and FACTMARK_FUZZ_SCALE (a factor on the runs) hunt further. */
const SEED = Number(process.env.FACTMARK_FUZZ_SEED ?? 20261130);
const SCALE = Number(process.env.FACTMARK_FUZZ_SCALE ?? 1);
const RUNS: Record<ImportFormat, number> = {
  articles: 100,
  bundle: 100,
  brat: 120,
  'label-studio': 90,
  doccano: 90,
  w3c: 90,
};

let seeds: Seed[] = [];
beforeAll(async () => {
  seeds = await buildSeeds();
}, 30_000);

const payload = (format: ImportFormat, files: SeedFile[]) => ({
  format,
  annotator: 'bob',
  files: files.map((f) => ({ name: f.name, content: f.base64 ?? Buffer.from(f.bytes).toString('base64') })),
});

const templates = new Map<ImportFormat, string>();
let templateRoot: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  templateRoot = await makeTempDir();
});
afterAll(() => templateRoot.cleanup());

/**
 * The store a format's cases start from, made once: bundles go into an empty
 * store (whose tagset they then give); every other format into the sample
 * corpus with the annotated bundle imported, so the entities and events the
 * exports name exist.
 */
async function templateFor(format: ImportFormat): Promise<string> {
  const known = templates.get(format);
  if (known) return known;
  const dir = join(templateRoot.dir, format);
  const empty = format === 'bundle';
  const workspace = await openWorkspace({ storeDir: dir, annotator: 'carol', ...(empty ? {} : { sampleDir }) });
  if (!empty) {
    const bundle = seeds.find((s) => s.format === 'bundle')!;
    const envelope = await dispatch(workspace.handlers, 'import/files', payload('bundle', bundle.files));
    expect(envelope).toMatchObject({ ok: true, result: { files: [{ skipped: [] }] } });
  }
  await workspace.close();
  templates.set(format, dir);
  return dir;
}

/** A fresh copy of the format's template store, open; reopened (as a restarted app would) after each change. */
async function openTarget(format: ImportFormat) {
  const temp = await makeTempDir();
  const dir = join(temp.dir, 'store');
  await cp(await templateFor(format), dir, { recursive: true });
  const open = () => openWorkspace({ storeDir: dir, annotator: 'carol' });
  let workspace: Workspace = await open();
  return {
    dir,
    handlers: () => workspace.handlers,
    /** Closes the store, reads all of it from a fresh repository, and opens it again. */
    async reopen(): Promise<string[]> {
      await workspace.close();
      const problems = await storeProblems(dir);
      workspace = await open();
      return problems;
    },
    async dispose() {
      await workspace.close();
      await temp.cleanup();
    },
  };
}
type Target = Awaited<ReturnType<typeof openTarget>>;

/** Sends the import directly or over the HTTP server; the envelope, and the status the server answered. */
async function send(target: Target, args: unknown, overHttp: boolean): Promise<{ status: number; envelope: Envelope }> {
  if (!overHttp) return { status: 200, envelope: await dispatch(target.handlers(), 'import/files', args) };
  const { server, url } = await startWebServer({ handlers: target.handlers(), staticDir: join(target.dir, 'none') });
  try {
    const response = await fetch(`${url}/api/import/files`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    return { status: response.status, envelope: (await response.json()) as Envelope };
  } finally {
    await new Promise((resolve) => (server as Server).close(resolve));
  }
}

/** A file's report line says it was refused: reasons given, nothing imported. */
const refusedAll = (report: ImportReport) =>
  report.files.length > 0 && report.files.every((f) => f.skipped.length > 0 && f.imported.length === 0);

async function checkCase(target: Target, format: ImportFormat, files: SeedFile[], overHttp: boolean, what: string) {
  const before = await hashStore(target.dir);
  const { status, envelope } = await send(target, payload(format, files), overHttp);
  expect(status, what).toBeLessThan(500);
  if (!envelope.ok) {
    expect(envelope.error.code, `${what}: ${envelope.error.message}`).not.toBe('internal');
    expect(await hashStore(target.dir), what).toEqual(before);
    return;
  }
  const report = envelope.result as ImportReport;
  for (const f of report.files)
    for (const reason of f.skipped) expect(reason, `${what}: ${f.file}`).not.toMatch(/internal error|Unexpected error/);
  for (const f of report.files)
    if (f.skipped.length > 0 && f.imported.length === 0)
      expect(f.added, `${what}: refused, yet counted`).toEqual(noCounts());
  const after = await hashStore(target.dir);
  if (refusedAll(report)) expect(after, `${what}: refused, yet the store changed`).toEqual(before);
  if (JSON.stringify(after) !== JSON.stringify(before)) expect(await target.reopen(), what).toEqual([]);
}

describe('imports never write what cannot be read back, whatever the input', () => {
  it('every seed is a valid file of its format and imports without a problem', async () => {
    const targets = new Map<ImportFormat, Target>();
    try {
      for (const seed of seeds) {
        const target = targets.get(seed.format) ?? (await openTarget(seed.format));
        targets.set(seed.format, target);
        const { envelope } = await send(target, payload(seed.format, seed.files), false);
        expect(envelope.ok, seed.label).toBe(true);
        const report = (envelope as { result: ImportReport }).result;
        expect(
          report.files.flatMap((f) => f.skipped),
          seed.label,
        ).toEqual([]);
        expect(await target.reopen(), seed.label).toEqual([]);
      }
    } finally {
      for (const t of targets.values()) await t.dispose();
    }
  }, 30_000);

  const formats: ImportFormat[] = ['articles', 'bundle', 'brat', 'label-studio', 'doccano', 'w3c'];
  for (const format of formats) {
    it(`${format}: random mutations of valid files, one to three imports into a fresh store: no 5xx, the store reads back, a refused file changes nothing`, async () => {
      const mine = seeds.filter((s) => s.format === format);
      const step = fc.record({
        which: fc.nat({ max: mine.length - 1 }),
        mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
        overHttp: fc.nat({ max: 4 }).map((n) => n === 0),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 3 }), async (steps) => {
          const target = await openTarget(format);
          try {
            for (const { which, mutations, overHttp } of steps) {
              const seed = mine[which]!;
              const files = mutations.reduce<SeedFile[]>(applyMutation, seed.files);
              await checkCase(target, format, files, overHttp, describeCase(seed.label, mutations));
            }
          } finally {
            await target.dispose();
          }
        }),
        { seed: SEED, numRuns: Math.round(RUNS[format] * SCALE) },
      );
    }, 600_000);
  }
});
