import type { Page } from '@playwright/test';
import { expect, test } from './web-fixture';
import { annotationItems, details, expectMarked, saved, spanOf, tag } from './page-helpers';
import { pointAt } from './text-geometry';

const HIRED = '"These hired terrorists (ISIL) are pursuing the interests of the US and Israel in the region,"';
const notice = (page: Page, text: RegExp) => page.getByText(text);
const mark = (page: Page, kind: string) => page.locator(`.fm-mark-${kind}`);

/** Clicks inside a span of the text (which selects its annotation and puts the caret there). */
async function clickSpan(page: Page, needle: string): Promise<void> {
  const [start] = await spanOf(page, needle);
  const inside = await pointAt(page, start + 2);
  await page.mouse.click(inside.x, inside.y);
}

test('a kind key on the selected annotation changes its kind, keeps the links that still apply, and undoes in one step', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(page.locator('.cm-content')).toContainText('These hired terrorists');
  await tag(page, '1', HIRED);
  await tag(page, '2', 'General Dehqan');
  await tag(page, '3', 'a joint press conference');
  // The claim said by the speaker; the speaker the agent of the event.
  for (const [from, type] of [
    ['These hired terrorists', 'said by'],
    ['a joint press conference', 'agent'],
  ]) {
    await annotationItems(page).filter({ hasText: from }).click();
    await page.keyboard.press('Alt+l');
    await clickSpan(page, 'General Dehqan');
    await expect(details(page).getByRole('group', { name: type })).toContainText('General Dehqan');
  }
  await saved(page);

  // The speaker becomes a person: an event's agent may be a person, a claim is not said by one.
  await clickSpan(page, 'General Dehqan');
  await expect(details(page).locator('.chip')).toHaveText('Speaker');
  await page.keyboard.press('4');
  await expect(notice(page, /Changed Speaker to Person; dropped said by link with “"These hired/)).toBeVisible();
  await expectMarked(page, 'person', 'General Dehqan');
  await expect(mark(page, 'speaker')).toHaveCount(0);
  await expect(annotationItems(page)).toHaveCount(3);
  await expect(details(page).getByRole('group', { name: 'Linked from' })).toContainText('agent');
  await expect(details(page).getByRole('group', { name: 'Linked from' })).not.toContainText('said by');
  await saved(page);

  // One undo brings back the kind and the said-by link.
  await page.keyboard.press('Control+z');
  await saved(page);
  await expectMarked(page, 'speaker', 'General Dehqan');
  await annotationItems(page).filter({ hasText: 'These hired terrorists' }).click();
  await expect(details(page).getByRole('group', { name: 'said by' })).toContainText('General Dehqan');

  // The kind palette corrects in place too: the claim becomes an event, its verdict named as dropped.
  await details(page).getByLabel('Verdict').selectOption('false');
  await saved(page);
  await clickSpan(page, 'These hired terrorists');
  await page.getByRole('toolbar', { name: 'Kinds' }).getByRole('button', { name: 'Event' }).click();
  await expect(notice(page, /Changed Claim to Event; dropped Verdict “false”, said by link/)).toBeVisible();
  await expect(mark(page, 'claim')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await saved(page);
  await expect(mark(page, 'claim').first()).toContainText('These hired terrorists');
});

test('the ends of the selected annotation move by keyboard, by character and by word, rapid moves one undo step', async ({
  page,
  app,
}, testInfo) => {
  await page.goto(app.url);
  await expect(page.locator('.cm-content')).toContainText('General Dehqan said');
  await tag(page, '2', 'General Dehqan');

  for (let i = 0; i < ' said'.length; i++) await page.keyboard.press('Alt+Shift+ArrowRight');
  await expectMarked(page, 'speaker', 'General Dehqan said');
  await page.keyboard.press('Control+Alt+Shift+ArrowRight');
  await expectMarked(page, 'speaker', 'General Dehqan said in');
  await page.keyboard.press('Control+Alt+Shift+ArrowLeft');
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await expectMarked(page, 'speaker', 'General Dehqan sai');
  await page.keyboard.press('Alt+Shift+End');
  await expectMarked(page, 'speaker', 'eneral Dehqan sai');
  await page.keyboard.press('Control+Alt+Shift+End');
  await expectMarked(page, 'speaker', 'Dehqan sai');
  await page.keyboard.press('Control+Alt+Shift+Home');
  await expectMarked(page, 'speaker', 'General Dehqan sai');
  await saved(page);
  await expect(annotationItems(page)).toHaveCount(1);
  await expect(annotationItems(page).first()).toContainText('General Dehqan sai');
  await page.screenshot({ path: testInfo.outputPath('selected-annotation-focus-ring.png') });

  // Moves pressed in quick succession are one step: one undo puts the span back where it was tagged.
  await page.keyboard.press('Control+z');
  await saved(page);
  await expectMarked(page, 'speaker', 'General Dehqan');
  await page.keyboard.press('Control+Shift+z');
  await saved(page);
  await expectMarked(page, 'speaker', 'General Dehqan sai');

  // A later move, after a pause, is a step of its own.
  await page.waitForTimeout(1700);
  await page.keyboard.press('Alt+Shift+ArrowRight');
  await expectMarked(page, 'speaker', 'General Dehqan said');
  await saved(page);
  await page.keyboard.press('Control+z');
  await expectMarked(page, 'speaker', 'General Dehqan sai');
  await saved(page);

  // Reloaded, the span is where the moves left it.
  await page.reload();
  await expectMarked(page, 'speaker', 'General Dehqan sai');
});

test('dragging the handles at either end of the selected annotation moves that end, one undo step each', async ({
  page,
  app,
}, testInfo) => {
  await page.goto(app.url);
  await expect(page.locator('.cm-content')).toContainText('General Dehqan said');
  await tag(page, '2', 'General Dehqan');
  await expect(page.locator('.fm-handles')).toHaveText('General Dehqan');
  // A suggestion's ghost inside the span ("Dehqan") is drawn within the handles, which stay one piece.
  await expect(page.locator('.fm-handles .fm-ghost')).not.toHaveCount(0);
  await expect(page.locator('.fm-handles')).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('selected-annotation-handles.png') });

  const drag = async (handle: 'start' | 'end', offset: number, side: 'before' | 'after') => {
    const box = (await page.locator('.fm-handles').boundingBox())!;
    const to = await pointAt(page, offset, side);
    // A handle is the bar on one of the span's outer edges (the span is on one line here).
    await page.mouse.move(handle === 'start' ? box.x : box.x + box.width, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move((box.x + to.x) / 2, to.y, { steps: 4 });
    await page.mouse.move(to.x + (side === 'after' ? 1 : -1), to.y, { steps: 4 });
    await page.mouse.up();
  };
  const [, saidEnd] = await spanOf(page, 'General Dehqan said');
  await drag('end', saidEnd, 'after');
  await expectMarked(page, 'speaker', 'General Dehqan said');
  await saved(page);
  const [dehqan] = await spanOf(page, 'Dehqan said');
  await drag('start', dehqan, 'before');
  await expectMarked(page, 'speaker', 'Dehqan said');
  await saved(page);
  // Still selected, and still one annotation.
  await expect(annotationItems(page)).toHaveCount(1);
  await expect(details(page).locator('blockquote')).toHaveText('Dehqan said');

  await page.keyboard.press('Control+z');
  await saved(page);
  await expectMarked(page, 'speaker', 'General Dehqan said');
  await page.keyboard.press('Control+z');
  await saved(page);
  await expectMarked(page, 'speaker', 'General Dehqan');
});

test('after tagging, focus goes to the first attribute; Esc brings it back to the text where the caret was', async ({
  page,
  app,
}, testInfo) => {
  await page.goto(app.url);
  await expect(page.locator('.cm-content')).toContainText('These hired terrorists');
  await tag(page, '1', 'These hired terrorists');
  await expect(details(page).getByLabel('Verdict')).toBeFocused();
  await page.keyboard.press('Escape');
  const text = page.getByTestId('article-text');
  await expect(text).toBeFocused();
  // The claim stays selected, and the text shows where its focus and caret are.
  await expect(details(page).locator('.chip')).toHaveText('Claim');
  const ring = await page.locator('.article-view .cm-editor').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(ring).toBe('solid');
  await expect(page.locator('.cm-cursor-primary')).toBeVisible();
  const caret = await page
    .locator('.cm-cursor-primary')
    .evaluate((el) => parseFloat(getComputedStyle(el).borderLeftWidth));
  expect(caret).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: testInfo.outputPath('caret-and-focus-ring.png') });

  // The caret is where tagging left it, just after the claim: the next selection starts there.
  for (let i = 0; i < ' (ISIL)'.length; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('5');
  await expectMarked(page, 'organisation', '(ISIL)');

  // A kind without attributes leaves the keyboard in the text.
  await expect(text).toBeFocused();

  // The shortcuts overlay lists the keys that correct in place.
  await page.keyboard.press('?');
  const overlay = page.getByRole('dialog');
  await expect(overlay).toContainText('Alt+Shift+Home');
  await expect(overlay).toContainText('change the selected annotation’s kind');
  // And those that take or refuse a suggestion.
  await expect(overlay).toContainText('accept every suggestion of its kind in the article');
  await expect(overlay).toContainText('reject it: it is not proposed again');
});
