import type { Locator, Page } from '@playwright/test';
import type { Article } from '../../annotations/model';
import type { Bundle } from '../../annotations/formats/native-bundle-format';
import { REVIEW_ANNOTATORS, REVIEW_ARTICLE } from '../support/review-layers';
import { openArticle } from './page-helpers';
import { expect } from './web-fixture';

/** The review article as the web mode serves it (its text is what colleagues' bundles point into). */
export async function fetchReviewArticle(url: string): Promise<Article> {
  const response = await fetch(`${url}/api/articles/get`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ articleId: REVIEW_ARTICLE }),
  });
  return ((await response.json()) as { result: Article }).result;
}

/**
 * Takes the annotator name `me` in the settings, imports alice's, bob's and
 * carol's bundles (made by `bundleOf` over the review article) through the
 * Import dialog, and returns the dialog's report (still open: check it, then
 * `closeAndOpen`).
 */
export async function importColleagues(
  page: Page,
  url: string,
  me: string,
  bundleOf: (name: (typeof REVIEW_ANNOTATORS)[number], article: Article) => Bundle,
): Promise<{ report: Locator; article: Article; closeAndOpen: (title: string) => Promise<void> }> {
  await page.goto(url);
  await page.getByRole('button', { name: 'alice…' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Your annotator name').fill(me);
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('button', { name: `${me}…` })).toBeVisible();
  const article = await fetchReviewArticle(url);
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await dialog.getByLabel('Files to import').setInputFiles(
    REVIEW_ANNOTATORS.map((name) => ({
      name: `${name}-bundle.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bundleOf(name, article))),
    })),
  );
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const report = dialog.getByRole('list', { name: 'Import report' });
  return {
    report,
    article,
    closeAndOpen: async (title) => {
      await dialog.getByRole('button', { name: 'Close' }).click();
      await openArticle(page, title);
    },
  };
}

/** Opens the Review page from the Layers panel: its region, and its difference cards in order. */
export async function compareLayers(page: Page): Promise<{ review: Locator; differences: Locator }> {
  await page.getByRole('region', { name: 'Layers' }).getByRole('button', { name: 'Compare layers…' }).click();
  const review = page.getByRole('region', { name: 'Review' });
  return { review, differences: review.getByRole('list', { name: 'Differences' }).locator(':scope > li') };
}
