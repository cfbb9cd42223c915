/** Runs `work` once the next frame has been painted (or soon, where no frames are drawn). */
export type AfterPaint = (work: () => void) => void;

/** How long a page that draws no frames (hidden, or no DOM at all) waits before the views catch up. */
const NO_FRAME_MS = 100;

/**
 * After the next paint: a task queued from an animation frame callback runs
 * once that frame is on screen. A hidden page draws no frames, so a timer
 * makes sure the work is done anyway.
 */
export const afterNextPaint: AfterPaint = (work) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    work();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, typeof requestAnimationFrame === 'function' ? NO_FRAME_MS : 0);
};

/**
 * Who is told of the workspace state's changes, and when. The text is told
 * at once, always: what a keystroke changes in it is painted in that
 * keystroke's frame. The views (React) are told at once too, except after
 * `paintFirst()`: then they are told once, after the next paint, of all
 * that changed until then, so a keystroke's frame carries the text alone and
 * the list and panels follow in the next.
 */
export function createStoreListeners(afterPaint: AfterPaint = afterNextPaint) {
  const text = new Set<() => void>();
  const views = new Set<() => void>();
  let holding = false;
  let changed = false;
  const painted: (() => void)[] = [];

  function tellViews(): void {
    for (const listener of [...views]) listener();
  }

  return {
    /** A view's listener (a React hook's). */
    subscribe(listener: () => void): () => void {
      views.add(listener);
      return () => void views.delete(listener);
    },
    /** The text's listener: told at once of every change. */
    subscribeText(listener: () => void): () => void {
      text.add(listener);
      return () => void text.delete(listener);
    },
    notify(): void {
      for (const listener of [...text]) listener();
      if (holding) changed = true;
      else tellViews();
    },
    /** Holds the views' updates until the next frame is painted (a keystroke in the text is being handled). */
    paintFirst(): void {
      if (holding) return;
      holding = true;
      afterPaint(() => {
        holding = false;
        for (const resolve of painted.splice(0)) resolve();
        if (!changed) return;
        changed = false;
        tellViews();
      });
    },
    /** While views are held: a promise of the paint they wait for (work that can wait waits for it too). */
    painted(): Promise<void> | null {
      return holding ? new Promise<void>((resolve) => painted.push(resolve)) : null;
    },
  };
}
