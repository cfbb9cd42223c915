import { standardKeymap } from '@codemirror/commands';
import { EditorSelection, EditorState } from '@codemirror/state';
import { EditorView, drawSelection, keymap } from '@codemirror/view';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Annotation } from '../../../annotations/model';
import { useTagChannel } from '../state/tag-channel-context';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import { suggestionsOf } from '../state/use-suggestions';
import { DamagedArticle } from './DamagedArticle';
import { boundaryKeys } from './boundary-keys';
import { ghostField, ghostWords, ghostsOf, setGhosts, suggestionsAt } from './ghost-field';
import { ghostClicked, ghostKeys } from './ghost-keys';
import { createGhostSync } from './ghost-sync';
import { createHandleDrag } from './handle-drag';
import { handleAt, spanHandles } from './span-handles';
import { annotationsAt, highlightField } from './highlight-field';
import { lineDirection } from './line-direction';
import { describeAnnotation } from './describe-annotation';
import { useShowInText } from './show-in-text';
import { showInText } from './show-in-text-choice';
import { labelAt, setStructure, structureOf, structureView } from './structure';
import { createTextSync } from './text-sync';
import './article-view.css';

/**
 * The article's text in a read-only CodeMirror view: it renders only what is
 * on screen, so a 100,000-word article with thousands of highlights stays
 * instant. Text is always text (never HTML). Select with mouse or keyboard,
 * then press a kind's hotkey.
 */
