import type { Locator, Page } from '@playwright/test';
import { colleagueBundle } from '../support/review-layers';
import { importColleagues } from './colleague-layers';
import { expect, test } from './web-fixture';

const TITLE = 'Iran calls for collective efforts to fight ISIL in region';

/** Becomes "lead" and imports alice's, bob's and carol's layers on the review article, then opens it. */
async function leadWithColleagues(page: Page, url: string): Promise<void> {
  const { report, closeAndOpen } = await importColleagues(page, url, 'lead', colleagueBundle);
  await expect(report).toContainText('layer of carol: 4 added');
  await closeAndOpen(TITLE);
}

/** The list's rows now drawn: each row's box, and the lowest point its content (chip, quote, badge, summary) reaches. */
async function rowBoxes(list: Locator) {
  const rows = list.locator('.scroller li');
  await expect(rows.first()).toBeVisible();
  return rows.evaluateAll((items) =>
    items.map((li) => {
      const box = li.getBoundingClientRect();
      const parts = Array.from(li.querySelectorAll('*'));
      return {
        text: li.textContent ?? '',
        top: box.top,
        bottom: box.bottom,
        contentBottom: Math.max(...parts.map((part) => part.getBoundingClientRect().bottom)),
        // Text cut off at the bottom of its own box (a box too short for its font).
        cut: parts.some((part) => part.clientHeight > 0 && part.scrollHeight > part.clientHeight + 1),
      };
    }),
  );
}

/** Fails naming the two rows if any two rows (their content included) overlap on the page. */
async function expectNoOverlap(list: Locator, why: string): Promise<void> {
  const boxes = (await rowBoxes(list)).sort((a, b) => a.top - b.top);
  for (let i = 1; i < boxes.length; i++) {
    const above = boxes[i - 1]!;
    const below = boxes[i]!;
    expect(above.contentBottom, `${why}: row “${above.text.slice(0, 40)}” spills out`).toBeLessThanOrEqual(
      above.bottom + 0.5,
    );
    expect(above.cut, `${why}: row “${above.text.slice(0, 40)}” has its text cut`).toBe(false);
    expect(
      above.bottom,
      `${why}: row “${above.text.slice(0, 40)}” reaches over row “${below.text.slice(0, 40)}”`,
    ).toBeLessThanOrEqual(below.top + 0.5);
  }
}

/** Every list row drawn: after a scroll down the list, the rows drawn there too. */
async function expectNoOverlapAnywhere(list: Locator, why: string): Promise<void> {
  const scroller = list.locator('.scroller');
  await scroller.evaluate((el) => (el.scrollTop = 0));
  await expectNoOverlap(list, why);
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expectNoOverlap(list, `${why}, scrolled to the end`);
}

test('annotation list rows never overlap after adjudicating, with long quotes, in narrow windows and large fonts', async ({
  page,
  app,
}) => {
  await page.setViewportSize({ width: 1400, height: 900 });
  await leadWithColleagues(page, app.url);
  const list = page.getByRole('region', { name: 'Annotations' });
  await expectNoOverlapAnywhere(list, 'before the review');

  await page.getByRole('button', { name: 'Review' }).first().click();
  const review = page.getByRole('region', { name: 'Review' });
  const progress = review.getByTestId('review-progress');
  await expect(progress).toHaveText('0 of 4 differences decided');
  const cards = review.getByRole('list', { name: 'Differences' }).locator(':scope > li');
  for (const decided of [1, 2, 3, 4]) {
    await cards
      .nth(decided - 1)
      .getByRole('button', { name: /^Accept / })
      .first()
      .click();
    await expect(progress).toHaveText(`${decided} of 4 differences decided`);
  }
  await review.getByRole('button', { name: 'Show the text' }).click();
  await expect(list.locator('.layer-name.gold').first()).toBeVisible();
  // The long claim (two hundred characters) is in the list, in several layers.
  await expect(list.getByRole('button').filter({ hasText: 'The ISIL is a threat' }).first()).toBeAttached();
  await expectNoOverlapAnywhere(list, 'after adjudicating');

  // A small laptop, then 1400×900 at 200 % zoom (the details panel opens over the text).
  await page.setViewportSize({ width: 1024, height: 700 });
  await expectNoOverlapAnywhere(list, 'at 1024×700');
  await page.setViewportSize({ width: 700, height: 450 });
  await page.reload();
  await expect(page.locator('.cm-content')).toContainText('General Dehqan');
  const detailsToggle = page.getByRole('button', { name: 'Details panel' });
  // Never opened by hand: closed in a narrow window, opened over the text.
  await expect(detailsToggle).toHaveAttribute('aria-expanded', 'false');
  await detailsToggle.click();
  await expect(list).toBeVisible();
  await expectNoOverlapAnywhere(list, 'at 700×450');
  await page.screenshot({ path: 'test-results/annotation-list-700.png' });

  // The browser's font size set to "very large" (24 px): rows grow with their text instead of running into each other.
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.addStyleTag({ content: 'html { font-size: 24px; }' });
  await expectNoOverlapAnywhere(list, 'with a 24 px font');
  await list.screenshot({ path: 'test-results/annotation-list-large-font.png' });
});
