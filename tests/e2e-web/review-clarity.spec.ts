import type { Page } from '@playwright/test';
import type { Article, Entity, EventRecord } from '../../annotations/model';
import type { REVIEW_ANNOTATORS } from '../support/review-layers';
import { colleagueBundle, fixtureLayer } from '../support/review-layers';
import { compareLayers, importColleagues } from './colleague-layers';
import { expect, test } from './web-fixture';

const TITLE = 'Iran calls for collective efforts to fight ISIL in region';
const STAMP = '2026-11-20T10:00:00.000Z';
const ENTITY: Entity = {
  id: 'ent-hossein-dehqan',
  name: 'Hossein Dehqan',
  type: 'person',
  aliases: [],
  externalId: null,
  createdAt: STAMP,
  updatedAt: STAMP,
};
const EVENT: EventRecord = {
  id: 'evt-baghdad-meeting',
  title: 'Dehqan meets al-Jabouri in Baghdad',
  type: 'meeting',
  date: null,
  place: 'Baghdad',
  participants: [],
  createdAt: STAMP,
  updatedAt: STAMP,
};
const ID_LIKE = /ent-hossein-dehqan|evt-baghdad-meeting|alice-speaker|bob-speaker/;

/**
 * A colleague's bundle; alice's links her person to a registry entity and tags
 * "a meeting" as an event linked to an event record, bob tags it unlinked.
 */
function bundleOf(name: (typeof REVIEW_ANNOTATORS)[number], article: Article) {
  const bundle = colleagueBundle(name, article);
  const layer = bundle.articles[0]!;
  if (name === 'carol') return bundle;
  const start = article.text.indexOf('a meeting');
  layer.annotations.push({
    ...layer.annotations[0]!,
    id: `${name}-meeting`,
    kind: 'event',
    start,
    end: start + 'a meeting'.length,
    quote: 'a meeting',
    attributes: {},
    eventId: name === 'alice' ? EVENT.id : null,
  });
  if (name === 'alice') {
    layer.annotations = layer.annotations.map((a) => (a.id === 'alice-person' ? { ...a, entityId: ENTITY.id } : a));
    bundle.entities = [ENTITY];
    bundle.events = [EVENT];
  }
  return bundle;
}

/** Becomes carol, imports the three colleagues' layers and opens the review page. */
async function reviewAsCarol(page: Page, url: string): Promise<Article> {
  const { report, article, closeAndOpen } = await importColleagues(page, url, 'carol', bundleOf);
  await expect(report).toContainText('layer of alice: 6 added');
  await expect(report).toContainText('layer of carol: 4 added');
  await closeAndOpen(TITLE);
  return article;
}

