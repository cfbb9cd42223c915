import { existsSync } from 'node:fs';
import { cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLowdbRepository } from '../../annotations/node/lowdb-repository';
import { readV1Store } from '../../annotations/node/store-files-v1';
import type { V1Store } from '../../annotations/node/store-files-v1';
import { storeLayoutVersion } from '../../annotations/node/store-migration';
import { answersOf, STORE_V1, v1Answers } from '../crash/store-v1-answers';
import { bundleEntry } from '../support/bundle-entry';
import { runKillableChild } from '../support/killable-child';
import { makeTempDir } from '../support/temp-dir';

/**
 * Kills a process (SIGKILL, as kill -9 or a power cut would) at points of
 * the migration of a version 1 store, and checks after each kill that the
 * store is either the version 1 store as it was (the next start migrates it
 * again) or a migration whose journal is whole (the next start finishes it);
 * and that, opened, it answers every read as the previous Factmark did.
 */
const KILLS = Number(process.env.FACTMARK_MIGRATION_KILLS ?? 40);

let root: string;
let cleanup: () => Promise<void>;
let child: string;
let totalSteps: number;
let original: V1Store;

const runChild = (args: string[]) => runKillableChild(child, args);

async function temporaryFiles(dir: string): Promise<string[]> {
  const all = await readdir(dir, { recursive: true });
  return all.filter((p) => /(^|\/)\..+\.tmp$/.test(p) || p === 'journal.json');
}

beforeAll(async () => {
  ({ dir: root, cleanup } = await makeTempDir('factmark-migration-crash-'));
  original = await readV1Store(STORE_V1);
  const dir = join(root, 'count');
  await cp(STORE_V1, dir, { recursive: true });
  let steps = 0;
  const repo = await openLowdbRepository(dir, { onWriteStep: () => void steps++, onNotice: () => {} });
  await repo.close();
  totalSteps = steps;
  child = await bundleEntry(join(__dirname, '../crash/crash-child.ts'), root, 'crash-child');
}, 120_000);
afterAll(() => cleanup());

describe('a process killed while it migrates a version 1 store', () => {
  it('migrates in enough steps to be worth killing', () => {
    expect(totalSteps).toBeGreaterThan(50);
  });

  it(`leaves, after each of ${KILLS} kills, the version 1 store or the whole migration`, async () => {
    const expected = await v1Answers();
    const stride = Math.max(1, Math.floor(totalSteps / KILLS));
    const seen = { v1: 0, v2: 0 };
    for (let crashAt = 1, round = 0; crashAt <= totalSteps; crashAt += stride, round++) {
      const dir = join(root, `round-${round}`);
      await cp(STORE_V1, dir, { recursive: true });
      const label = `killed at step ${crashAt} of ${totalSteps}`;
      expect((await runChild(['open', dir, '', '', String(crashAt)])).killed, label).toBe(true);
      // Every other round, a second kill lands while the next start finishes or redoes the migration.
      if (round % 2 === 1) await runChild(['open', dir, '', '', String(1 + (round % 7))]);
      const journal = existsSync(join(dir, 'journal.json'));
      const layout = await storeLayoutVersion(dir);
      if (!journal && layout === 1) {
        seen.v1++;
        expect(await readV1Store(dir), label).toEqual(original);
      } else {
        seen.v2++;
        expect(journal || layout === 2, label).toBe(true);
      }
      const repo = await openLowdbRepository(dir, { onNotice: () => {} });
      try {
        expect(repo.status().problems, label).toEqual([]);
        expect(await answersOf(repo, expected), label).toEqual(expected);
        // Those of an article's layers go when it is first read (as every read above did).
        expect(await temporaryFiles(dir), label).toEqual([]);
        expect(existsSync(join(dir, 'project.json')) || existsSync(join(dir, 'annotations')), label).toBe(false);
      } finally {
        await repo.close();
      }
    }
    expect(seen.v1).toBeGreaterThan(0);
    expect(seen.v2).toBeGreaterThan(0);
  }, 600_000);
});
