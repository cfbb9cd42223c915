import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportFile } from '../../annotations/contract';
import { appPaths, findAppRoot } from '../../annotations/node/app-paths';
import { openLowdbRepository } from '../../annotations/node/lowdb-repository';
import { addSampleCorpus } from '../../annotations/node/sample-corpus';
import { layerProblems } from '../../annotations/layer-checks';
import type { AnnotationRepository } from '../../annotations/repository';
import { createHandlers } from '../../annotations/service/index';
import type { ScenarioBase } from '../crash/crash-scenario';
import { scenarioHandlers, scenarioSteps, setUpBase } from '../crash/crash-scenario';
import { bundleEntry } from '../support/bundle-entry';
import { runKillableChild } from '../support/killable-child';
import { makeTempDir } from '../support/temp-dir';

/**
 * Kills a process at seeded random points of multi-file changes (merge,
 * split, their undo and redo, tagset migrations, adjudication, a bundle
 * import, an import of many articles) and checks, after each kill, that the
 * store opens with every file readable, no reference dangling, every
 * acknowledged change present and no change half-applied: it equals the
 * store after exactly the acknowledged steps, or after one more (the step
 * under way when the process died).
 *
 * The kill points are stratified: the write steps (487 of them) are cut into
 * as many equal stretches as there are kills, and each kill lands at a random
 * step of its own stretch. Every stretch of five or six steps is struck, each
 * at a different step, where purely random points leave stretches out by
 * chance and strike some steps twice.
 *
 * FACTMARK_CRASH_SEED and FACTMARK_CRASH_KILLS change the seed and count.
 */
const SEED = Number(process.env.FACTMARK_CRASH_SEED ?? 20261130);
const KILLS = Number(process.env.FACTMARK_CRASH_KILLS ?? 90);
/** Kills that land while an earlier kill's change is being finished on open. */
const SECOND_KILLS = 12;
const { sampleDir } = appPaths(findAppRoot(__dirname));

/** A small seeded generator (mulberry32): the same seed gives the same kill points. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** JSON with every object's keys sorted: records read back through their schema come in the schema's key order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

/** Everything a user could see of the store, records in stored order. */
async function dump(repo: AnnotationRepository): Promise<string> {
  const articles = repo.listArticles();
  const layers: Record<string, unknown> = {};
  for (const a of articles) {
    await repo.getArticle(a.id);
    layers[a.id] = await repo.readLayer(a.id);
  }
  return canonical({ articles, project: repo.readProject(), layers });
}

/** Every layer checked against its text, the tagset and the registry; event participants against the registry. */
async function danglingReferences(repo: AnnotationRepository): Promise<string[]> {
  const { tagset, entities, events } = repo.readProject();
  const problems: string[] = [];
  for (const a of repo.listArticles())
    problems.push(...layerProblems(await repo.getArticle(a.id), await repo.readLayer(a.id), tagset, entities, events));
  for (const e of events)
    for (const p of e.participants)
      if (!entities.some((x) => x.id === p)) problems.push(`event ${e.id}: no participant entity ${p}`);
  return problems;
}

async function leftovers(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const sub of ['', 'articles', 'annotations', 'backup', 'backup/annotations']) {
    for (const name of await readdir(join(dir, sub)).catch(() => [] as string[]))
      if (name.endsWith('.tmp') || name === 'journal.json') found.push(join(sub, name));
  }
  return found;
}

interface ChildResult {
  killed: boolean;
  acks: number;
  steps: number | null;
}

async function runChild(child: string, args: string[]): Promise<ChildResult> {
  const { killed, out } = await runKillableChild(child, args);
  const acks = [...out.matchAll(/^ack (\d+)$/gm)].length;
  const steps = /^steps (\d+)$/m.exec(out);
  return { killed, acks, steps: steps ? Number(steps[1]) : null };
}

let root: string;
let cleanup: () => Promise<void>;
let child: string;
let states: string[];
let totalSteps: number;

/** A store with the sample corpus and the scenario's starting annotations, and a bundle of another store to import. */
async function prepare(): Promise<void> {
  const base = join(root, 'base');
  const repo = await openLowdbRepository(base);
  await addSampleCorpus(repo, sampleDir, new Date(Date.UTC(2026, 0, 1)));
  const scenarioBase: ScenarioBase = await setUpBase(repo);
  await repo.close();
  await writeFile(join(root, 'base.json'), JSON.stringify(scenarioBase));

  const other = await openLowdbRepository(join(root, 'other'));
  const carol = createHandlers(other, { annotator: 'carol', annotatorGiven: true });
  const text = 'A new report\n\nOfficials in Baghdad and Tehran met on Sunday.';
  await carol['import/files']({
    format: 'articles',
    files: [{ name: 'report.txt', content: Buffer.from(text).toString('base64') }],
  });
  const articleId = other.listArticles()[0]!.id;
  await carol['entities/create']({ name: 'Baghdad officials', type: 'group' });
  await carol['annotations/create']({ articleId, kind: 'place', start: 27, end: 34, quote: 'Baghdad' });
  const exported: ExportFile = await carol['export/file']({ format: 'bundle' });
  await other.close();
  await writeFile(join(root, 'bundle.b64'), Buffer.from(exported.content, 'utf8').toString('base64'));
}

