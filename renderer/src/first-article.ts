import type { WorkspaceStore } from './state/workspace-store';

/** How long the window stays blank for the first article before the app is drawn without it. */
export const FIRST_ARTICLE_WAIT_MS = 250;

/**
 * Settles once the store shows its first article (or the panel of one that
 * cannot be read), once `started` settles (a store with no article, or a
 * failure the app will show), or after `waitMs`, whichever comes first.
 */
export function firstArticleOrWait(
  store: Pick<WorkspaceStore, 'getState' | 'subscribe'>,
  started: Promise<unknown>,
  waitMs = FIRST_ARTICLE_WAIT_MS,
): Promise<void> {
  return new Promise<void>((resolve) => {
    const shown = () => {
      const { article, damaged } = store.getState();
      return article !== null || damaged !== null;
    };
    if (shown()) return resolve();
    const off = store.subscribe(() => {
      if (shown()) done();
    });
    const timer = setTimeout(done, waitMs);
    function done() {
      off();
      clearTimeout(timer);
      resolve();
    }
    started.then(done, done);
  });
}
