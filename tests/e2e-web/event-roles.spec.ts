import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { annotationItems, details, saved, spanOf, tag } from './page-helpers';
import { pointAt } from './text-geometry';
import { expect, test } from './web-fixture';

const ARTICLE = 'ISIS pursuing US and Israel interests, Iranian DM Says';
const RECORD = 'Joint press conference, Tehran';

/** Clicks inside a span of the text. */
async function clickSpan(page: Page, needle: string): Promise<void> {
  const [start] = await spanOf(page, needle);
  const inside = await pointAt(page, start + 2);
  await page.mouse.click(inside.x, inside.y);
}

test('the event page lists the roles its mentions give, each argument with its article and layer', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(page.locator('.cm-content')).toContainText('a joint press conference');

  // A speaker linked to an entity; an event mention linked to a new record, its agent the speaker, its place an entity.
  await tag(page, '2', 'General Dehqan');
  await details(page).getByRole('button', { name: 'Create entity “General Dehqan”' }).click();
  await tag(page, '3', 'a joint press conference');
  await details(page).getByLabel('New event title').fill(RECORD);
  await details(page).getByRole('button', { name: 'New event record' }).click();
  await expect(details(page).getByRole('button', { name: RECORD })).toBeVisible();
  // No role yet: the page says how to give one.
  await details(page).getByRole('button', { name: RECORD }).click();
  await expect(page.getByRole('region', { name: 'Roles in the reports' })).toContainText('has a role yet');
  await page.getByRole('button', { name: 'Back to the article' }).click();
  await annotationItems(page).filter({ hasText: 'a joint press conference' }).click();
  await page.keyboard.press('Alt+l');
  await clickSpan(page, 'General Dehqan');
  await expect(details(page).getByRole('group', { name: 'agent' })).toContainText('General Dehqan');
  const place = details(page).getByRole('group', { name: 'place' });
  await place.getByLabel('New entity as place').fill('Tehran');
  await place.getByRole('button', { name: 'Create and link' }).click();
  await expect(place.getByRole('listitem')).toHaveText(/^Tehran/);
  await saved(page);

  // bob reports the same event in his own layer, its agent an entity.
  await page.getByRole('button', { name: 'alice…' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Your annotator name').fill('bob');
  await settings.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('button', { name: 'bob…' })).toBeVisible();
  await tag(page, '3', 'a joint press conference');
  await details(page).getByLabel('Existing event record').selectOption({ label: RECORD });
  await details(page).getByRole('button', { name: 'Link event' }).click();
  const agent = details(page).getByRole('group', { name: 'agent' });
  await agent.getByLabel('New entity as agent').fill('Hossein Dehqan');
  await agent.getByRole('button', { name: 'Create and link' }).click();
  await expect(agent.getByRole('listitem')).toHaveText(/^Hossein Dehqan/);
  await saved(page);

  // The record's page: each role with its arguments, the article and the layer named.
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByRole('navigation', { name: 'Events' }).getByRole('button').filter({ hasText: RECORD }).click();
  const event = page.getByRole('region', { name: 'Event' });
  const roles = event.getByRole('region', { name: 'Roles in the reports' });
  const agents = roles.getByRole('list', { name: 'agent' }).getByRole('listitem');
  await expect(agents).toHaveCount(2);
  await expect(agents.first()).toContainText('“General Dehqan” → General Dehqan');
  await expect(agents.first()).toContainText(ARTICLE);
  await expect(agents.first()).toContainText('layer: alice');
  await expect(agents.nth(1)).toContainText('Hossein Dehqan');
  await expect(agents.nth(1)).toContainText(ARTICLE);
  await expect(agents.nth(1)).toContainText('layer: bob (you)');
  const places = roles.getByRole('list', { name: 'place' }).getByRole('listitem');
  await expect(places).toHaveText(
    new RegExp(`^Tehran${ARTICLE.replace(/[()]/g, '.')}layer: aliceAdd to participants$`),
  );
  // The report column names the layer of the mention too.
  await expect(event.getByRole('article', { name: ARTICLE })).toContainText('layer: alice');
  await expect(event.getByRole('article', { name: ARTICLE })).toContainText('layer: bob (you)');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await roles.screenshot({ path: `test-results/event-roles-${scheme}.png` });
    const { violations } = await new AxeBuilder({ page })
      .include('.record-page')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      scheme,
    ).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // The entities the roles name join the participants with one click.
  const participants = event.getByRole('list', { name: 'Participants' });
  await expect(participants.getByRole('listitem')).toHaveCount(0);
  await agents.first().getByRole('button', { name: 'Add to participants: General Dehqan' }).click();
  await expect(participants.getByRole('listitem')).toHaveText([/^General Dehqan/]);
  await expect(agents.first().getByRole('button', { name: /^Add to participants/ })).toHaveCount(0);

  // A click opens the article with the argument selected.
  await agents
    .first()
    .getByRole('button', { name: /General Dehqan/ })
    .first()
    .click();
  await expect(page.locator('.top-bar .article-title')).toHaveText(ARTICLE);
  await expect(details(page).locator('.chip')).toHaveText('Speaker');
  await expect(page.locator('[data-selected="true"]').first()).toContainText('General Dehqan');
});
