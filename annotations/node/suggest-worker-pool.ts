import type { Worker } from 'node:worker_threads';
import { newWorker, workerEntry } from './worker-entry';
import type { Suggestion } from '../suggest/recommender';
import { createLearnedState, withinBudget } from '../service/suggest-learned';
import type { SuggestBatch, SuggestRunner } from '../service/suggest-runner';
import { inThreadRunner } from '../service/suggest-runner';
import type { SuggestWorkerReply, SuggestWorkerRequest } from './suggest-worker';
import { HELD_EXAMPLES } from './suggest-worker';

/**
 * A worker left with nothing to do goes after this long, and its memory
 * with it. Longer than the agreement worker's: starting again loads the
 * language model's lexicon (seconds) and rebuilds the learned index.
 */
const IDLE_MS = 60_000;

export interface SuggestWorkerPool extends SuggestRunner {
  /** Stops the worker (it starts again on the next batch). */
  close(): Promise<void>;
}

type Waiting = { batch: SuggestBatch; resolve: (results: Suggestion[][]) => void; reject: (error: Error) => void };

/**
 * Runs the recommenders in a worker thread, so the thread that answers
 * requests only reads the store meanwhile. The worker starts with the first
 * batch and stops when idle; where it cannot run (no built entry, a worker
 * that will not start) batches run on this thread instead. Replies are
 * matched to batches by number, so two lists asked at once each get their
 * own article's suggestions.
 */
export function createSuggestWorkerPool(
  entry = workerEntry('suggest-worker'),
  /** Told what the worker does: started, ran a batch, failed, ran here instead (tests check that it runs). */
  onEvent?: (event: string) => void,
): SuggestWorkerPool {
  let worker: Worker | null = null;
  let broken = entry === null;
  let nextId = 0;
  let idle: ReturnType<typeof setTimeout> | null = null;
  /** The example lists' keys the worker holds, in the order it lets them go (it is sent batches in this order). */
  let held: string[] = [];
  const pending = new Map<number, Waiting>();
  // What runs here when no worker can: its own index, as the worker keeps one.
  const here = inThreadRunner(createLearnedState());

  const stop = () => {
    const w = worker;
    worker = null;
    return w ? w.terminate().then(() => undefined) : Promise.resolve();
  };

  /** The worker died or would not start: what it had runs here, and so does everything after. */
  const fail = (error: Error) => {
    broken = true;
    worker = null;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };

  function send(w: Worker, id: number, batch: SuggestBatch, withExamples: boolean): void {
    const has = held.includes(batch.key);
    held = [...held.filter((k) => k !== batch.key), batch.key].slice(-HELD_EXAMPLES);
    // The index reads the examples within its budget only: the worker is sent no more than that.
    const examples = withExamples || !has ? withinBudget(batch.examples) : null;
    const request: SuggestWorkerRequest = { id, key: batch.key, examples, requests: batch.requests };
    w.postMessage(request);
  }

  function begin(): Worker {
    const w = newWorker(entry!);
    w.unref();
    held = [];
    onEvent?.(`started ${entry!.file}`);
    w.on('message', (reply: SuggestWorkerReply) => {
      const waiting = pending.get(reply.id);
      if (!waiting) return;
      if ('missing' in reply) {
        onEvent?.('examples sent again');
        return send(w, reply.id, waiting.batch, true);
      }
      pending.delete(reply.id);
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.results);
      onEvent?.('error' in reply ? `failed ${reply.error}` : `suggested for ${reply.results.length}`);
      if (pending.size === 0) {
        idle = setTimeout(() => void stop(), IDLE_MS);
        idle.unref();
      }
    });
    w.on('error', (error) => worker === w && fail(new WorkerFailure(error.message)));
    w.on(
      'exit',
      (code) => worker === w && fail(new WorkerFailure(`the suggestions worker stopped (exit code ${code})`)),
    );
    return w;
  }

  return {
    async run(batch) {
      if (!broken) {
        if (idle) clearTimeout(idle);
        idle = null;
        try {
          const w = (worker ??= begin());
          const id = nextId++;
          return await new Promise<Suggestion[][]>((resolve, reject) => {
            pending.set(id, { batch, resolve, reject });
            send(w, id, batch, false);
          });
        } catch (error) {
          // A worker that would not start or died: this batch and the next run here. Any other error is the answer.
          if (error instanceof Stopped || (!(error instanceof WorkerFailure) && worker)) throw error;
          broken = true;
          onEvent?.(`suggesting on this thread: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      onEvent?.(`suggested on this thread for ${batch.requests.length}`);
      return here.run(batch);
    },
    close: async () => {
      if (idle) clearTimeout(idle);
      idle = null;
      // Lists still asked of the stopped worker are answered with an error rather than never.
      for (const { reject } of pending.values()) reject(new Stopped('Suggestions stopped: the store was closed'));
      pending.clear();
      await stop();
    },
  };
}

class WorkerFailure extends Error {}
class Stopped extends Error {}
