import type { EditorView } from '@codemirror/view';
import type { Suggestion } from '../../../annotations/suggest/recommender';
import type { SuggestionsStore } from '../state/suggestions';
import { NO_KINDS } from '../state/workspace-context';
import type { WorkspaceStore } from '../state/workspace-store';
import type { Ghosts } from './ghost-field';
import { setGhosts } from './ghost-field';

const NONE: readonly Suggestion[] = [];

/**
 * Keeps the text's ghosts in step with the suggestions (and the kinds'
 * colours): subscribing starts the suggestions' watch of the workspace, whose
 * first question waits until the page is idle. Returns the unsubscribe.
 */
export function createGhostSync(view: EditorView, suggestions: SuggestionsStore, workspace: WorkspaceStore) {
  let drawn: Ghosts | null = null;
  const sync = () => {
    const { shown, suggestions: open, articleId } = suggestions.getState();
    const next: Ghosts = {
      suggestions: shown && articleId === workspace.getState().article?.id ? open : NONE,
      kinds: workspace.getState().status?.tagset.kinds ?? NO_KINDS,
    };
    if (drawn && drawn.suggestions === next.suggestions && drawn.kinds === next.kinds) return;
    // Nothing drawn and nothing to draw: the text is left alone.
    if (!drawn && next.suggestions.length === 0) return;
    drawn = next;
    view.dispatch({ effects: setGhosts.of(next) });
  };
  const offSuggestions = suggestions.subscribe(sync);
  const offKinds = workspace.subscribeText(() => {
    if (drawn && drawn.kinds !== (workspace.getState().status?.tagset.kinds ?? NO_KINDS)) sync();
  });
  return () => {
    offKinds();
    offSuggestions();
  };
}
