import { useEffect } from 'react';
import type { WorkspaceStore } from '../state/workspace-store';

/** True when the key belongs to a form field (typing, native undo), not to Factmark. */
export function inField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT');
}

/** Input types that take typed text; the others (checkbox, radio, button, file, range, colour) do not. */
const NOT_TYPED = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'color', 'range', 'image']);

/**
 * True while the user types in a text field (a text-like input, a textarea,
 * an editable contenteditable): there keys are text and Ctrl+Z is the
 * field's own undo. Selects, checkboxes, buttons and the read-only article
 * text are not: the shortcuts work from them.
 */
export function inTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.tagName === 'TEXTAREA') return !(el as HTMLTextAreaElement).readOnly;
  if (el.tagName === 'INPUT') {
    const input = el as HTMLInputElement;
    return !input.readOnly && !NOT_TYPED.has(input.type);
  }
  return el.isContentEditable && el.closest('[aria-readonly="true"]') === null;
}

/** True when the key was pressed inside a modal dialog, which answers its own keys. */
function inModal(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[aria-modal="true"]') !== null;
}

/**
 * True when a page-wide shortcut may answer the key: nothing took it yet, it
 * is not typed into a text field, and no modal dialog holds it. Selects,
 * checkboxes and buttons let shortcuts through.
 */
export function forShortcuts(event: KeyboardEvent): boolean {
  return !event.defaultPrevented && !inTextField(event.target) && !inModal(event.target);
}

/**
 * Window-wide shortcuts: undo and redo, moving between annotations and
 * articles, linking, the shortcuts overlay, the kind picker (`/`). They work
 * from every control (a select, a checkbox, a button) except while typing in
 * a text field or inside a modal dialog. Kind hotkeys live in the article
 * view, where the text selection is.
 */
export function useGlobalKeys(
  store: WorkspaceStore,
  toggleHelp: () => void,
  closeHelp: () => void,
  openKindPicker: () => void = () => undefined,
): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!forShortcuts(event)) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key;
      const state = store.getState();
      let handled = true;
      if (mod && !event.altKey && key.toLowerCase() === 'z') void (event.shiftKey ? store.redo() : store.undo());
      else if (mod && !event.altKey && key.toLowerCase() === 'y') void store.redo();
      else if (mod || (event.altKey && key.toLowerCase() !== 'l')) handled = false;
      else if (event.altKey) {
        if (state.selectedId) store.startLinking(state.selectedId);
      } else if (key === ']') store.stepAnnotation(1);
      else if (key === '[') store.stepAnnotation(-1);
      else if (key === '}') void store.stepArticle(1);
      else if (key === '{') void store.stepArticle(-1);
      else if (key === '?') toggleHelp();
      else if (key === '/' && state.route.name === 'article' && state.article) openKindPicker();
      else if (key === 'Escape') {
        closeHelp();
        if (state.linking) store.startLinking(null);
        else store.select(null);
      } else if ((key === 'Delete' || key === 'Backspace') && state.selectedId && state.route.name === 'article')
        void store.remove(state.selectedId);
      else handled = false;
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, toggleHelp, closeHelp, openKindPicker]);
}
