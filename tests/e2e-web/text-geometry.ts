import type { Page } from '@playwright/test';

/**
 * Screen coordinates of the character at `offset` of the article text, found
 * through the DOM text CodeMirror renders, scrolling it into view first
 * (the line must be rendered: the sample articles are short enough).
 */
export async function pointAt(
  page: Page,
  offset: number,
  side: 'before' | 'after' = 'before',
): Promise<{ x: number; y: number }> {
  // Twice: the first call may scroll, and CodeMirror re-measures after a scroll.
  await locate(page, offset, side);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  return locate(page, offset, side);
}

function locate(page: Page, offset: number, side: 'before' | 'after'): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ({ offset, side }) => {
      const content = document.querySelector('.cm-content');
      if (!content) throw new Error('no article text on screen');
      const lines = Array.from(content.querySelectorAll('.cm-line'));
      let remaining = offset;
      for (const line of lines) {
        const length = line.textContent?.length ?? 0;
        if (remaining <= length) {
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          let node = walker.nextNode();
          while (node) {
            const len = node.textContent?.length ?? 0;
            if (remaining < len || (remaining === len && side === 'after')) {
              const range = document.createRange();
              const at = side === 'after' ? remaining - 1 : remaining;
              range.setStart(node, at);
              range.setEnd(node, at + 1);
              const scroller = document.querySelector('.cm-scroller')!;
              const before = range.getBoundingClientRect();
              const view = scroller.getBoundingClientRect();
              if (before.top < view.top + 20 || before.bottom > view.bottom - 20) {
                scroller.scrollTop += before.top - view.top - view.height / 2;
              }
              const box = range.getBoundingClientRect();
              return { x: side === 'after' ? box.right - 1 : box.left + 1, y: box.top + box.height / 2 };
            }
            remaining -= len;
            node = walker.nextNode();
          }
        }
        remaining -= length + 1; // the line break
      }
      throw new Error(`offset ${offset} is not on screen`);
    },
    { offset, side },
  );
}

/** Drags the mouse over [start, end) of the article text, as a person selects. */
export async function selectWithMouse(page: Page, start: number, end: number): Promise<void> {
  const from = await pointAt(page, start, 'before');
  const to = await pointAt(page, end, 'after');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

/** Clicks just before `start`, then extends the selection with Shift+→ to `end`. */
export async function selectWithKeyboard(page: Page, start: number, end: number): Promise<void> {
  const from = await pointAt(page, start, 'before');
  await page.mouse.click(from.x - 0.5, from.y);
  await page.keyboard.press('Escape');
  for (let i = start; i < end; i++) await page.keyboard.press('Shift+ArrowRight');
}
