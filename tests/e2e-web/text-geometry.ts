import type { Page } from '@playwright/test';

/**
 * The article view's CodeMirror editor, reached through the DOM the way
 * `EditorView.findFromDOM` does (the page bundles CodeMirror, so the class
 * itself is out of reach). CodeMirror draws only the lines near the screen,
 * so offsets and coordinates come from the editor, never from the DOM text.
 */
type View = {
  state: { doc: { toString(): string; length: number } };
  coordsAtPos(pos: number, side?: -1 | 1): { left: number; right: number; top: number; bottom: number } | null;
  dispatch(spec: { effects?: unknown; selection?: { anchor: number }; scrollIntoView?: boolean }): void;
  focus(): void;
  scrollDOM: HTMLElement;
  constructor: { scrollIntoView(pos: number, options: { y: 'center' }): unknown };
};
declare global {
  interface Element {
    cmTile?: { root?: { view?: View } };
  }
}

/** The whole article text, as the editor holds it. */
export async function articleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const view = document.querySelector('.cm-content')?.cmTile?.root?.view;
    if (!view) throw new Error('no article text on screen');
    return view.state.doc.toString();
  });
}

/**
 * Screen coordinates of the character at `offset` of the article text (just
 * inside its left edge; with `after`, just inside the right edge of the
 * character before `offset`), scrolling it to the middle of the text first
 * when it is not well on screen.
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
      const view = document.querySelector('.cm-content')?.cmTile?.root?.view;
      if (!view) throw new Error('no article text on screen');
      const at = side === 'after' ? offset - 1 : offset;
      if (at < 0 || at >= view.state.doc.length) throw new Error(`offset ${offset} is outside the text`);
      const left = view.coordsAtPos(at, 1);
      const right = view.coordsAtPos(at + 1, -1);
      const box = view.scrollDOM.getBoundingClientRect();
      if (!left || !right || left.top < box.top + 20 || left.bottom > box.bottom - 20) {
        view.dispatch({ effects: view.constructor.scrollIntoView(at, { y: 'center' }) });
        if (!left || !right) return { x: Number.NaN, y: Number.NaN };
      }
      return {
        x: side === 'after' ? right.left - 1 : left.left + 1,
        y: (left.top + left.bottom) / 2,
      };
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

/**
 * Puts the caret at `start` (as a click there would, but never on a span's drag handle, which a span
 * starting there draws at that very place), then extends the selection with Shift+→ to `end`.
 */
export async function selectWithKeyboard(page: Page, start: number, end: number): Promise<void> {
  await pointAt(page, start, 'before');
  await page.evaluate((anchor) => {
    const view = document.querySelector('.cm-content')?.cmTile?.root?.view;
    if (!view) throw new Error('no article text on screen');
    view.focus();
    view.dispatch({ selection: { anchor }, scrollIntoView: true });
  }, start);
  await page.keyboard.press('Escape');
  for (let i = start; i < end; i++) await page.keyboard.press('Shift+ArrowRight');
}
