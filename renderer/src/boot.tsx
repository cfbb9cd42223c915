import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { articleAddress, articleInAddress } from './article-address';
import type { FactmarkClient } from './client/factmark-client';
import { WorkspaceProvider } from './state/workspace-context';
import { createWorkspaceStore } from './state/workspace-store';
import { firstArticleOrWait } from './first-article';
// After the components' styles, as it always was: its rules win a tie.
import './styles.css';

/** The tab's session storage (undo history survives a reload), or none where the browser refuses it. */
function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** The open article is kept in the address, so a reload returns to it. */
function rememberArticle(articleId: string): void {
  window.history.replaceState(null, '', articleAddress(articleId));
}

/** Starts the app over `client`, opening `articleId` (the one in the address) if there is one. */
export async function boot(client: FactmarkClient, articleId: string | undefined): Promise<void> {
  const store = createWorkspaceStore(client, undefined, { historyStorage: sessionStorageOrNull() });
  store.subscribe(() => {
    const id = store.getState().article?.id;
    if (id && articleInAddress(window.location.hash) !== id) rememberArticle(id);
  });
  const started = store.init(articleId);
  // The app is drawn once, with its article: not an empty frame first and the text in a second render. A store
  // slow to answer gets the empty frame after a moment, and the text when it comes.
  await firstArticleOrWait(store, started);

  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <WorkspaceProvider store={store}>
        <App onOpenArticle={rememberArticle} />
      </WorkspaceProvider>
    </StrictMode>,
  );
}
