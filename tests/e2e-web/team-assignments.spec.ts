import { callApi } from './web-api';
import type { Page } from '@playwright/test';
import type { Team } from '../../annotations/project';
import type { WebApp } from './web-fixture';
import { expect, test } from './web-fixture';
import { saved } from './page-helpers';

/** Reads the team as the store keeps it, through the web mode's API. */
async function storedTeam(app: WebApp): Promise<Team> {
  return callApi<Team>(app, 'team/get');
}

const list = (page: Page) => page.getByRole('navigation', { name: 'Articles' });
const assignBar = (page: Page) => list(page).getByRole('group', { name: 'Assign articles' });
const articleButtons = (page: Page) =>
  list(page)
    .getByRole('button')
    .filter({ has: page.locator('.title') });
const forBob = (page: Page) => articleButtons(page).filter({ hasText: 'for bob' });
const settings = (page: Page) => page.getByRole('dialog', { name: 'Settings' });
const infoToast = (page: Page) => page.locator('.toast-stack .toast.info');
const undoButton = (page: Page) => page.getByRole('button', { name: 'Undo', exact: true });
const redoButton = (page: Page) => page.getByRole('button', { name: 'Redo', exact: true });
const bobsArticles = async (app: WebApp) =>
  (await storedTeam(app)).assignments.filter((a) => a.annotator === 'bob').map((a) => a.articleId);

test('a lead assigns three articles to bob in one step, undone and redone; bob sees them, marks one done, and the dashboard counts it', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(articleButtons(page)).toHaveCount(5);
  // No team yet: nobody has the bulk controls; the settings offer to start one.
  await expect(list(page).getByRole('checkbox')).toHaveCount(0);
  await page.getByRole('button', { name: 'alice…' }).click();
  await settings(page).getByRole('button', { name: 'Make me lead (alice)' }).click();
  await expect(settings(page).getByLabel('Role of alice')).toHaveValue('lead');
  await settings(page).getByLabel('New member').fill('bob');
  await settings(page).getByRole('button', { name: 'Add member' }).click();
  await expect(settings(page).getByLabel('Role of bob')).toHaveValue('annotator');
  await expect(infoToast(page)).toContainText('Added bob to the team as annotator');
  await page.keyboard.press('Escape');
  await expect(settings(page)).toHaveCount(0);

  // The lead ticks the first article, shift-clicks the third: three ticked, assigned in one action.
  const boxes = list(page).getByRole('checkbox', { name: /^Select “/ });
  await expect(boxes).toHaveCount(5);
  await boxes.nth(0).click();
  await boxes.nth(2).click({ modifiers: ['Shift'] });
  await expect(assignBar(page)).toContainText('3 selected');
  await assignBar(page).getByLabel('Member').selectOption('bob');
  await assignBar(page).getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(infoToast(page)).toContainText('Assigned 3 articles to bob');
  await expect(forBob(page)).toHaveCount(3);
  const titles = await forBob(page).locator('.title').allTextContents();
  expect(await bobsArticles(app)).toHaveLength(3);
  await saved(page);

  // One undo step takes the three back; redo assigns them again.
  await expect(undoButton(page)).toHaveAttribute('title', /^Undo Assign 3 articles to bob/);
  await undoButton(page).click();
  await expect(forBob(page)).toHaveCount(0);
  expect(await bobsArticles(app)).toEqual([]);
  await redoButton(page).click();
  await expect(forBob(page)).toHaveCount(3);
  expect(await bobsArticles(app)).toHaveLength(3);
  await page.screenshot({ path: 'test-results/team-lead-list.png' });

  // bob opens the app under his name: no bulk controls, his three articles behind "Assigned to me".
  await page.getByRole('button', { name: 'alice…' }).click();
  await settings(page).getByLabel('Your annotator name').fill('bob');
  await settings(page).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('button', { name: 'bob…' })).toBeVisible();
  await expect(assignBar(page)).toHaveCount(0);
  await expect(list(page).getByRole('checkbox', { name: /^Select “/ })).toHaveCount(0);
  const progress = list(page).getByTestId('assigned-progress');
  await expect(progress).toHaveText('0 of 3 assigned done');
  await list(page).getByLabel('Assigned to me').check();
  await expect(articleButtons(page)).toHaveCount(3);
  await expect(articleButtons(page).filter({ hasText: 'assigned' })).toHaveCount(3);
  expect(await articleButtons(page).locator('.title').allTextContents()).toEqual(titles);

  // bob finishes the first: 1 of 3, the row marked done (in words, not colour only).
  await articleButtons(page).first().click();
  await page.getByLabel('I have finished this article').check();
  await expect(progress).toHaveText('1 of 3 assigned done');
  await expect(articleButtons(page).filter({ hasText: 'done' })).toHaveCount(1);
  await saved(page);

  // The filter is remembered; the count is read back from the store.
  await page.reload();
  await expect(list(page).getByLabel('Assigned to me')).toBeChecked();
  await expect(articleButtons(page)).toHaveCount(3);
  await expect(progress).toHaveText('1 of 3 assigned done');
  await page.screenshot({ path: 'test-results/team-annotator-list.png' });

  // The dashboard: bob, 1 of 3 assigned done.
  await page.getByRole('button', { name: 'Agreement' }).click();
  const table = page.getByRole('table', { name: 'Progress per annotator' });
  await expect(table.getByRole('row').filter({ hasText: 'bob' })).toContainText('1 of 3 assigned done');
  await page.screenshot({ path: 'test-results/team-dashboard.png' });
});

