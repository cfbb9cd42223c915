import type { SuggestionsApi } from './suggestions';
import type { WorkspaceStore } from './workspace-store';

/**
 * The suggestion operations through the workspace store: reads report a
 * failure in the notice line, accepting and rejecting are mutations whose
 * change sets become undo steps like every other edit's.
 */
export function workspaceSuggestionsApi(workspace: WorkspaceStore): SuggestionsApi {
  return {
    changes: (articleId, since) => workspace.query('suggestions/changes', { articleId, since }),
    accept: (articleId, suggestionIds) => workspace.mutate('suggestions/accept', { articleId, suggestionIds }),
    reject: (articleId, suggestionIds) => workspace.mutate('suggestions/reject', { articleId, suggestionIds }),
    settings: () => workspace.query('suggestions/settings', {}),
    configure: (patch) => workspace.query('suggestions/configure', patch),
  };
}
