import { describe, expect, it } from 'vitest';
import { articleStats } from '../../annotations/agreement/article-stats';
import type { AgreementConfig } from '../../annotations/agreement/figure-types';
import { createAgreementWorkerPool } from '../../annotations/node/agreement-worker-pool';

const config: AgreementConfig = {
  annotators: ['ann', 'bob'],
  labels: ['claim'],
  attributes: [{ label: 'claim', name: 'verdict' }],
};
const claim = (start: number, end: number, verdict: string) => ({
  label: 'claim',
  start,
  end,
  attributes: { verdict },
});
const two = [
  {
    id: 'a1',
    text: 'Prices rose sharply in May.',
    layers: { ann: { spans: [claim(0, 11, 'true')] }, bob: { spans: [claim(0, 18, 'true')] } },
  },
  { id: 'a2', text: 'It rained.', layers: { ann: { spans: [claim(0, 10, 'false')] }, bob: null } },
];

// More than a few: fewer are measured on the calling thread, as starting a thread would take longer.
const articles = [0, 1, 2].flatMap((k) => two.map((a) => ({ ...a, id: `${a.id}-${k}` })));

describe('the agreement worker', () => {
  it('measures a batch in a worker thread to the same statistics as this thread', async () => {
    const events: string[] = [];
    const pool = createAgreementWorkerPool(undefined, (event) => events.push(event));
    try {
      expect(await pool.measure(config, articles)).toEqual(articles.map((a) => articleStats(config, a)));
      expect(events).toEqual([expect.stringMatching(/^started .*agreement-worker\.ts$/), 'measured 6']);
    } finally {
      await pool.close();
    }
  });

  it('measures on this thread where no worker can start', async () => {
    const events: string[] = [];
    const pool = createAgreementWorkerPool({ file: '/nonexistent/agreement-worker.mjs', source: false }, (event) =>
      events.push(event),
    );
    try {
      expect(await pool.measure(config, articles)).toEqual(articles.map((a) => articleStats(config, a)));
      expect(events).toEqual([expect.stringMatching(/^started/), expect.stringMatching(/^measuring on this thread/)]);
    } finally {
      await pool.close();
    }
  });
});