test('by keyboard: the lead ticks rows with Space, takes articles back from a member, and the marks read in words in light and dark', async ({
  page,
  app,
}) => {
  const ids = (await callApi<{ id: string }[]>(app, 'articles/list', {})).map((a) => a.id);
  await callApi(app, 'team/member', { name: 'alice', role: 'lead' });
  await callApi(app, 'team/member', { name: 'carol', role: 'annotator' });
  await callApi(app, 'team/assign', { annotator: 'alice', articleIds: ids.slice(0, 2), assigned: true });
  await callApi(app, 'team/assign', { annotator: 'bob', articleIds: ids.slice(1, 4), assigned: true });
  await callApi(app, 'team/assign', { annotator: 'carol', articleIds: ids.slice(3), assigned: true });
  await callApi(app, 'documentLabels/set', { articleId: ids[0], done: true });
  await page.goto(app.url);
  await expect(list(page).getByTestId('assigned-progress')).toHaveText('1 of 2 assigned done');
  await expect(articleButtons(page).first()).toContainText('done');
  await expect(articleButtons(page).nth(1)).toContainText('also for bob');

  // Tab to the second row's box, Space ticks it; Shift+Space on the fourth ticks the range.
  const boxes = list(page).getByRole('checkbox', { name: /^Select “/ });
  await boxes.nth(1).focus();
  await page.keyboard.press('Space');
  await boxes.nth(3).focus();
  await page.keyboard.press('Shift+Space');
  await expect(assignBar(page)).toContainText('3 selected');
  await expect(boxes.nth(2)).toBeChecked();
  await assignBar(page).getByLabel('Member').focus();
  await assignBar(page).getByLabel('Member').selectOption('bob');
  await assignBar(page).getByRole('button', { name: 'Take back' }).focus();
  await page.keyboard.press('Enter');
  await expect(infoToast(page)).toContainText('Took back 3 articles from bob');
  expect(await bobsArticles(app)).toEqual([]);
  await expect(forBob(page)).toHaveCount(0);

  // "All shown" ticks every row; assigning what is assigned already says so and adds no undo step.
  await assignBar(page).getByLabel('All shown').check();
  await expect(assignBar(page)).toContainText('5 selected');
  // Ticked rows the filter hides are said, as an action takes them too.
  await list(page).getByLabel('Assigned to me').check();
  await expect(articleButtons(page)).toHaveCount(2);
  await expect(assignBar(page)).toContainText('5 selected, 3 not shown');
  await list(page).getByLabel('Assigned to me').uncheck();
  await assignBar(page).getByLabel('Member').selectOption('carol');
  await page.screenshot({ path: 'test-results/team-lead-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/team-lead-dark.png' });
  await page.emulateMedia({ colorScheme: 'light' });
  await assignBar(page).getByLabel('All shown').uncheck();
  await boxes.nth(4).check();
  const undoTitle = await undoButton(page).getAttribute('title');
  await assignBar(page).getByRole('button', { name: 'Assign', exact: true }).click();
  await expect(infoToast(page)).toContainText('The article was assigned to carol already');
  await expect(undoButton(page)).toHaveAttribute('title', undoTitle ?? '');

  // The dashboard: each assignment's share done, in words and as a bar; the list beside it.
  await page.getByRole('button', { name: 'Agreement' }).click();
  const table = page.getByRole('table', { name: 'Progress per annotator' });
  await expect(table.getByRole('row').filter({ hasText: 'alice' })).toContainText('1 of 2 assigned done');
  await expect(table.getByRole('row').filter({ hasText: 'carol' })).toContainText('0 of 2 assigned done');
  await expect(table.getByRole('progressbar', { name: 'carol: 0 of 2 assigned done' })).toBeVisible();
  await assignBar(page).getByRole('button', { name: 'Clear' }).click();
  await page.getByRole('figure', { name: 'Progress per annotator' }).evaluate((figure) => figure.scrollIntoView());
  await page.screenshot({ path: 'test-results/team-dashboard-light.png' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/team-dashboard-dark.png' });
});

test('the team in the settings: a member added with a role, a role changed, a member removed with their articles; read-only for an annotator', async ({
  page,
  app,
}) => {
  const ids = (await callApi<{ id: string }[]>(app, 'articles/list', {})).map((a) => a.id);
  await callApi(app, 'team/member', { name: 'alice', role: 'lead' });
  await callApi(app, 'team/assign', { annotator: 'bob', articleIds: ids.slice(0, 2), assigned: true });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'alice…' }).click();
  const team = settings(page).getByRole('region', { name: 'Team' });
  await team.getByLabel('New member').fill('dana');
  await team.getByRole('group', { name: 'Add a member' }).getByLabel('Role').selectOption('lead');
  await team.getByLabel('New member').press('Enter');
  await expect(team.getByLabel('Role of dana')).toHaveValue('lead');
  await expect(team.getByLabel('New member')).toHaveValue('');
  await team.getByLabel('Role of dana').selectOption('annotator');
  await expect(infoToast(page)).toContainText('dana is now an annotator');
  await team.getByRole('button', { name: 'Remove bob' }).click();
  await expect(infoToast(page)).toContainText('Removed bob from the team and took back 2 articles');
  await expect(team.getByLabel('Role of bob')).toHaveCount(0);
  expect(await storedTeam(app)).toEqual({
    members: [
      { name: 'alice', role: 'lead' },
      { name: 'dana', role: 'annotator' },
    ],
    assignments: [],
  });
  // The only lead cannot step down while others are in the team: the store says why and keeps the role.
  await team.getByLabel('Role of alice').selectOption('annotator');
  await expect(page.locator('.toast-stack .toast.error')).toContainText('only lead');
  await expect(team.getByLabel('Role of alice')).toHaveValue('lead');
  await page.locator('.toast-stack .toast.error').getByRole('button', { name: 'Dismiss' }).click();

  // As dana (an annotator), the team is shown but not changed.
  await settings(page).getByLabel('Your annotator name').fill('dana');
  await settings(page).getByRole('button', { name: 'Save' }).click();
  await page.getByRole('button', { name: 'dana…' }).click();
  await expect(team.getByLabel('Role of alice')).toBeDisabled();
  await expect(team.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
  await expect(team).toContainText('Only a lead changes the team');
});
