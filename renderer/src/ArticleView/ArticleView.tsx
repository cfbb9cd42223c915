import { EditorSelection, EditorState } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { Annotation } from '../../../annotations/model';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import { annotationsAt, highlightField, setHighlights } from './highlight-field';

/**
 * The article's text in a read-only CodeMirror view: it renders only what is
 * on screen, so a 100,000-word article with thousands of highlights stays
 * instant. Text is always text (never HTML). Select with mouse or keyboard,
 * then press a kind's hotkey.
 */
export function ArticleView() {
  const store = useWorkspaceStore();
  const article = useWorkspace((s) => s.article);
  const annotations = useWorkspace((s) => s.annotations);
  const selectedId = useWorkspace((s) => s.selectedId);
  const kinds = useWorkspace((s) => s.status?.tagset.kinds);
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const lastClick = useRef<{ pos: number; index: number } | null>(null);

  useEffect(() => {
    if (!host.current || !article) return;
    // Hotkeys are looked up when pressed, so they follow the tagset of the moment.
    const onKindKey = (event: KeyboardEvent, v: EditorView) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return false;
      const kind = store.getState().status?.tagset.kinds.find((k) => k.hotkey === event.key);
      if (!kind) return false;
      event.preventDefault();
      const range = v.state.selection.main;
      void store.tag(kind.kind, range.from, range.to);
      v.dispatch({ selection: EditorSelection.cursor(range.to) });
      return true;
    };
    const onDeleteKey = () => {
      const id = store.getState().selectedId;
      if (!id) return false;
      void store.remove(id);
      return true;
    };
    const pick = (pos: number): Annotation | null => {
      const covering = annotationsAt(store.getState().annotations, pos);
      if (covering.length === 0) return (lastClick.current = null);
      const index = lastClick.current?.pos === pos ? (lastClick.current.index + 1) % covering.length : 0;
      lastClick.current = { pos, index };
      return covering[index] ?? null;
    };
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: article.text,
        extensions: [
          EditorState.readOnly.of(true),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': 'Article text', 'data-testid': 'article-text' }),
          highlightField(),
          keymap.of([
            { key: 'Delete', run: onDeleteKey },
            { key: 'Backspace', run: onDeleteKey },
            {
              key: 'Escape',
              run: (v) => {
                store.select(null);
                v.dispatch({ selection: EditorSelection.cursor(v.state.selection.main.head) });
                return true;
              },
            },
          ]),
          EditorView.domEventHandlers({
            keydown: onKindKey,
            mouseup: (event, v) => {
              if (!v.state.selection.main.empty) return false;
              const pos = v.posAtCoords({ x: event.clientX, y: event.clientY });
              store.select(pos === null ? null : (pick(pos)?.id ?? null));
              return false;
            },
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, [article, store]);

  useEffect(() => {
    view.current?.dispatch({ effects: setHighlights.of({ annotations, selectedId, kinds: kinds ?? [] }) });
  }, [annotations, selectedId, kinds, article]);

  useEffect(() => {
    const editor = view.current;
    const selected = annotations.find((a) => a.id === selectedId);
    if (!editor || !selected) return;
    const { from, to } = editor.viewport;
    if (selected.start < from || selected.end > to || !isOnScreen(editor, selected.start)) {
      editor.dispatch({ effects: EditorView.scrollIntoView(selected.start, { y: 'center' }) });
    }
    // Scroll only when the selection changes, not on every edit of the list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId]);

  if (!article) return <div className="article-view empty">No article open.</div>;
  return <div className="article-view" ref={host} data-article-id={article.id} />;
}

function isOnScreen(editor: EditorView, pos: number): boolean {
  const coords = editor.coordsAtPos(pos);
  const box = editor.scrollDOM.getBoundingClientRect();
  return coords !== null && coords.top >= box.top && coords.bottom <= box.bottom;
}