test('the review page starts edits from my version, names link targets in every column and says where it moved', async ({
  page,
  app,
}) => {
  const article = await reviewAsCarol(page, app.url);
  const { review, differences: cards } = await compareLayers(page);
  await expect(cards.first()).toBeVisible();
  await expect(review.getByTestId('review-keys')).toContainText('moves on to the next difference');

  // A card by the span it is about (its context around the span names other spans too).
  const about = (text: RegExp) => cards.filter({ has: page.locator('.context mark', { hasText: text }) });
  const claim = about(/^“The ISIL is a threat/);
  const person = about(/^Hossein Dehqan$/);
  const meeting = about(/^a meeting$/);

  // Possessives: my own column is "your version"; colleagues' carry their name.
  await expect(claim.getByLabel('your version (carol)')).toBeVisible();
  await expect(claim.getByRole('button', { name: 'Accept your version' })).toBeVisible();
  await expect(claim.getByRole('button', { name: 'Accept alice’s' })).toBeVisible();
  await expect(claim.getByRole('button', { name: 'Accept bob’s' })).toBeVisible();
  await expect(review.getByRole('button', { name: /you[’']s/ })).toHaveCount(0);

  // Links are named by their target: entity name, event title, the speaker's quote; never an id.
  await expect(person.getByLabel('alice’s version')).toContainText('entity: Hossein Dehqan');
  await expect(meeting.getByLabel('alice’s version')).toContainText(`event: ${EVENT.title}`);
  await expect(claim.getByLabel('alice’s version')).toContainText('said-by → “Brigadier General Dehqan”');

  // e starts from my own version: carol's claim is one character shorter at each end than alice's, first in the group.
  const mine = fixtureLayer('carol', article).annotations.find((a) => a.id === 'carol-claim1')!;
  await claim.locator('h3').click();
  await page.keyboard.press('e');
  const form = claim.getByRole('form', { name: 'Adjudicated version' });
  await expect(form.getByLabel('Start')).toHaveValue(String(mine.start));
  await expect(form.getByLabel('End')).toHaveValue(String(mine.end));
  await form.getByRole('button', { name: 'Cancel' }).click();

  // A key decision (on the second card, decided again below) moves on and says so; j and k say where they land.
  const total = await cards.count();
  await cards.first().locator('h3').click();
  const status = review.getByRole('status').filter({ hasText: /difference/i });
  await page.keyboard.press('j');
  await expect(review.getByTestId('review-announcement')).toHaveText(`Difference: 2 of ${total}`);
  await page.keyboard.press('r');
  await expect(review.getByTestId('review-announcement')).toHaveText(`Next difference: 3 of ${total}`);
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await expect(cards.nth(2)).toHaveAttribute('aria-current', 'true');

  // The gold column shows the links of what was accepted, named too.
  await claim.getByRole('button', { name: 'Accept alice’s' }).click();
  await expect(claim.getByLabel('Gold')).toContainText('said-by → “Brigadier General Dehqan”');
  await meeting.getByRole('button', { name: 'Accept alice’s' }).click();
  await expect(meeting.getByLabel('Gold')).toContainText(`event: ${EVENT.title}`);
  await person.getByRole('button', { name: 'Accept alice’s' }).click();
  await expect(person.getByLabel('Gold')).toContainText('entity: Hossein Dehqan');
  expect(await review.textContent()).not.toMatch(ID_LIKE);
  await claim.screenshot({ path: 'test-results/review-card-links.png' });

  // The entity page says which layer each mention is from.
  await page.getByRole('tab', { name: 'Entities' }).click();
  await page.getByRole('navigation', { name: 'Entities' }).getByRole('button').filter({ hasText: ENTITY.name }).click();
  const mentions = page.getByRole('region', { name: 'Entity' }).getByRole('list', { name: 'Mentions' });
  await expect(mentions.getByRole('listitem')).toHaveCount(2);
  await expect(mentions.getByRole('listitem').filter({ hasText: 'layer: alice' })).toHaveCount(1);
  await expect(mentions.getByRole('listitem').filter({ hasText: 'layer: gold' })).toHaveCount(1);
});

test('a long quote in the annotation list never pushes the layer badge out of view', async ({ page, app }) => {
  await reviewAsCarol(page, app.url);
  const list = page.getByRole('region', { name: 'Annotations' });
  const row = list
    .getByRole('button')
    .filter({ hasText: 'The ISIL is a threat' })
    .filter({ has: page.locator('.layer-name', { hasText: /^alice$/ }) });
  await expect(row).toHaveCount(1);
  const badge = row.locator('.layer-name');
  await expect(badge).toHaveText('alice');
  const rowBox = (await row.boundingBox())!;
  const badgeBox = (await badge.boundingBox())!;
  expect(badgeBox.x + badgeBox.width).toBeLessThanOrEqual(rowBox.x + rowBox.width);
  expect(badgeBox.x).toBeGreaterThan(rowBox.x);
  // The quote is cut with an ellipsis; its full text stays in the title and the button's name.
  const quote = row.locator('.quote');
  const { cut, title, overflow } = await quote.evaluate((el) => ({
    cut: el.scrollWidth > el.clientWidth,
    title: el.getAttribute('title') ?? '',
    overflow: getComputedStyle(el).textOverflow,
  }));
  expect(cut).toBe(true);
  expect(overflow).toBe('ellipsis');
  expect(title).toContain('under the flag of an integrated and independent Iraq');
  await expect(row).toHaveAccessibleName(/under the flag of an integrated and independent Iraq/);
  await row.scrollIntoViewIfNeeded();
  await list.screenshot({ path: 'test-results/annotation-list-long-quote.png' });
});

test('review keys work while a checkbox or a button has the focus, not while typing; a click decides and stays', async ({
  page,
  app,
}) => {
  await reviewAsCarol(page, app.url);
  const { review, differences: cards } = await compareLayers(page);
  const announced = review.getByTestId('review-announcement');
  await expect(cards.first()).toHaveAttribute('aria-current', 'true');
  const total = await cards.count();
  await expect(review.getByTestId('review-keys')).toContainText('work while a button, checkbox or list has the focus');
  await expect(review.getByTestId('review-keys')).toContainText('a click on a button decides and stays');

  // From a checkbox: j moves, r rejects and moves on; the checkbox keeps its state.
  const differencesOnly = review.getByRole('checkbox', { name: 'Differences only' });
  await differencesOnly.focus();
  await page.keyboard.press('j');
  await expect(cards.nth(1)).toHaveAttribute('aria-current', 'true');
  await expect(announced).toHaveText(`Difference: 2 of ${total}`);
  await page.keyboard.press('r');
  await expect(cards.nth(1).getByLabel('Gold')).toContainText('rejected · by carol');
  await expect(announced).toHaveText(`Next difference: 3 of ${total}`);
  await expect(differencesOnly).toBeChecked();
  await expect(differencesOnly).toBeFocused();

  // From a button: k moves back, 1 accepts the first version and moves on.
  await review.getByRole('button', { name: 'Show the text' }).focus();
  await page.keyboard.press('k');
  await expect(cards.nth(1)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('1');
  await expect(cards.nth(1).getByLabel('Gold')).toContainText('accepted · by carol');
  await expect(cards.nth(2)).toHaveAttribute('aria-current', 'true');

  // From a select beside the page (the article's labels): j moves, and the select keeps its value.
  const stance = page.getByLabel('Stance');
  const value = await stance.inputValue();
  await stance.focus();
  await page.keyboard.press('j');
  await expect(cards.nth(3)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('k');
  await expect(cards.nth(2)).toHaveAttribute('aria-current', 'true');
  await expect(stance).toHaveValue(value);

  // Typing in a field: the keys are text, nothing is decided or moved.
  await cards.nth(2).getByRole('button', { name: 'Edit…' }).click();
  const start = cards.nth(2).getByRole('form', { name: 'Adjudicated version' }).getByLabel('Start');
  await start.focus();
  await page.keyboard.press('j');
  await page.keyboard.press('r');
  await expect(cards.nth(2)).toHaveAttribute('aria-current', 'true');
  await expect(cards.nth(2).getByLabel('Gold')).toContainText('undecided');
  await cards.nth(2).getByRole('button', { name: 'Cancel' }).click();

  // A click on Accept decides that difference and stays there, saying so.
  const third = cards.nth(2);
  await third
    .getByRole('button', { name: /^Accept / })
    .first()
    .click();
  await expect(third.getByLabel('Gold')).toContainText('accepted · by carol');
  await expect(announced).toHaveText(`Decided difference 3 of ${total}; staying on it (j moves on).`);
  await expect(announced).toHaveAttribute('aria-live', 'polite');
  await expect(third).toHaveAttribute('aria-current', 'true');
});
