import { parentPort } from 'node:worker_threads';
import { articleStats } from '../agreement/article-stats';
import type { AgreementArticle, AgreementConfig } from '../agreement/figure-types';

/** A batch to measure, and what comes back: the articles' statistics, or why they could not be measured. */
export type MeasureRequest = { id: number; config: AgreementConfig; articles: AgreementArticle[] };
export type MeasureReply = { id: number; stats: ReturnType<typeof articleStats>[] } | { id: number; error: string };

// The agreement worker: measures the articles it is sent, one batch at a time, off the thread that answers requests.
parentPort?.on('message', ({ id, config, articles }: MeasureRequest) => {
  let reply: MeasureReply;
  try {
    reply = { id, stats: articles.map((article) => articleStats(config, article)) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