/** The store after each prefix of the scenario, and the count of file-changing steps of the whole of it. */
async function expectedStates(): Promise<void> {
  const dir = join(root, 'expected');
  await cp(join(root, 'base'), dir, { recursive: true });
  let steps = 0;
  const repo = await openLowdbRepository(dir, { onWriteStep: () => void steps++ });
  const base = JSON.parse(await readFile(join(root, 'base.json'), 'utf8')) as ScenarioBase;
  const bundle = await readFile(join(root, 'bundle.b64'), 'utf8');
  states = [await dump(repo)];
  for (const step of scenarioSteps(scenarioHandlers(repo, 'run'), base, bundle)) {
    await step.run();
    states.push(await dump(repo));
    // A step that changed nothing (an import refused, say) would prove nothing about a kill during it.
    expect(states.at(-1), `step "${step.name}" changes the store`).not.toEqual(states.at(-2));
  }
  await repo.close();
  totalSteps = steps;
}

beforeAll(async () => {
  ({ dir: root, cleanup } = await makeTempDir('factmark-crash-'));
  await prepare();
  await expectedStates();
  child = await bundleEntry(join(__dirname, '../crash/crash-child.ts'), root, 'crash-child');
}, 120_000);
afterAll(() => cleanup());

/** Opens the store as the next start would, and checks it. Returns the state it holds. */
async function checkStore(dir: string, acks: number, label: string): Promise<number> {
  const repo = await openLowdbRepository(dir);
  try {
    expect(await leftovers(dir), label).toEqual([]);
    expect(repo.status().problems, label).toEqual([]);
    expect(await danglingReferences(repo), label).toEqual([]);
    const now = await dump(repo);
    const at = [acks, acks + 1].find((k) => states[k] === now);
    expect(at, `${label}: the store is neither after ${acks} acknowledged steps nor after ${acks + 1}`).toBeDefined();
    return at!;
  } finally {
    await repo.close();
  }
}

describe('a process killed in the middle of changes', () => {
  it('the scenario changes the store at every step', () => {
    for (let k = 1; k < states.length; k++) expect(states[k], `step ${k}`).not.toBe(states[k - 1]);
    expect(totalSteps).toBeGreaterThan(50);
  });

  it(`leaves, after each of ${KILLS} kills at seeded random points, the whole change or none of it`, async () => {
    const next = random(SEED);
    const landed = new Map<number, number>();
    const struck = new Set<number>();
    let finished = 0;
    for (let round = 0; round < KILLS; round++) {
      // Round r's stretch is the steps from floor(r·T/K) + 1 to floor((r+1)·T/K): never empty while T ≥ K.
      const from = Math.floor((round * totalSteps) / KILLS);
      const to = Math.floor(((round + 1) * totalSteps) / KILLS);
      const crashAt = from + 1 + Math.floor(next() * Math.max(1, to - from));
      struck.add(crashAt);
      const dir = join(root, `round-${round}`);
      await cp(join(root, 'base'), dir, { recursive: true });
      const result = await runChild(child, [
        'run',
        dir,
        join(root, 'base.json'),
        join(root, 'bundle.b64'),
        String(crashAt),
      ]);
      const label = `seed ${SEED}, round ${round}, killed before write step ${crashAt} of ${totalSteps}`;
      expect(result.killed, label).toBe(true);
      const at = await checkStore(dir, result.acks, label);
      landed.set(at, (landed.get(at) ?? 0) + 1);
      if (at > result.acks) finished++;
    }
    // The kills landed all along the scenario, and some inside a change that was then finished on open.
    expect(struck.size, `${KILLS} kills over ${totalSteps} steps`).toBe(Math.min(KILLS, totalSteps));
    expect(landed.size).toBeGreaterThan(states.length / 2);
    expect(finished).toBeGreaterThan(0);
  }, 600_000);

  it(`finishes an interrupted change even when killed again while finishing it (${SECOND_KILLS} times)`, async () => {
    const next = random(SEED + 1);
    let journals = 0;
    for (let round = 0; round < SECOND_KILLS * 20 && journals < SECOND_KILLS; round++) {
      const crashAt = 1 + Math.floor(next() * totalSteps);
      const dir = join(root, `again-${round}`);
      await cp(join(root, 'base'), dir, { recursive: true });
      const first = await runChild(child, [
        'run',
        dir,
        join(root, 'base.json'),
        join(root, 'bundle.b64'),
        String(crashAt),
      ]);
      if (!(await readdir(dir)).includes('journal.json')) continue;
      journals++;
      // How many file-changing steps finishing it takes, then a kill at one of them.
      const probe = join(root, `probe-${round}`);
      await cp(dir, probe, { recursive: true });
      const { steps } = await runChild(child, ['open', probe, '', '', '0']);
      const label = `seed ${SEED + 1}, round ${round}: killed again at finishing step`;
      const second = await runChild(child, ['open', dir, '', '', String(1 + Math.floor(next() * steps!))]);
      expect(second.killed, label).toBe(true);
      // A journal on disk means the change was made: only the state after it will do.
      const at = await checkStore(dir, first.acks, label);
      expect(at, label).toBe(first.acks + 1);
    }
    expect(journals).toBe(SECOND_KILLS);
  }, 600_000);
});
