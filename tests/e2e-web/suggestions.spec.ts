import type { Page } from '@playwright/test';
import type { Annotation } from '../../annotations/model';
import { expectNoSeriousViolations } from './axe-scan';
import { details, saved, tag } from './page-helpers';
import { selectWithKeyboard } from './text-geometry';
import { callApi } from './web-api';
import { expect, test } from './web-fixture';

interface Ghost {
  id: string;
  start: number;
  end: number;
  text: string;
}

/** The ghosts drawn, read from their marks (a suggestion's id ends in its offsets). */
async function ghostsShown(page: Page): Promise<Ghost[]> {
  const found = await page
    .locator('[data-suggestion]')
    .evaluateAll((marks) => marks.map((m) => ({ id: m.getAttribute('data-suggestion')!, text: m.textContent ?? '' })));
  const byId = new Map<string, Ghost>();
  for (const { id, text } of found) {
    const [, start, end] = /-(\d+)-(\d+)$/.exec(id)!;
    const before = byId.get(id);
    byId.set(id, { id, start: Number(start), end: Number(end), text: (before?.text ?? '') + text });
  }
  return [...byId.values()].sort((a, b) => a.start - b.start);
}

/** Holds back every `suggestions/changes` answer until released; how many were asked meanwhile. */
async function holdSuggestionLists(page: Page) {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = 0;
  await page.route('**/api/suggestions/changes', async (route) => {
    asked++;
    await held;
    // The page may be gone by then (the test over).
    await route.continue().catch(() => undefined);
  });
  return { release: () => release(), asked: () => asked };
}

const dehqanGhosts = async (page: Page) => (await ghostsShown(page)).filter((g) => g.text === 'Dehqan');
const title = (page: Page) => page.locator('.top-bar .article-title');

/** One ghost per span (two recommenders may propose two kinds on one), the spans apart from each other. */
function spans(ghosts: readonly Ghost[]): Ghost[] {
  const out: Ghost[] = [];
  for (const g of ghosts) if (!out.some((o) => o.start < g.end && g.start < o.end)) out.push(g);
  return out;
}

/** Waits until `count` ghosts of those shown `before` are gone, and says which. */
async function gone(page: Page, before: readonly Ghost[], count: number): Promise<string[]> {
  let ids: string[] = [];
  await expect
    .poll(async () => {
      const now = new Set((await ghostsShown(page)).map((g) => g.id));
      ids = before.filter((g) => !now.has(g.id)).map((g) => g.id);
      return ids.length;
    })
    .toBe(count);
  return ids;
}

