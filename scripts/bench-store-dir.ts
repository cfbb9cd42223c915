import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeBenchStore } from './bench-store-corpus';

/** A benchmark store of many articles, and how to let it go. */
export interface BenchStoreDir {
  dir: string;
  /** Removes a store written in a temporary folder; one in FACTMARK_BENCH_STORE_DIR stays. */
  release(): Promise<void>;
}

/**
 * A store of `count` articles for the sections that measure a large store:
 * in FACTMARK_BENCH_STORE_DIR when it is set (written there once, then
 * reused), else written now in a temporary folder. Written once per run and
 * handed to each section, it spares a run writing the same store twice.
 */
export async function openBenchStore(count: number, log: (line: string) => void): Promise<BenchStoreDir> {
  const kept = process.env.FACTMARK_BENCH_STORE_DIR;
  const dir = kept ?? (await mkdtemp(join(tmpdir(), 'factmark-bench-store-')));
  const release = async () => {
    if (!kept) await rm(dir, { recursive: true, force: true });
  };
  try {
    if (!existsSync(join(dir, 'index.json'))) {
      log(`Writing a store of ${count.toLocaleString('en')} articles in ${dir}`);
      const t0 = performance.now();
      await writeBenchStore(dir, count, { log });
      log(`  written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  } catch (error) {
    await release();
    throw error;
  }
  return { dir, release };
}

/** `measure` on the store in `given`, or, none given, on one of its own for this section, released after. */
export async function withBenchStore<T>(
  given: string | undefined,
  count: number,
  log: (line: string) => void,
  measure: (dir: string) => Promise<T>,
): Promise<T> {
  if (given) return measure(given);
  const store = await openBenchStore(count, log);
  try {
    return await measure(store.dir);
  } finally {
    await store.release();
  }
}
