import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { firstArticleOrWait } from '../../../renderer/src/first-article';

/** Just what the wait reads of the workspace store: the open article or damaged one, and change listeners. */
function fakeStore() {
  let state = { article: null as object | null, damaged: null as object | null };
  const listeners = new Set<() => void>();
  return {
    getState: () => state as never,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    set(patch: Partial<typeof state>) {
      state = { ...state, ...patch };
      for (const listener of [...listeners]) listener();
    },
    listeners,
  };
}

/** Whether `promise` has settled, once the microtasks queued so far have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
}

describe('the first render waits for the first article', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('ends when the article is shown, not when the status came before it', async () => {
    const store = fakeStore();
    const wait = firstArticleOrWait(store, new Promise(() => undefined), 250);
    store.set({}); // the status and registries: no article yet
    expect(await settled(wait)).toBe(false);
    store.set({ article: { id: 'a' } });
    expect(await settled(wait)).toBe(true);
    expect(store.listeners.size).toBe(0);
  });

  it('ends for an article that cannot be read, whose panel is shown instead', async () => {
    const store = fakeStore();
    const wait = firstArticleOrWait(store, new Promise(() => undefined), 250);
    store.set({ damaged: { articleId: 'a' } });
    expect(await settled(wait)).toBe(true);
  });

  it('ends when the start-up ends without an article (an empty store, or a failure the app shows)', async () => {
    const store = fakeStore();
    let fail: (error: Error) => void = () => undefined;
    const started = new Promise<void>((_, reject) => (fail = reject));
    started.catch(() => undefined);
    const wait = firstArticleOrWait(store, started, 250);
    expect(await settled(wait)).toBe(false);
    fail(new Error('the server is gone'));
    expect(await settled(wait)).toBe(true);
  });

  it('draws the app without its article after the wait, when the store is slow to answer', async () => {
    const store = fakeStore();
    const wait = firstArticleOrWait(store, new Promise(() => undefined), 250);
    await vi.advanceTimersByTimeAsync(249);
    expect(await settled(wait)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(wait)).toBe(true);
    expect(store.listeners.size).toBe(0);
  });

  it('does not wait when the article is already there', async () => {
    const store = fakeStore();
    store.set({ article: { id: 'a' } });
    expect(await settled(firstArticleOrWait(store, new Promise(() => undefined), 250))).toBe(true);
  });
});
