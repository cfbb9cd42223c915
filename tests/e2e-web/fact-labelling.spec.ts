import type { Page } from '@playwright/test';
import { expect, test } from './web-fixture';
import { annotationItems, details, openArticle, saved, spanOf, tag } from './page-helpers';
import { pointAt } from './text-geometry';

const A000 = 'ISIS pursuing US and Israel interests';
const A003 = 'Iran, Iraq Defense Cooperation Inevitable';
const A002 = 'Iran and Iraq signed a memorandum';
const A004 = 'Iran, Iraq sign MoU to boost defense ties';
const QUOTE =
  '"We do not see any other option than cooperation and being on the same side (with Iran) to uproot the terrorists,"';

async function undoAll(page: Page): Promise<number> {
  let steps = 0;
  while (await page.getByRole('button', { name: 'Undo', exact: true }).isEnabled()) {
    await page.keyboard.press('Control+z');
    steps++;
    await saved(page);
  }
  return steps;
}

test('entities, attribution and events across articles: build, find, undo and redo', async ({ page, app }) => {
  await page.goto(app.url);
  await openArticle(page, A003);

  // An entity from a speaker mention.
  await tag(page, '2', 'Khaled al-Obeidi');
  await details(page).getByRole('button', { name: 'Create entity “Khaled al-Obeidi”' }).click();
  await expect(details(page).getByRole('button', { name: 'Khaled al-Obeidi', exact: true })).toBeVisible();

  // A second spelling in another article, linked through the suggestion.
  await openArticle(page, A000);
  await tag(page, '2', 'Khalid al-Obeidi');
  const suggestion = details(page).getByRole('list', { name: 'Entity suggestions' }).getByRole('button');
  await expect(suggestion.first()).toContainText('Link to Khaled al-Obeidi');
  await suggestion.first().click();
  await expect(details(page).getByRole('button', { name: 'Khaled al-Obeidi', exact: true })).toBeVisible();

  // A claim and its speaker, linked from the claim panel's list…
  await tag(page, '2', 'al-Obeidi', 'terrorists," al-Obeidi said');
  await details(page).getByRole('list', { name: 'Entity suggestions' }).getByRole('button').first().click();
  await tag(page, '1', QUOTE);
  const saidBy = details(page).getByLabel('Add said by');
  await saidBy.selectOption({ label: 'speaker: al-Obeidi' });
  await details(page)
    .getByRole('group', { name: 'said by' })
    .getByRole('button', { name: 'Link', exact: true })
    .click();
  await expect(details(page).getByRole('group', { name: 'said by' })).toContainText('al-Obeidi (Khaled al-Obeidi)');

  // …and a second claim linked with the hotkey: Alt+L, then a click on the speaker.
  await tag(
    page,
    '1',
    '"These hired terrorists (ISIL) are pursuing the interests of the US and Israel in the region,"',
  );
  await tag(page, '2', 'General Dehqan');
  await details(page).getByRole('button', { name: 'Create entity “General Dehqan”' }).click();
  await annotationItems(page).filter({ hasText: 'These hired terrorists' }).click();
  await page.keyboard.press('Alt+l');
  const [dStart] = await spanOf(page, 'General Dehqan');
  const onSpeaker = await pointAt(page, dStart + 3);
  await page.mouse.click(onSpeaker.x, onSpeaker.y);
  await expect(details(page).getByRole('group', { name: 'said by' })).toContainText('General Dehqan');

  // One event reported by two articles.
  await openArticle(page, A002);
  await tag(page, '3', 'signed');
  await details(page).getByLabel('Event type').selectOption('agreement signing');
  await details(page).getByLabel('New event title').fill('Iran–Iraq MoU signing, Tehran 2017');
  await details(page).getByRole('button', { name: 'New event record' }).click();
  await expect(details(page).getByRole('button', { name: 'Iran–Iraq MoU signing, Tehran 2017' })).toBeVisible();
  await openArticle(page, A004);
  await tag(page, '3', 'signed');
  await details(page).getByLabel('Existing event record').selectOption({ label: 'Iran–Iraq MoU signing, Tehran 2017' });
  await details(page).getByRole('button', { name: 'Link event' }).click();
  await saved(page);

  // The event page shows both reports side by side.
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByRole('navigation', { name: 'Events' }).getByRole('button').filter({ hasText: 'MoU signing' }).click();
  const event = page.getByRole('region', { name: 'Event' });
  await expect(event.getByRole('article')).toHaveCount(2);

  // The entity page lists both spellings' mentions and the attributed claim.
  await page.getByRole('tab', { name: 'Entities' }).click();
  await page
    .getByRole('navigation', { name: 'Entities' })
    .getByRole('button')
    .filter({ hasText: 'Khaled al-Obeidi' })
    .click();
  const entity = page.getByRole('region', { name: 'Entity' });
  await expect(entity.getByRole('list', { name: 'Mentions' }).getByRole('listitem')).toHaveCount(3);
  await expect(entity.getByRole('list', { name: 'Claims attributed' }).getByRole('listitem')).toHaveCount(1);

  // Search: every claim said by al-Obeidi.
  await page.getByRole('tab', { name: 'Search' }).click();
  const search = page.getByRole('form', { name: 'Search' });
  await search.getByLabel('Kind').selectOption('claim');
  await search.getByLabel('Said by').selectOption({ label: 'Khaled al-Obeidi' });
  await search.getByRole('button', { name: /search/i }).click();
  const results = page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
  await expect(results).toHaveCount(1);
  await results.first().click();
  await expect(page.locator('.top-bar .article-title')).toContainText('ISIS pursuing');
  await expect(page.locator('[data-selected="true"]').first()).toContainText('We do not see any other option');

  // Undo every step, then redo every step.
  const steps = await undoAll(page);
  expect(steps).toBeGreaterThanOrEqual(14);
  await page.getByRole('tab', { name: 'Entities' }).click();
  await expect(page.getByRole('navigation', { name: 'Entities' }).getByRole('button')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(page.getByRole('navigation', { name: 'Events' }).getByRole('button')).toHaveCount(0);
  await openArticle(page, A000);
  await expect(annotationItems(page)).toHaveCount(0);

  for (let i = 0; i < steps; i++) {
    await page.keyboard.press('Control+Shift+z');
    await saved(page);
  }
  await expect(page.getByRole('button', { name: 'Redo', exact: true })).toBeDisabled();
  // Each redo opened the article its step is in: the last one was in another article.
  await openArticle(page, A000);
  await expect(annotationItems(page)).toHaveCount(5);
  await page.reload();
  await openArticle(page, A000);
  await expect(annotationItems(page)).toHaveCount(5);
  await annotationItems(page).filter({ hasText: 'We do not see' }).click();
  await expect(details(page).getByRole('group', { name: 'said by' })).toContainText('al-Obeidi (Khaled al-Obeidi)');
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByRole('navigation', { name: 'Events' }).getByRole('button').filter({ hasText: 'MoU signing' }).click();
  await expect(page.getByRole('region', { name: 'Event' }).getByRole('article')).toHaveCount(2);
});
