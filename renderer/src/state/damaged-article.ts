import type { ArticleLayer } from '../../../annotations/model';
import type { StoreProblem } from '../../../annotations/repository';
import type { ClientError, FactmarkClient } from '../client/factmark-client';
import { problemOf } from './left-out';
import type { WorkspaceState } from './workspace-store';

/** An article the user opened whose text or annotations file cannot be read: shown instead of the editor. */
export interface DamagedArticle {
  articleId: string;
  title: string;
  problem: StoreProblem;
}

const NO_LAYER: ArticleLayer = { annotations: [], relations: [], documentLabels: [] };

/** What the workspace does about files that cannot be read. */
export function damageActions(
  client: FactmarkClient,
  get: () => WorkspaceState,
  set: (patch: Partial<WorkspaceState>) => void,
) {
  /** Reloads the store status: its list of files that cannot be read marks articles in the list. */
  async function refreshStatus(): Promise<void> {
    const status = await client.send('store/status', {}).catch(() => null);
    if (status) set({ status });
  }

  /** Shows the panel of an article that cannot be read, in place of the editor. */
  async function showDamaged(articleId: string, error: ClientError): Promise<void> {
    await refreshStatus();
    // Its title is in the store's index, which reads even when the article's files do not.
    const title =
      get().titles[articleId] ??
      (await client.send('articles/summaries', { articleIds: [articleId] }).catch(() => []))[0]?.title ??
      articleId;
    const problem = problemOf(get().status?.problems, articleId) ?? { file: '', reason: error.message, articleId };
    set({ article: null, layer: NO_LAYER, damaged: { articleId, title, problem }, selectedId: null, linking: null });
  }

  return { refreshStatus, showDamaged };
}
