import type { Worker } from 'node:worker_threads';
import { newWorker, workerEntry } from './worker-entry';
import type { ArticleStats } from '../agreement/article-stats';
import type { AgreementMeasurer } from '../service/agreement-measure';
import { inProcessMeasurer } from '../service/agreement-measure';
import type { MeasureReply, MeasureRequest } from './agreement-worker';

/** A worker left with nothing to do goes after this long, and its memory with it. */
const IDLE_MS = 1000;
/** Fewer articles than this are measured here when no worker is running. */
const FEW = 5;

export interface AgreementWorkerPool extends AgreementMeasurer {
  /** Stops the worker (it starts again on the next batch). */
  close(): Promise<void>;
}

/**
 * Measures agreement in a worker thread, so the thread that answers
 * requests only reads files meanwhile. The worker starts with the first
 * batch and stops when idle; where it cannot run (no built entry, a packaged
 * app that cannot start it) batches are measured on this thread instead.
 */
export function createAgreementWorkerPool(
  entry = workerEntry('agreement-worker'),
  /** Told what the worker does: started, measured a batch, failed (tests check that it runs). */
  onEvent?: (event: string) => void,
): AgreementWorkerPool {
  let worker: Worker | null = null;
  let broken = entry === null;
  let nextId = 0;
  let idle: ReturnType<typeof setTimeout> | null = null;
  const pending = new Map<number, { resolve: (stats: ArticleStats[]) => void; reject: (error: Error) => void }>();

  const stop = () => {
    const w = worker;
    worker = null;
    return w ? w.terminate().then(() => undefined) : Promise.resolve();
  };

  /** The worker died or would not start: what it had is measured here, and so is everything after. */
  const fail = (error: Error) => {
    broken = true;
    worker = null;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };

  function start(): Worker {
    const w = newWorker(entry!);
    w.unref();
    onEvent?.(`started ${entry!.file}`);
    w.on('message', (reply: MeasureReply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if ('error' in reply) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply.stats);
      onEvent?.('error' in reply ? `failed ${reply.error}` : `measured ${reply.stats.length}`);
      if (pending.size === 0) {
        idle = setTimeout(() => void stop(), IDLE_MS);
        idle.unref();
      }
    });
    w.on('error', (error) => worker === w && fail(new WorkerFailure(error.message)));
    w.on('exit', (code) => worker === w && fail(new WorkerFailure(`the agreement worker stopped (exit code ${code})`)));
    return w;
  }

  return {
    async measure(config, articles) {
      // A thread takes longer to start than a few articles to measure (one edited since the last report).
      if (broken || (!worker && articles.length < FEW)) return inProcessMeasurer.measure(config, articles);
      if (idle) clearTimeout(idle);
      idle = null;
      try {
        worker ??= start();
        const id = nextId++;
        const request: MeasureRequest = { id, config, articles };
        return await new Promise<ArticleStats[]>((resolve, reject) => {
          pending.set(id, { resolve, reject });
          worker!.postMessage(request);
        });
      } catch (error) {
        if (!(error instanceof WorkerFailure) && worker) throw error;
        broken = true;
        onEvent?.(`measuring on this thread: ${error instanceof Error ? error.message : String(error)}`);
        return inProcessMeasurer.measure(config, articles);
      }
    },
    close: async () => {
      if (idle) clearTimeout(idle);
      await stop();
    },
  };
}

class WorkerFailure extends Error {}
