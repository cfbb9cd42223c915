// Review progress (the rows of the review list, the dashboard, the export
// dialog, and each annotator's done marks in a team project) over a corpus of
// 10,000 articles, 1,000 of them annotated by two people, through the service
// as the app runs it (createHandlers over the lowdb store): the first call of
// a session (target < 5 s), again with nothing changed (< 300 ms), and after
// one layer was edited (< 300 ms), which is what every done mark costs.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dispatch } from '../annotations/dispatch';
import type { ReviewProgressRow } from '../annotations/contract';
import { openLowdbRepository } from '../annotations/node/lowdb-repository';
import { createHandlers } from '../annotations/service';
import { buildStore } from './bench-agreement';
import type { BenchRow } from './bench-table';
import { msRow } from './bench-table';

const SECTION = 'Review progress, 10,000 articles';

/**
 * `store`: a store buildStore (bench-agreement.ts) built before, reused as
 * it is; absent, one is built in a temporary folder and removed afterwards.
 */
export async function benchReview(store?: string): Promise<BenchRow[]> {
  const reuse = store !== undefined && existsSync(join(store, 'index.json'));
  const dir = store ?? (await mkdtemp(join(tmpdir(), 'factmark-bench-review-')));
  try {
    if (!reuse) {
      const t = performance.now();
      await buildStore(dir);
      console.log(`review: store of 10,000 articles, 1,000 with two layers, built in ${seconds(t)} s`);
    }
    const repo = await openLowdbRepository(dir, { indexInBackground: false });
    try {
      const handlers = createHandlers(repo, { annotator: 'lena', annotatorGiven: true });
      const progress = async (args: object = {}) => {
        const t = performance.now();
        const envelope = await dispatch(handlers, 'review/progress', args);
        if (!envelope.ok) throw new Error(`review/progress: ${envelope.error.message}`);
        return { ms: performance.now() - t, rows: envelope.result as ReviewProgressRow[] };
      };

      const cpu = process.cpuUsage();
      const cold = await progress();
      const used = process.cpuUsage(cpu);
      const differing = cold.rows.filter((r) => r.differences > 0).length;
      const same = await progress();

      // bob marks an article done: its layer file is written again.
      const bob = createHandlers(repo, { annotator: 'bob', annotatorGiven: true });
      const marked = await dispatch(bob, 'documentLabels/set', { articleId: 'a500', done: true });
      if (!marked.ok) throw new Error(marked.error.message);
      const edited = await progress();
      if (!edited.rows.find((r) => r.articleId === 'a500')?.done.includes('bob'))
        throw new Error('review/progress missed the edit');
      // Other layers compared (the export dialog's choice): every annotated article is compared again.
      const other = await progress({ annotators: ['bob', 'alice'] });

      console.log(
        `review: cold ${cold.ms.toFixed(0)} ms (CPU ${((used.user + used.system) / 1000).toFixed(0)} ms; ${cold.rows.length} rows, ` +
          `${differing} with differences), unchanged ${same.ms.toFixed(1)} ms, after one layer edited ${edited.ms.toFixed(1)} ms, ` +
          `other layers compared ${other.ms.toFixed(0)} ms`,
      );
      return [
        msRow(SECTION, 'first call of a session', cold.ms, 5000),
        msRow(SECTION, 'again, nothing changed', same.ms, 300),
        msRow(SECTION, 'after one layer edited (a done mark)', edited.ms, 300),
      ];
    } finally {
      await repo.close();
    }
  } finally {
    if (!reuse && store === undefined) await rm(dir, { recursive: true, force: true });
  }
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
