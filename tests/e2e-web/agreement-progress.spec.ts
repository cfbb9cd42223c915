import { openLowdbRepository } from '../../annotations/node/lowdb-repository';
import type { Annotation } from '../../annotations/model';
import { syntheticAnnotations, syntheticArticle } from '../../scripts/bench-corpus';
import { expect, startWebApp, test } from './web-fixture';

const ARTICLES = 600;

/** alice's and bob's layers of one article: the same spans, bob moving every 4th. */
const twoLayers = (base: readonly Annotation[]): Annotation[] =>
  ['alice', 'bob'].flatMap((annotator) =>
    base.map((a, i) => ({
      ...a,
      id: `${annotator}-${i}`,
      annotator,
      ...(annotator === 'bob' && i % 4 === 0 ? { end: a.end - 2, quote: a.quote.slice(0, -2) } : {}),
    })),
  );

test('a long agreement report shows how far it has got, stops on Cancel, and measures again on request', async ({
  page,
  app,
}) => {
  test.setTimeout(180_000);
  await app.stop();
  // Enough articles annotated twice that measuring them takes a while.
  const repo = await openLowdbRepository(app.storeDir);
  const articles = await Promise.all(
    Array.from({ length: ARTICLES }, (_, k) => syntheticArticle(`long-${k}`, 300, k + 1)),
  );
  await repo.addArticles(articles);
  for (let k = 0; k < ARTICLES; k += 100) {
    await repo.transact(async (tx) => {
      for (const article of articles.slice(k, k + 100))
        await tx.putAnnotations(article.id, twoLayers(syntheticAnnotations(article, 30)));
    });
  }
  await repo.close();
  const again = await startWebApp(app.storeDir);
  try {
    await page.goto(again.url);
    await page.getByRole('button', { name: 'Agreement' }).click();
    const dashboard = page.getByRole('region', { name: 'Agreement dashboard' });
    // Not a blank page: a bar with the counts, and a way out.
    const bar = dashboard.getByRole('progressbar', { name: 'Measuring agreement' });
    await expect(bar).toContainText(/Measuring agreement: [1-9][\d,]* \/ [\d,]+/);
    await expect(dashboard).toHaveAttribute('aria-busy', 'true');
    await page.screenshot({ path: 'test-results/agreement-measuring.png' });
    await dashboard.getByRole('button', { name: 'Cancel' }).click();
    await expect(bar).toHaveCount(0);
    await expect(dashboard).toContainText('Measuring stopped.');

    // Measured again, the figures come (what was measured before the stop is not measured twice).
    await dashboard.getByRole('button', { name: 'Measure again' }).click();
    await expect(dashboard.getByRole('heading', { level: 1 })).toHaveText(`${ARTICLES + 5} articles · 2 layers`, {
      timeout: 120_000,
    });
    const spans = dashboard.getByRole('table', { name: 'Span agreement per pair' });
    // Every span of alice's is bob's, 8 of the 30 in each article two characters shorter: strict F1 22/30, lenient 1.
    await expect(spans.getByRole('row', { name: /alice – bob/ })).toHaveText(
      /alice – bob\s*600\s*0\.733\s*0\.733\s*0\.733\s*1\.000\s*1\.000\s*1\.000/,
    );
    await expect(dashboard).toHaveAttribute('aria-busy', 'false');
  } finally {
    await again.stop();
  }
});
