import type { Page } from '@playwright/test';
import { expect, test } from './web-fixture';
import { annotationItems, details, expectMarked, saved, spanOf, tag } from './page-helpers';
import { pointAt, selectWithKeyboard } from './text-geometry';

const HIRED = '"These hired terrorists (ISIL) are pursuing the interests of the US and Israel in the region,"';
const arcs = (page: Page) => page.locator('.fm-structure-layer path.fm-arc');
const arcLabels = (page: Page) => page.locator('.fm-structure-layer text.fm-arc-label');
const label = (page: Page, text: string) => page.locator(`.fm-structure-layer .fm-label[data-label="${text}"]`);
const showInText = (page: Page) => page.getByRole('group', { name: 'Show in the text' });

const THREE_LABELS = [
  ['claim', 'Claim'],
  ['place', 'Place'],
  ['speaker', 'Speaker'],
] as const;

/** Each kind's first span has its label just above its first letter (call it inside `toPass`: labels are drawn after the text). */
async function expectLabelsAbove(page: Page, kinds: readonly (readonly [string, string])[]): Promise<void> {
  for (const [kind, text] of kinds) {
    const span = (await page.locator(`.fm-mark-${kind}`).first().boundingBox())!;
    const box = (await label(page, text).boundingBox())!;
    expect(Math.abs(box.x - span.x), `${text} label above its span`).toBeLessThan(2);
    expect(span.y - (box.y + box.height), `${text} label just above its span`).toBeGreaterThanOrEqual(0);
    expect(span.y - (box.y + box.height), `${text} label just above its span`).toBeLessThan(8);
  }
}

/** Puts the caret inside a span of the text by keyboard (an empty selection two characters in). */
async function caretInto(page: Page, needle: string): Promise<void> {
  const [start] = await spanOf(page, needle);
  await selectWithKeyboard(page, start + 2, start + 2);
}

