import type { EditorView, KeyBinding } from '@codemirror/view';
import type { SuggestionsStore } from '../state/suggestions';
import type { WorkspaceStore } from '../state/workspace-store';
import { ghostsOf, suggestionsAt } from './ghost-field';

/** The ghost at the caret, unless the caret is in the selected annotation (whose keys then win). */
function ghostAtCaret(view: EditorView, workspace: WorkspaceStore) {
  const pos = view.state.selection.main.head;
  const { selectedId, layer, linking } = workspace.getState();
  if (linking || !view.state.selection.main.empty) return null;
  const selected = selectedId ? layer.annotations.find((a) => a.id === selectedId) : undefined;
  if (selected && selected.start <= pos && pos <= selected.end) return null;
  return suggestionsAt(ghostsOf(view.state).suggestions, pos)[0] ?? null;
}

/**
 * The ghosts' keys in the text: Enter accepts the suggestion at the caret,
 * Shift+Enter every suggestion of its kind in the article, Backspace or
 * Delete rejects it. Elsewhere the keys do what they did.
 */
export function ghostKeys(workspace: WorkspaceStore, suggestions: SuggestionsStore): KeyBinding[] {
  const onGhost = (work: (id: string, kind: string) => unknown) => (view: EditorView) => {
    const ghost = ghostAtCaret(view, workspace);
    if (!ghost) return false;
    workspace.paintFirst();
    void work(ghost.id, ghost.kind);
    return true;
  };
  const reject = onGhost((id) => suggestions.reject([id]));
  return [
    { key: 'Enter', run: onGhost((id) => suggestions.accept([id])) },
    { key: 'Shift-Enter', run: onGhost((_id, kind) => suggestions.acceptKind(kind)) },
    { key: 'Backspace', run: reject },
    { key: 'Delete', run: reject },
  ];
}

/** The ghost a click landed on (its mark is in the page under the pointer), or null. */
export function ghostClicked(target: EventTarget | null): string | null {
  const mark = target instanceof Element ? target.closest('[data-suggestion]') : null;
  return mark?.getAttribute('data-suggestion') ?? null;
}
