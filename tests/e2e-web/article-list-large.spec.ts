import { expect, test, watchApi, withLargeStore } from './web-fixture';

const COUNT = 3000;
const FAR = 2600;
/** A row is 58 px tall (the list's estimate, and its CSS). */
const ROW = 58;

test('a store of thousands of articles lists them a window at a time: a far row is scrolled to and opened, and the whole list is never asked for', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await withLargeStore(COUNT, async (app) => {
    const asked = watchApi(page);
    await page.goto(app.url);
    const list = page.getByRole('navigation', { name: 'Articles' });
    await expect(list.getByRole('heading')).toHaveText(`Articles (${COUNT})`);
    await expect(list.getByRole('button').first()).toContainText('(0)');

    // Far down: the rows there are asked for when reached, and shown.
    await list.locator('.scroller').evaluate((el, top) => (el.scrollTop = top), FAR * ROW);
    const far = list.getByRole('button', { name: new RegExp(`\\(${FAR}\\)`) });
    await expect(far).toBeVisible();
    await page.screenshot({ path: 'test-results/article-list-far.png' });
    const title = (await far.locator('.title').textContent())!;
    await far.click();
    await expect(far).toHaveAttribute('aria-current', 'page');
    await expect(page).toHaveURL(new RegExp(`#/article/b${FAR}$`));
    await expect(page.getByRole('banner')).toContainText(title);

    // Next and previous article by keyboard, from the server's order, without the list.
    await page.locator('.cm-content').click();
    await page.keyboard.press('}');
    await expect(page).toHaveURL(new RegExp(`#/article/b${FAR + 1}$`));
    await page.keyboard.press('{');
    await page.keyboard.press('{');
    await expect(page).toHaveURL(new RegExp(`#/article/b${FAR - 1}$`));

    expect(asked.filter((a) => a.name === 'articles/page').length).toBeGreaterThan(1);
    expect(asked.map((a) => a.name)).not.toContain('articles/list');
  });
});

test('a lead ticks a range of thousands of rows not all loaded, and every row shown, from the server’s ids', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await withLargeStore(COUNT, async (app) => {
    const response = await fetch(`${app.url}/api/team/member`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'alice', role: 'lead' }),
    });
    expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
    await page.goto(app.url);
    const list = page.getByRole('navigation', { name: 'Articles' });
    const bar = page.getByRole('group', { name: 'Assign articles' });
    await list.getByRole('checkbox', { name: /\(1\)”$/ }).click();
    await expect(bar).toContainText('1 selected');
    await list.locator('.scroller').evaluate((el, top) => (el.scrollTop = top), FAR * ROW);
    await list.getByRole('checkbox', { name: new RegExp(`\\(${FAR}\\)”$`) }).click({ modifiers: ['Shift'] });
    // Rows 1 to 2600: most were never loaded, their ids came from the server.
    await expect(bar).toContainText(`${FAR} selected`);
    await bar.getByRole('checkbox', { name: 'All shown' }).click();
    await expect(bar).toContainText(`${COUNT} selected`);
    await expect(bar.getByRole('checkbox', { name: 'All shown' })).toBeChecked();
  });
});