test('links are drawn as arcs over the text, made by keyboard, and follow undo and redo', async ({ page, app }) => {
  await page.goto(app.url);
  await tag(page, '1', HIRED);
  await tag(page, '2', 'General Dehqan');
  await expect(label(page, 'Claim')).toHaveCount(1);
  await expect(label(page, 'Speaker')).toHaveCount(1);
  await expect(arcs(page)).toHaveCount(0);

  // The claim selected from the text, Alt+L, the caret moved into the speaker, Enter: the said-by link, drawn at once.
  const [claimAt] = await spanOf(page, HIRED);
  const [speakerAt] = await spanOf(page, 'General Dehqan');
  const inClaim = await pointAt(page, claimAt + 2);
  await page.mouse.click(inClaim.x, inClaim.y);
  await expect(details(page).locator('.chip')).toHaveText('Claim');
  await page.keyboard.press('Alt+l');
  for (let i = claimAt + 2; i < speakerAt + 2; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(details(page).getByRole('group', { name: 'said by' })).toContainText('General Dehqan');
  await expect(arcs(page)).toHaveCount(1);
  await expect(arcLabels(page)).toHaveText(['said by']);
  await saved(page);

  // The arc runs from above the claim to above the speaker, ending in an arrow.
  const ends = await arcs(page)
    .first()
    .evaluate((path: SVGPathElement) => {
      const length = path.getTotalLength();
      const m = path.getScreenCTM()!;
      const at = (t: number) => {
        const p = path.getPointAtLength(t).matrixTransform(m);
        return { x: p.x, y: p.y };
      };
      return { from: at(0), to: at(length) };
    });
  const claimStart = await pointAt(page, (await spanOf(page, HIRED))[0]);
  const speaker = await page.locator('.fm-mark-speaker').first().boundingBox();
  expect(Math.abs(ends.from.y - claimStart.y)).toBeLessThan(40);
  expect(ends.from.y).toBeLessThan(claimStart.y);
  expect(ends.to.x).toBeGreaterThan(speaker!.x);
  expect(ends.to.x).toBeLessThan(speaker!.x + speaker!.width);
  expect(ends.to.y).toBeLessThan(speaker!.y);
  expect(speaker!.y - ends.to.y).toBeLessThan(30);

  // Undo takes the arc away, redo draws it again.
  await page.keyboard.press('Control+z');
  await expect(arcs(page)).toHaveCount(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(arcs(page)).toHaveCount(1);
  await saved(page);

  // Moving the speaker's start moves the arc's end with it.
  const before = await arcs(page).first().getAttribute('d');
  const inSpeaker = await pointAt(page, speakerAt + 5);
  await page.mouse.click(inSpeaker.x, inSpeaker.y);
  await expect(details(page).locator('.chip')).toHaveText('Speaker');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Alt+Shift+End');
  await expectMarked(page, 'speaker', 'eral Dehqan');
  await expect.poll(() => arcs(page).first().getAttribute('d')).not.toBe(before);
  // The move saved, and the panels settled after it (the annotation list brings the moved span's row into view).
  await saved(page);

  // Both can be switched off, and the choice holds after a reload.
  await showInText(page)
    .getByRole('checkbox', { name: /Link arcs/ })
    .uncheck();
  await expect(arcs(page)).toHaveCount(0);
  await showInText(page).getByRole('checkbox', { name: 'Span labels' }).uncheck();
  await expect(page.locator('.fm-label')).toHaveCount(0);
  await saved(page);
  await page.reload();
  await expect(page.locator('.cm-content')).toContainText('These hired terrorists');
  await expect(page.locator('.fm-mark-claim')).toHaveCount(1);
  await expect(arcs(page)).toHaveCount(0);
  await expect(page.locator('.fm-label')).toHaveCount(0);
  await showInText(page)
    .getByRole('checkbox', { name: /Link arcs/ })
    .check();
  await showInText(page).getByRole('checkbox', { name: 'Span labels' }).check();
  await expect(arcs(page)).toHaveCount(1);
  await expect(label(page, 'Claim')).toHaveCount(1);
});

test('a span tells what it is: labels in the text, a tooltip on hover, words at the caret for screen readers', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await tag(page, '1', HIRED);
  await details(page).getByLabel('Verdict').selectOption('opinion');
  await tag(page, '2', 'General Dehqan');
  await annotationItems(page).filter({ hasText: 'These hired terrorists' }).click();
  await page.keyboard.press('Alt+l');
  // A span's label stands for it: clicking the label ends linking on its span.
  await label(page, 'Speaker').click();
  await expect(arcs(page)).toHaveCount(1);
  await saved(page);

  // Each label stands above its span's first letter; labels of spans close together stand side by side.
  await tag(page, '4', 'Dehqan', 'General Dehqan');
  await tag(page, '6', 'Tehran');
  // The labels are drawn in a layer measured after the text: read them once both have settled.
  await expect(async () => {
    await expectLabelsAbove(page, THREE_LABELS);
    const speakerLabel = (await label(page, 'Speaker').boundingBox())!;
    const personLabel = (await label(page, 'Person').boundingBox())!;
    expect(personLabel.x).toBeGreaterThanOrEqual(speakerLabel.x + speakerLabel.width);
    expect(Math.abs(personLabel.y - speakerLabel.y)).toBeLessThan(1);
  }).toPass({ timeout: 10_000 });

  // The label's words are not part of the text.
  const text = await page.locator('.cm-content').evaluate((el) => el.textContent ?? '');
  expect(text).not.toContain('Claim');
  expect(text).not.toContain('Speaker');

  // Hovering the claim: kind, layer, the verdict chosen (nothing unchosen), the link by the speaker's words.
  const [start] = await spanOf(page, HIRED);
  const inside = await pointAt(page, start + 10);
  await page.mouse.move(inside.x, inside.y);
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText('Claim · yours');
  await expect(tooltip).toContainText('Verdict: opinion');
  await expect(tooltip).not.toContainText('Check-worthy');
  await expect(tooltip).toContainText('said by → “General Dehqan”');

  // The speaker's tooltip names who links to it.
  const [speakerStart] = await spanOf(page, 'General Dehqan');
  const onSpeaker = await pointAt(page, speakerStart + 3);
  await page.mouse.move(onSpeaker.x, onSpeaker.y);
  await expect(page.getByRole('tooltip')).toContainText('Speaker · yours');
  await expect(page.getByRole('tooltip')).toContainText('said by → this');

  // The caret in a span: its description in a live region.
  await caretInto(page, 'General Dehqan');
  await expect(page.getByTestId('caret-spans')).toHaveAttribute('aria-live', 'polite');
  await expect(page.getByTestId('caret-spans')).toHaveText(/^At the caret: Speaker · yours; .*said by → this/);

  // Clicking a label selects its span.
  await page.keyboard.press('Escape');
  await label(page, 'Claim').click();
  await expect(details(page).locator('.chip')).toHaveText('Claim');
});

test('while linking, ] and [ choose the target and Enter links to it', async ({ page, app }) => {
  await page.goto(app.url);
  await tag(page, '1', HIRED);
  await tag(page, '2', 'General Dehqan');
  await tag(page, '2', 'Khalid al-Obeidi');
  const [claimAt] = await spanOf(page, HIRED);
  const inClaim = await pointAt(page, claimAt + 2);
  await page.mouse.click(inClaim.x, inClaim.y);
  await page.keyboard.press('Alt+l');
  // The caret stays in the claim; the second step chooses the second speaker.
  await page.keyboard.press(']');
  await page.keyboard.press(']');
  await expect(details(page).locator('blockquote')).toContainText('Khalid al-Obeidi');
  await page.keyboard.press('Enter');
  await expect(details(page).getByRole('group', { name: 'said by' }).getByRole('listitem')).toHaveText([
    /^Khalid al-Obeidi/,
  ]);
  await expect(arcs(page)).toHaveCount(1);
  await saved(page);
});

test('labels and arcs follow the text when it wraps anew: a narrower window, a wider one', async ({ page, app }) => {
  await page.goto(app.url);
  await tag(page, '1', HIRED);
  await tag(page, '2', 'General Dehqan');
  await tag(page, '6', 'Tehran');
  await annotationItems(page).filter({ hasText: 'These hired terrorists' }).click();
  await page.keyboard.press('Alt+l');
  await label(page, 'Speaker').click();
  await expect(arcs(page)).toHaveCount(1);
  await saved(page);

  /** Every label stands above its span's first letter, and the arc starts above the claim's first line. */
  const expectInPlace = () =>
    expect(async () => {
      await expectLabelsAbove(page, THREE_LABELS);
      // The arc's first point, in the page, against the claim's first line.
      const [start, line] = await arcs(page).evaluate((path) => {
        const origin = (path as SVGPathElement).ownerSVGElement!.getBoundingClientRect();
        const [, x, y] = /^M(-?[\d.]+),(-?[\d.]+)/.exec(path.getAttribute('d') ?? '')!;
        const first = document.querySelector('.cm-content .fm-mark-claim')!.getClientRects()[0]!;
        return [
          { x: origin.left + Number(x), y: origin.top + Number(y) },
          { left: first.left, right: first.right, top: first.top },
        ];
      });
      expect(start.x, 'the arc starts over the claim').toBeGreaterThan(line.left);
      expect(start.x, 'the arc starts over the claim').toBeLessThan(line.right);
      expect(line.top - start.y, 'the arc starts just above the claim').toBeGreaterThan(0);
      expect(line.top - start.y, 'the arc starts just above the claim').toBeLessThan(20);
    }).toPass({ timeout: 10_000 });

  // The layer is drawn anew as a whole, so a label found may be gone by the time it is measured: null, ask again.
  const placeTop = async () => (await label(page, 'Place').boundingBox())?.y ?? null;
  await expectInPlace();
  let before: number | null = null;
  await expect.poll(async () => (before = await placeTop())).not.toBeNull();
  await page.setViewportSize({ width: 900, height: 800 });
  // The text wrapped anew: the place moved, and its label with it.
  await expect.poll(async () => (await placeTop()) ?? before).not.toBe(before);
  await expectInPlace();
  await page.screenshot({ path: 'test-results/structure-narrow.png' });
  await page.setViewportSize({ width: 1400, height: 900 });
  await expectInPlace();
});