export function ArticleView() {
  const store = useWorkspaceStore();
  const channel = useTagChannel();
  const article = useWorkspace((s) => s.article);
  const damaged = useWorkspace((s) => s.damaged);
  const show = useShowInText();
  const [caretWords, setCaretWords] = useState('');
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const resync = useRef<(() => void) | null>(null);
  const lastClick = useRef<{ pos: number; index: number } | null>(null);

  // The text is built as React puts the page in, so the first frame that shows the page shows the text too.
  useLayoutEffect(() => {
    if (!host.current || !article) return;
    const suggestions = suggestionsOf(store);
    const tagSelection = (kind: string, v: EditorView) => {
      store.paintFirst();
      const range = v.state.selection.main;
      const selectedId = store.getState().selectedId;
      // No new text chosen and an annotation selected: the key corrects its kind in place.
      if (range.empty && selectedId) {
        void store.retag(selectedId, kind);
        return;
      }
      text.along({ selection: EditorSelection.cursor(range.to) }, () => void store.tag(kind, range.from, range.to));
      if (!range.empty) store.requestFocus('details');
    };
    // Hotkeys are looked up when pressed, so they follow the tagset of the moment.
    const onKindKey = (event: KeyboardEvent, v: EditorView) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return false;
      const kind = store.getState().status?.tagset.kinds.find((k) => k.hotkey !== null && k.hotkey === event.key);
      if (!kind) return false;
      event.preventDefault();
      tagSelection(kind.kind, v);
      return true;
    };
    const onDeleteKey = () => {
      const id = store.getState().selectedId;
      if (!id) return false;
      store.paintFirst();
      void store.remove(id);
      return true;
    };
    // While linking, Enter links to the annotation chosen with ] and [ if one was, else to the span at the caret.
    const onLinkKey = (v: EditorView) => {
      const { linking, visible, selectedId } = store.getState();
      if (!linking) return false;
      const stepped = selectedId !== null && selectedId !== linking.from ? selectedId : null;
      const atCaret = annotationsAt(visible, v.state.selection.main.head).find((a) => a.id !== linking.from);
      const target = stepped ?? atCaret?.id ?? null;
      store.paintFirst();
      if (target) void store.finishLinking(target);
      return true;
    };
    const pick = (pos: number): Annotation | null => {
      const covering = annotationsAt(store.getState().visible, pos);
      if (covering.length === 0) return (lastClick.current = null);
      const index = lastClick.current?.pos === pos ? (lastClick.current.index + 1) % covering.length : 0;
      lastClick.current = { pos, index };
      return covering[index] ?? null;
    };
    const drag = createHandleDrag(store);
    const announceCaret = (v: EditorView) => {
      const structure = structureOf(v.state);
      if (!structure) return;
      const head = v.state.selection.main.head;
      const at = annotationsAt(structure.annotations, head);
      const ghosts = ghostsOf(v.state);
      // A suggestion is said to be one, never read as an annotation.
      const suggested = suggestionsAt(ghosts.suggestions, head).map((g) => ghostWords(g, ghosts.kinds));
      setCaretWords(
        [
          at.length === 0
            ? ''
            : `At the caret: ${at.map((a) => describeAnnotation(a, structure.describe).join('; ')).join('. Also: ')}`,
          ...suggested,
        ]
          .filter(Boolean)
          .join('. '),
      );
    };
    let idleAnnouncement: (() => void) | null = null;
    const announceWhenIdle = (v: EditorView) => {
      if (idleAnnouncement) return; // One is on its way: it reads the state of its own moment.
      idleAnnouncement = whenIdle(() => {
        idleAnnouncement = null;
        announceCaret(v);
      });
    };
    // Built apart from the page and put in once its highlights are drawn: the page lays out one text, not two.
    const editor = new EditorView({
      state: EditorState.create({
        doc: article.text,
        extensions: [
          EditorState.readOnly.of(true),
          EditorView.lineWrapping,
          // tabindex: the text is in the Tab order as any control is (checkers count only tabindex and native controls).
          EditorView.contentAttributes.of({
            'aria-label': 'Article text',
            'data-testid': 'article-text',
            tabindex: '0',
          }),
          // Ghosts first: the innermost marks, so a real span's highlight is never split where a ghost begins or ends.
          ghostField(),
          highlightField(),
          lineDirection(),
          drawSelection({ cursorBlinkRate: 1000 }),
          spanHandles(),
          structureView(),
          // The spans at the caret, in words, for screen readers (announced when they change).
          // A caret move is announced at once; new spans under a caret that stayed (the first ones drawn among
          // them) when the page is idle, so the text is not drawn later for it.
          EditorView.updateListener.of((update) => {
            if (update.selectionSet) announceCaret(update.view);
            else if (update.transactions.some((t) => t.effects.some((e) => e.is(setStructure) || e.is(setGhosts))))
              announceWhenIdle(update.view);
          }),
          keymap.of(boundaryKeys(store)),
          // Before the keys below: in a ghost, Enter accepts it and Backspace rejects it.
          keymap.of(ghostKeys(store, suggestions)),
          keymap.of([
            { key: 'Enter', run: onLinkKey },
            { key: 'Delete', run: onDeleteKey },
            { key: 'Backspace', run: onDeleteKey },
            {
              key: 'Escape',
              run: (v) => {
                store.paintFirst();
                text.along({ selection: EditorSelection.cursor(v.state.selection.main.head) }, () => {
                  store.startLinking(null);
                  store.select(null);
                });
                return true;
              },
            },
          ]),
          // Cursor and selection keys (arrows, Home/End, Ctrl+Home/End, Page Up/Down, with Shift).
          keymap.of(standardKeymap),
          EditorView.domEventHandlers({
            keydown: onKindKey,
            mousedown: (event, v) => {
              const id = store.getState().selectedId;
              const edge = event.button === 0 && id ? handleAt(v.contentDOM, event.clientX, event.clientY) : null;
              if (!id || !edge) return false;
              event.preventDefault();
              drag.grab(v, id, edge, { x: event.clientX, y: event.clientY });
              return true;
            },
            mouseup: (event, v) => {
              if (drag.isDragging()) return true;
              if (!v.state.selection.main.empty) return false;
              const pos = v.posAtCoords({ x: event.clientX, y: event.clientY });
              const target = pos === null ? null : pick(pos);
              store.paintFirst();
              if (store.getState().linking) {
                if (target) void store.finishLinking(target.id);
                return false;
              }
              // A click on a ghost accepts it (a real span there is selected instead, as ever).
              const ghost = target ? null : ghostClicked(event.target);
              if (ghost) void suggestions.accept([ghost]);
              store.select(target?.id ?? null);
              return false;
            },
          }),
        ],
      }),
    });
    view.current = editor;
    // Highlights, handles, labels and arcs follow the store at once, not a React render later.
    const text = createTextSync(editor, store, article, showInText);
    resync.current = text.sync;
    const offText = store.subscribeText(text.sync);
    text.sync();
    // The ghosts come later, when the page is idle: never on the way to the first paint.
    const offGhosts = createGhostSync(editor, suggestions, store);
    host.current.append(editor.dom);
    // The kind palette and the kind picker tag the selection the text keeps while they have the focus.
    const offTag = channel.onTag((kind) => {
      editor.focus();
      tagSelection(kind, editor);
    });
    const offSelection = channel.provideSelection(() => {
      const range = editor.state.selection.main;
      return editor.state.sliceDoc(range.from, range.to);
    });
    return () => {
      offGhosts();
      offText();
      resync.current = null;
      offSelection();
      offTag();
      idleAnnouncement?.();
      editor.destroy();
      view.current = null;
    };
  }, [article, store, channel]);

  // Labels and arcs shown or hidden: a view preference, kept outside the store.
  useEffect(() => resync.current?.(), [show]);

  // Esc in the details panel hands the keyboard back to the text, its caret where it was.
  const focusRequest = useWorkspace((s) => s.focusRequest);
  useEffect(() => {
    if (focusRequest.target === 'text' && focusRequest.n > 0) view.current?.focus();
  }, [focusRequest]);

  const revealRequest = useWorkspace((s) => s.revealRequest);
  const linking = useWorkspace((s) => s.linking !== null);
  useEffect(() => {
    const editor = view.current;
    const {
      layer: { annotations: current },
      selectedId: id,
    } = store.getState();
    const selected = current.find((a) => a.id === id);
    if (!editor || !selected || revealRequest === 0) return;
    if (!isOnScreen(editor, selected.start, selected.end)) {
      editor.dispatch({ effects: EditorView.scrollIntoView(selected.start, { y: 'center' }) });
    }
  }, [revealRequest, store]);

  if (damaged) return <DamagedArticle damaged={damaged} />;
  if (!article) return <div className="article-view empty">No article open.</div>;
  return (
    <>
      <div
        className={`article-view${linking ? ' linking' : ''}${show.labels ? ' with-labels' : ''}${show.arcs ? ' with-arcs' : ''}`}
        ref={host}
        data-article-id={article.id}
        onMouseDown={(event) => {
          // A span's label stands for the span: pressing it selects it, or ends linking on it.
          const labelled = event.button === 0 ? labelAt(event.target) : null;
          if (!labelled) return;
          event.preventDefault();
          store.paintFirst();
          if (store.getState().linking) void store.finishLinking(labelled);
          else store.select(labelled);
        }}
      />
      <div className="visually-hidden" aria-live="polite" data-testid="caret-spans">
        {caretWords}
      </div>
    </>
  );
}

/** Runs `run` when the page is idle (soon, where the browser cannot tell); the answer cancels it. */
function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback !== 'function') {
    const timer = setTimeout(run);
    return () => clearTimeout(timer);
  }
  const idle = requestIdleCallback(run, { timeout: 500 });
  return () => cancelIdleCallback(idle);
}

function isOnScreen(editor: EditorView, start: number, end: number): boolean {
  const { from, to } = editor.viewport;
  if (start < from || end > to) return false;
  const first = editor.coordsAtPos(start);
  const box = editor.scrollDOM.getBoundingClientRect();
  return first !== null && first.top >= box.top && first.bottom <= box.bottom;
}
