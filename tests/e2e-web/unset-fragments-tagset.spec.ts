import { callApi } from './web-api';
import type { Page } from '@playwright/test';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import type { Annotation, Article } from '../../annotations/model';
import { LARGE_TAGSET } from '../support/large-tagset';
import { annotationItems, details, expectMarked, saved, spanOf, tag } from './page-helpers';
import { pointAt, selectWithKeyboard } from './text-geometry';
import { expect, test } from './web-fixture';

const ARTICLE = '000_0032acaf3c30b9bc';
const STAMP = '2026-11-30T10:00:00.000Z';

test('an unset yes/no value shows as unset, can be chosen, and set back to unset', async ({ page, app }) => {
  await page.goto(app.url);
  await tag(page, '1', 'These hired terrorists (ISIL) are pursuing');
  const panel = details(page);
  const checkWorthy = panel.getByLabel('Check-worthy');
  await expect(checkWorthy).toHaveValue('');
  await expect(checkWorthy.locator('option:checked')).toHaveText('—');
  await expect(checkWorthy.locator('option')).toHaveText(['—', 'yes', 'no']);
  await page.locator('.details-panel').screenshot({ path: 'test-results/details-unset-yes-no.png' });

  // Keyboard: focus the control and choose "no"; then back to unset.
  await checkWorthy.focus();
  await checkWorthy.selectOption('no');
  await saved(page);
  await panel.getByLabel('Verdict').selectOption('opinion');
  await saved(page);
  await page.reload();
  await annotationItems(page).first().click();
  await expect(details(page).getByLabel('Check-worthy')).toHaveValue('no');
  await details(page).getByLabel('Check-worthy').selectOption('');
  await details(page).getByLabel('Verdict').selectOption('');
  await saved(page);
  await page.reload();
  await annotationItems(page).first().click();
  await expect(details(page).getByLabel('Check-worthy')).toHaveValue('');
  await expect(details(page).getByLabel('Verdict')).toHaveValue('');
  const layer = await callApi<{ annotations: Annotation[] }>(app.url, 'annotations/list', { articleId: ARTICLE });
  expect(layer.annotations[0]!.attributes).toMatchObject({ checkWorthy: null, verdict: null });
});

/** alice's layer with one event in two pieces: "The MoU was signed" … "in Tehran on Tuesday". */
async function importDiscontinuousEvent(url: string): Promise<void> {
  const article = await callApi<Article>(url, 'articles/get', { articleId: ARTICLE });
  const sentence = 'The MoU was signed by General Dehqan and his visiting Iraqi counterpart in Tehran on Tuesday.';
  const at = article.text.indexOf(sentence);
  expect(at).toBeGreaterThan(0);
  const piece = (text: string) => {
    const start = at + sentence.indexOf(text);
    return { start, end: start + text.length };
  };
  const fragments = [piece('The MoU was signed'), piece('in Tehran on Tuesday')];
  const start = fragments[0]!.start;
  const end = fragments[1]!.end;
  const event: Annotation = {
    id: 'alice-mou-signed',
    articleId: ARTICLE,
    annotator: 'alice',
    kind: 'event',
    start,
    end,
    quote: article.text.slice(start, end),
    fragments,
    attributes: { eventType: 'agreement signing' },
    note: '',
    entityId: null,
    eventId: null,
    createdAt: STAMP,
    updatedAt: STAMP,
  };
  const bundle = {
    format: 'factmark-bundle',
    version: 1,
    exportedAt: STAMP,
    exportedBy: 'alice',
    tagset: DEFAULT_TAGSET,
    guidelines: '',
    entities: [],
    events: [],
    articles: [{ article, annotations: [event], relations: [], documentLabels: [] }],
  };
  const content = Buffer.from(JSON.stringify(bundle)).toString('base64');
  await callApi(url, 'import/files', { format: 'bundle', files: [{ name: 'alice-bundle.json', content }] });
}

