// Keystroke timing for the benchmark's browser sections: from a keydown to
// the frame that paints what it changed in the text.
import type { Page } from '@playwright/test';

/**
 * Sets, in the page (as `window[name]`), the time from the next keydown to
 * the frame that paints the change: `selector` matching a different number
 * of elements than now; or (`span`) its first element's `data-span`
 * changing (a new annotation is drawn selected, with handles); or (`new-d`)
 * an element whose `d` (an SVG path's shape) none had before: a new arc,
 * also when the same frame takes another out of view, which leaves the
 * count unchanged.
 *
 * The time is taken at that frame's animation callbacks, before it is
 * painted. A change made while the key is handled (the text's update) is
 * painted by the next frame: the watcher asks for that frame's callback.
 * A change made in an animation callback (the editor's measure phase, where
 * arcs are drawn once the text is laid out) is painted by the frame running
 * it: the time is taken there and then. Asking for another frame then would
 * count one frame more than the one that shows it, and whatever work runs
 * between the two.
 */
export async function timeNextKey(
  page: Page,
  selector: string,
  watch: 'count' | 'span' | 'new-d' = 'count',
  name = '__bench',
): Promise<void> {
  const count = await page.locator(selector).count();
  const span =
    watch === 'span'
      ? await page.evaluate((s) => document.querySelector<HTMLElement>(s)?.dataset.span ?? '', selector)
      : null;
  const shapes =
    watch === 'new-d'
      ? await page.evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.getAttribute('d') ?? ''), selector)
      : null;
  await page.evaluate(
    ({ selector, count, span, shapes, name }) => {
      const w = window as unknown as Record<string, Promise<number>>;
      // Animation callbacks are marked as running until the microtasks they queued have run: a mutation
      // observer's callback for a change made in one is such a microtask.
      const marked = window as unknown as { __inAnimationFrame?: number };
      if (marked.__inAnimationFrame === undefined) {
        marked.__inAnimationFrame = 0;
        const request = window.requestAnimationFrame.bind(window);
        window.requestAnimationFrame = (callback) =>
          request((time) => {
            marked.__inAnimationFrame!++;
            try {
              callback(time);
            } finally {
              queueMicrotask(() => marked.__inAnimationFrame!--);
            }
          });
      }
      w[name] = new Promise<number>((resolve) => {
        let t0 = 0;
        let pressed = 0;
        const fromEvent = window as unknown as Record<string, number>;
        addEventListener(
          'keydown',
          (event) => {
            t0 = performance.now();
            pressed = event.timeStamp;
          },
          { capture: true, once: true },
        );
        const before = shapes && new Set(shapes);
        const observer = new MutationObserver(() => {
          if (before) {
            const all = [...document.querySelectorAll(selector)];
            if (all.every((e) => before.has(e.getAttribute('d') ?? ''))) return;
          } else if (span === null && document.querySelectorAll(selector).length === count) return;
          else if (span !== null && (document.querySelector<HTMLElement>(selector)?.dataset.span ?? '') === span)
            return;
          observer.disconnect();
          // No named function in here: the compiler would wrap it in a helper the page does not have.
          if (marked.__inAnimationFrame! > 0) {
            fromEvent[`${name}FromEvent`] = performance.now() - pressed;
            resolve(performance.now() - t0);
          } else
            requestAnimationFrame(() => {
              fromEvent[`${name}FromEvent`] = performance.now() - pressed;
              resolve(performance.now() - t0);
            });
        });
        observer.observe(document.querySelector('.cm-scroller')!, { childList: true, subtree: true });
      });
    },
    { selector, count, span, shapes, name },
  );
}

/**
 * The time set by `timeNextKey`, from the key's handler; a wait of more than
 * ten seconds means the key did not do its work.
 */
export const benchResult = (page: Page, what: string, name = '__bench') =>
  page.evaluate(
    ({ what, name }) =>
      Promise.race([
        (window as unknown as Record<string, Promise<number>>)[name]!,
        new Promise<number>((_, reject) =>
          setTimeout(() => reject(new Error(`${what}: nothing drawn in 10 s`)), 10_000),
        ),
      ]),
    { what, name },
  );

/**
 * The same key's time from the event's own time stamp (when the browser took
 * the key), so also the time the key waited for the page's main thread: what
 * a person feels when the page is busy with earlier work as they type.
 */
export const fromKeyEvent = (page: Page, name = '__bench') =>
  page.evaluate((name) => (window as unknown as Record<string, number>)[`${name}FromEvent`]!, name);

/** The page's questions to the server, as the driver sees them go and come back. */
export interface Questions {
  /** Sent and not yet answered (or failed). */
  open(): number;
  /** Sent since the page was watched. */
  sent(): number;
}

/** Starts counting the page's `/api/` requests: a key's save and the suggestions asked for after it are some. */
export function watchQuestions(page: Page): Questions {
  let open = 0;
  let sent = 0;
  const isApi = (url: string) => url.includes('/api/');
  page.on('request', (r) => {
    if (!isApi(r.url())) return;
    open++;
    sent++;
  });
  const done = (r: { url(): string }) => {
    if (isApi(r.url())) open--;
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return { open: () => open, sent: () => sent };
}

/** An idle period of the page's main thread: an idle callback with more than 40 of its 50 ms left. */
const idlePeriod = (page: Page) =>
  page.evaluate(async () => {
    const start = performance.now();
    for (;;) {
      const left = await new Promise<number>((resolve) =>
        requestIdleCallback((d) => resolve(d.timeRemaining()), { timeout: 1000 }),
      );
      if (left > 40) return;
      if (performance.now() - start > 10_000) throw new Error('the page was not idle once in 10 s');
    }
  });

/**
 * Waits until the page has done all that the last key set going, as a
 * person's next key finds it: the save answered (the top bar says so), no
 * question to the server open, and two idle periods of the page's main
 * thread in a row with none sent meanwhile. The page sends some questions
 * when idle (the suggestions asked for again after an edit): the second
 * period sees those the first one's callbacks sent.
 */
export async function settled(page: Page, questions: Questions): Promise<void> {
  await page.getByTestId('save-state').getByText('All changes saved').waitFor();
  const start = Date.now();
  for (;;) {
    while (questions.open() > 0) {
      if (Date.now() - start > 30_000) throw new Error('a question to the server was open for 30 s');
      await page.waitForTimeout(5);
    }
    const before = questions.sent();
    await idlePeriod(page);
    await idlePeriod(page);
    if (questions.open() === 0 && questions.sent() === before) return;
  }
}