test('suggestions are ghosts until accepted: Enter or a click accepts, Backspace rejects for good, undo brings one back', async ({
  page,
  app,
}) => {
  await callApi(app, 'entities/create', { name: 'Hossein Dehqan', type: 'person' });
  await page.goto(app.url);

  // One mention tagged as a person and linked to the registry's entity.
  await tag(page, '4', 'Dehqan', 'General Dehqan');
  await details(page)
    .getByRole('button', { name: /Link to Hossein Dehqan/ })
    .click();
  await expect(details(page).getByRole('button', { name: 'Hossein Dehqan' })).toBeVisible();
  await saved(page);

  // The other mentions are suggested, in every one of the five sample articles; the layer says how many.
  const suggestionsLayer = page.getByRole('region', { name: 'Layers' }).getByRole('checkbox', { name: /Suggestions/ });
  const titles: string[] = [];
  for (let i = 0; i < 5; i++) {
    await expect.poll(async () => (await dehqanGhosts(page)).length, { timeout: 15_000 }).toBeGreaterThan(0);
    await expect(suggestionsLayer).toBeChecked();
    await expect(suggestionsLayer).toHaveAccessibleName(/Suggestions\s*[1-9]\d*/);
    titles.push((await title(page).textContent())!);
    if (i === 4) break;
    await page.keyboard.press('}');
    await expect(title(page)).not.toHaveText(titles[i]!);
  }
  // Back to the second, which names him six times.
  while ((await title(page).textContent()) !== titles[1]) {
    const shown = (await title(page).textContent())!;
    await page.keyboard.press('{');
    await expect(title(page)).not.toHaveText(shown);
  }
  const here = titles[1]!;
  await expect.poll(async () => spans(await dehqanGhosts(page)).length).toBeGreaterThanOrEqual(3);

  // The ghosts are not annotations, and the page stays accessible with them drawn.
  const marksBefore = await page.locator('.fm-mark').count();
  await expectNoSeriousViolations(page, 'the article with suggestions drawn');
  const [rejected, byEnter, byClick] = spans(await dehqanGhosts(page));

  // Backspace in a ghost rejects it (the one Enter would take, where two kinds are proposed on one span).
  await selectWithKeyboard(page, rejected!.start + 1, rejected!.start + 1);
  await expect(page.getByTestId('caret-spans')).toContainText('Suggested');
  const beforeReject = await ghostsShown(page);
  await page.keyboard.press('Backspace');
  const rejectedIds = await gone(page, beforeReject, 1);
  await expect(page.locator('.fm-mark')).toHaveCount(marksBefore);
  await saved(page);

  // Enter in a ghost accepts it: a real highlight now.
  await selectWithKeyboard(page, byEnter!.start + 1, byEnter!.start + 1);
  const beforeEnter = await ghostsShown(page);
  await page.keyboard.press('Enter');
  await gone(page, beforeEnter, 1);
  await expect(page.locator('.fm-mark')).toHaveCount(marksBefore + 1);
  await saved(page);

  // A click on a ghost accepts it.
  const beforeClick = await ghostsShown(page);
  await page.locator(`[data-suggestion$="-${byClick!.start}-${byClick!.end}"]`).last().click();
  const clickedIds = await gone(page, beforeClick, 1);
  await expect(page.locator('.fm-mark')).toHaveCount(marksBefore + 2);
  await saved(page);

  // After a reload the rejection holds and the accepted ones are annotations made from suggestions.
  await page.reload();
  await expect(title(page)).toHaveText(here);
  await expect.poll(async () => (await dehqanGhosts(page)).length).toBeGreaterThan(0);
  const after = (await ghostsShown(page)).map((g) => g.id);
  for (const id of [...rejectedIds, ...clickedIds]) expect(after).not.toContain(id);
  await expect(page.locator('.fm-mark')).toHaveCount(marksBefore + 2);
  const articleId = await page.locator('.article-view').getAttribute('data-article-id');
  const layer = await callApi<{ annotations: Annotation[] }>(app, 'annotations/list', { articleId });
  const made = layer.annotations.filter((a) => a.suggestedBy);
  expect(made.map((a) => [a.start, a.end]).sort((a, b) => a[0]! - b[0]!)).toEqual([
    [byEnter!.start, byEnter!.end],
    [byClick!.start, byClick!.end],
  ]);

  // Undo takes the last acceptance back: its ghost comes again.
  await page.keyboard.press('Control+z');
  await expect(page.locator('.fm-mark')).toHaveCount(marksBefore + 1);
  await expect.poll(async () => (await ghostsShown(page)).map((g) => g.id)).toContain(clickedIds[0]);
  await saved(page);
});