test('a discontinuous span is drawn as one annotation in several pieces', async ({ page, app }) => {
  await importDiscontinuousEvent(app.url);
  await page.goto(app.url);
  const pieces = page.locator('.cm-content .fm-fragment');
  await expect(pieces).toHaveText(['The MoU was signed', 'in Tehran on Tuesday']);
  await expect(annotationItems(page).filter({ hasText: 'The MoU was signed … in Tehran on Tuesday' })).toHaveCount(1);
  // Seven kinds fit the bar: no button to open more.
  await expect(page.getByRole('toolbar', { name: 'Kinds' }).getByRole('button')).toHaveCount(7);
  await expect(page.getByRole('button', { name: /^All \d+ kinds$/ })).toHaveCount(0);

  await page.locator('.cm-content .cm-line').filter({ hasText: 'The MoU was signed by' }).screenshot({
    path: 'test-results/discontinuous-span-unselected.png',
  });

  // A click on the second piece selects the annotation: every piece is outlined, the gap is joined by a dotted line.
  const [from] = await spanOf(page, 'Tehran on Tuesday', 'The MoU was signed');
  const point = await pointAt(page, from + 2);
  await page.mouse.click(point.x, point.y);
  const panel = details(page);
  await expect(panel).toContainText('2 fragments: “The MoU was signed” … “in Tehran on Tuesday”');
  await expect(panel.getByLabel('Event type')).toHaveValue('agreement signing');
  await expect(page.locator('.cm-content .fm-fragment-gap')).toHaveText(
    ' by General Dehqan and his visiting Iraqi counterpart ',
  );
  await expect(page.locator('.cm-content [data-selected="true"]')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/discontinuous-span.png' });

  // A click in the gap is not a click on the annotation.
  await page.keyboard.press('Escape');
  const [gapAt] = await spanOf(page, 'visiting Iraqi counterpart in Tehran', 'The MoU was signed');
  const gap = await pointAt(page, gapAt + 3);
  await page.mouse.click(gap.x, gap.y);
  await expect(page.locator('.cm-content [data-selected="true"]')).toHaveCount(0);
  await expect(details(page)).toContainText('Click a highlight');
});

/** Selects `needle` in the open article with the keyboard. */
async function select(page: Page, needle: string, within?: string): Promise<void> {
  await selectWithKeyboard(page, ...(await spanOf(page, needle, within)));
}

test('a tagset of 45 kinds, most without hotkeys: palette, picker, shortcuts and tagset editor', async ({
  page,
  app,
}) => {
  await callApi(app.url, 'tagset/update', { tagset: LARGE_TAGSET });
  await page.goto(app.url);
  const palette = page.getByRole('toolbar', { name: 'Kinds' });
  await expect(palette.getByRole('button')).toHaveCount(45);
  await expect(palette.getByRole('button', { name: 'Located in' })).toBeVisible();

  // The bar keeps its size: the palette scrolls inside it, and the article keeps most of the window.
  const bar = await page.locator('.top-bar').boundingBox();
  const text = await page.locator('.article-view').boundingBox();
  expect(bar!.height).toBeLessThan(170);
  expect(text!.height).toBeGreaterThan(600);
  await page.screenshot({ path: 'test-results/palette-45-kinds.png' });
  // Three rows show; the rest scroll, or open all at once.
  await expect(palette.getByRole('button', { name: 'Job Title' })).not.toBeInViewport();
  await page.getByRole('button', { name: 'All 45 kinds' }).click();
  await expect(palette.getByRole('button', { name: 'Job Title' })).toBeInViewport();
  await page.screenshot({ path: 'test-results/palette-45-kinds-open.png' });
  await page.getByRole('button', { name: 'Fewer kinds' }).click();

  // A kind without a hotkey, from the palette.
  await select(page, 'Tehran', 'counterpart Khalid al-Obeidi in Tehran');
  await palette.getByRole('button', { name: 'GPE' }).click();
  await expect(annotationItems(page).filter({ hasText: 'Tehran' })).toContainText('GPE');
  await expectMarked(page, 'GPE', 'Tehran');

  // And from the keyboard: / opens the picker, typing narrows it, Enter tags.
  await select(page, 'Khalid al-Obeidi');
  await page.keyboard.press('/');
  const picker = page.getByRole('dialog', { name: 'Tag as' });
  await expect(picker).toContainText('Tag Khalid al-Obeidi as');
  await picker.getByRole('combobox').fill('per-so');
  await expect(picker.getByRole('option')).toHaveCount(1);
  await expect(picker.getByRole('option', { selected: true })).toContainText('Per Soc');
  await page.screenshot({ path: 'test-results/kind-picker.png' });
  await page.keyboard.press('Enter');
  await expect(picker).toHaveCount(0);
  await expectMarked(page, 'Per-Soc', 'Khalid al-Obeidi');
  await saved(page);

  // The shortcuts overlay lists all 45 and fits the window.
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(overlay.getByRole('list', { name: 'Kinds and their keys' }).getByRole('listitem')).toHaveCount(45);
  const card = await overlay.boundingBox();
  expect(card!.height).toBeLessThanOrEqual(900);
  await page.screenshot({ path: 'test-results/shortcuts-45-kinds.png' });
  await page.keyboard.press('Escape');

  // The tagset editor adds a kind with a foreign id and no hotkey.
  await page.getByRole('button', { name: 'Tagset' }).click();
  const editor = page.getByRole('region', { name: 'Tagset' });
  await editor.getByLabel('New kind id').fill('1st');
  await expect(editor.getByRole('alert')).toContainText('Id must start with a letter');
  await editor.getByLabel('New kind id').fill('Job-Title.Held');
  await editor.getByLabel('New kind label').fill('Job held');
  await expect(editor.getByRole('button', { name: 'Add kind' })).toBeEnabled();
  await editor.getByRole('button', { name: 'Add kind' }).click();
  await editor.getByRole('button', { name: 'Save tagset' }).click();
  await saved(page);
  await expect(palette.getByRole('button')).toHaveCount(46);
  await expect(palette.getByRole('button', { name: 'Job held' })).toBeVisible();
  await page.screenshot({ path: 'test-results/tagset-editor-46-kinds.png', fullPage: true });
});
