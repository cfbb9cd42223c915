import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { pickClient } from './client/pick-client';
import { WorkspaceProvider } from './state/workspace-context';
import { createWorkspaceStore } from './state/workspace-store';
import './styles.css';

const ARTICLE_ROUTE = /^#\/article\/(.+)$/;

/** The tab's session storage (undo history survives a reload), or none where the browser refuses it. */
function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

const store = createWorkspaceStore(pickClient(window), undefined, { historyStorage: sessionStorageOrNull() });
const fromHash = ARTICLE_ROUTE.exec(window.location.hash)?.[1];
void store.init(fromHash ? decodeURIComponent(fromHash) : undefined);

/** The open article is kept in the address, so a reload returns to it. */
function rememberArticle(articleId: string): void {
  window.history.replaceState(null, '', `#/article/${encodeURIComponent(articleId)}`);
}
store.subscribe(() => {
  const id = store.getState().article?.id;
  if (id && ARTICLE_ROUTE.exec(window.location.hash)?.[1] !== encodeURIComponent(id)) rememberArticle(id);
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <WorkspaceProvider store={store}>
      <App onOpenArticle={rememberArticle} />
    </WorkspaceProvider>
  </StrictMode>,
);