test('Shift+Enter accepts every suggestion of one kind; the settings choose the recommenders; the dashboard measures them', async ({
  page,
  app,
}) => {
  await callApi(app, 'entities/create', { name: 'Hossein Dehqan', type: 'person', aliases: ['General Dehqan'] });
  await page.goto(app.url);
  await expect.poll(async () => (await dehqanGhosts(page)).length, { timeout: 15_000 }).toBeGreaterThan(0);
  const persons = (await ghostsShown(page)).filter((g) => g.id.includes('-person-'));
  const [one] = persons;
  const marksBefore = await page.locator('.fm-mark').count();
  await selectWithKeyboard(page, one!.start + 1, one!.start + 1);
  await page.keyboard.press('Shift+Enter');
  await expect(page.locator('.fm-mark-person')).toHaveCount(new Set(persons.map((g) => `${g.start}-${g.end}`)).size);
  expect(await page.locator('.fm-mark').count()).toBeGreaterThan(marksBefore);
  await expect.poll(async () => (await ghostsShown(page)).filter((g) => g.id.includes('-person-')).length).toBe(0);
  await saved(page);

  // The ghosts can be hidden, and the settings choose which recommenders run.
  const layers = page.getByRole('region', { name: 'Layers' });
  await layers.getByRole('checkbox', { name: /Suggestions/ }).uncheck();
  await expect(page.locator('[data-suggestion]')).toHaveCount(0);
  await layers.getByRole('checkbox', { name: /Suggestions/ }).check();
  await page.getByRole('button', { name: 'alice…' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const section = settings.getByRole('region', { name: 'Suggestions' });
  for (const name of ['Registry', 'Learned', 'Language model', 'Attribution'])
    await expect(section.getByRole('checkbox', { name: new RegExp(`^${name}`) })).toBeChecked();
  await expectNoSeriousViolations(page, 'the settings with their suggestions section');
  for (const name of ['Registry', 'Learned', 'Language model', 'Attribution']) {
    // Saved at once: the box follows the project's settings when they come back.
    await section.getByRole('checkbox', { name: new RegExp(`^${name}`) }).click();
    await expect(section.getByRole('checkbox', { name: new RegExp(`^${name}`) })).not.toBeChecked();
  }
  expect((await callApi<{ recommenders: string[] }>(app, 'suggestions/settings')).recommenders).toEqual([]);
  await settings.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('[data-suggestion]')).toHaveCount(0);
  await expect(layers.getByRole('checkbox', { name: /Suggestions/ })).toHaveCount(0);

  // The dashboard's table: each recommender's figures and its acceptance rate.
  await page.getByRole('button', { name: 'Agreement' }).click();
  await page.getByRole('button', { name: 'Measure the recommenders' }).click();
  const table = page.getByRole('table', { name: 'Suggestions per recommender' });
  await expect(table.getByRole('columnheader', { name: 'Acceptance rate' })).toBeVisible({ timeout: 20_000 });
  await expect(table.getByRole('row', { name: /Registry/ })).toContainText('100.0%');
  await expectNoSeriousViolations(page, 'the dashboard with its suggestions table');
});

test('the Suggestions layer is in place before the first suggestions come, so the panels below never move under the pointer', async ({
  page,
  app,
}) => {
  // The first answer is held back until the details panel has been measured.
  const lists = await holdSuggestionLists(page);
  await page.goto(app.url);
  await tag(page, '2', 'General Dehqan');
  const layer = page.getByRole('region', { name: 'Layers' }).getByRole('checkbox', { name: /Suggestions/ });
  await expect(layer).toBeChecked();
  await expect(layer).toHaveAccessibleName(/^Suggestions\s*$/);
  const create = details(page).getByRole('button', { name: /Create entity/ });
  await details(page).getByLabel('Entity (normalised name)').fill('Hossein Dehqan');
  const before = (await create.boundingBox())!;
  await page.screenshot({ path: 'test-results/suggestions-layer-waiting.png' });
  lists.release();
  await expect(layer).toHaveAccessibleName(/Suggestions\s*[1-9]\d*/);
  expect((await create.boundingBox())!.y).toBe(before.y);
});

test('with no recommender running, the Suggestions layer goes as soon as the settings say so, before any list comes', async ({
  page,
  app,
}) => {
  await callApi(app, 'suggestions/configure', { recommenders: [] });
  // The lists are held back for the whole test: what the page knows, it knows from the settings alone.
  const lists = await holdSuggestionLists(page);
  await page.goto(app.url);
  await tag(page, '2', 'General Dehqan');
  const layers = page.getByRole('region', { name: 'Layers' });
  await expect(layers.getByRole('checkbox').first()).toBeVisible();
  await expect(layers.getByRole('checkbox', { name: /Suggestions/ })).toHaveCount(0);
  await expect.poll(() => lists.asked()).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/suggestions-layer-off.png' });
  lists.release();
});
