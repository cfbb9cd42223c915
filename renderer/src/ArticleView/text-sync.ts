import type { StateEffect, TransactionSpec } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import type { Article, Relation } from '../../../annotations/model';
import type { RelationType } from '../../../annotations/tagset';
import { NO_KINDS } from '../state/workspace-context';
import type { WorkspaceState, WorkspaceStore } from '../state/workspace-store';
import type { DescribeContext } from './describe-annotation';
import { createDescribeContexts } from './describe-annotation';
import { setHighlights } from './highlight-field';
import type { ShowInText } from './structure';
import { setStructure } from './structure';

const NO_RELATION_TYPES: readonly RelationType[] = [];

/** What the text draws, read from the workspace state (every part kept as the same object while unchanged). */
function drawnOf(s: WorkspaceState, show: ShowInText) {
  return {
    visible: s.visible,
    selectedId: s.selectedId,
    kinds: s.status?.tagset.kinds ?? NO_KINDS,
    relationTypes: s.status?.tagset.relations ?? NO_RELATION_TYPES,
    me: s.status?.annotator ?? '',
    layer: s.layer,
    hiddenLayers: s.hiddenLayers,
    entities: s.entities,
    events: s.events,
    show,
  };
}
type Drawn = ReturnType<typeof drawnOf>;

const HIGHLIGHTS: readonly (keyof Drawn)[] = ['visible', 'selectedId', 'kinds', 'me'];
const differ = (a: Drawn, b: Drawn, keys: readonly (keyof Drawn)[]) => keys.some((k) => a[k] !== b[k]);

/** The links between two annotations both shown: what arcs are drawn for (looked up by id, not by a pass over the layer). */
function shownLinks(describe: DescribeContext, relations: readonly Relation[], hidden: readonly string[]): Relation[] {
  const shown = (id: string) => {
    const a = describe.byId.get(id);
    return a !== undefined && !hidden.includes(a.annotator);
  };
  return relations.filter((r) => r.to.kind === 'annotation' && shown(r.from) && shown(r.to.id));
}

/**
 * Keeps the text of `article` in step with the workspace state: highlights,
 * handles, span labels and arcs. The store tells it of each change at once,
 * not through React, so what a keystroke changes is drawn in that
 * keystroke's frame; what did not change is not sent again.
 */
export function createTextSync(view: EditorView, store: WorkspaceStore, article: Article, show: () => ShowInText) {
  let drawn: Drawn | null = null;
  const describeNext = createDescribeContexts();
  let describe: DescribeContext | null = null;
  let links: Relation[] = [];
  /** A transaction of the keystroke being handled, sent together with what it changes in the state. */
  let along: TransactionSpec | null = null;

  function sync(): void {
    const state = store.getState();
    // Another article is about to be opened: this text is on its way out.
    if (state.article !== article) return;
    const next = drawnOf(state, show());
    const prev = drawn;
    const effects: StateEffect<unknown>[] = [];
    if (!prev || differ(prev, next, HIGHLIGHTS))
      effects.push(
        setHighlights.of({ annotations: next.visible, selectedId: next.selectedId, kinds: next.kinds, me: next.me }),
      );
    if (
      !prev ||
      effects.length > 0 ||
      differ(prev, next, ['layer', 'hiddenLayers', 'entities', 'events', 'relationTypes', 'show'])
    ) {
      if (!prev || differ(prev, next, ['kinds', 'relationTypes', 'me', 'layer', 'entities', 'events']))
        describe = describeNext({
          kinds: next.kinds,
          relationTypes: next.relationTypes,
          me: next.me,
          annotations: next.layer.annotations,
          relations: next.layer.relations,
          entities: next.entities,
          events: next.events,
        });
      if (!prev || differ(prev, next, ['layer', 'hiddenLayers']))
        links = shownLinks(describe!, next.layer.relations, next.hiddenLayers);
      effects.push(
        setStructure.of({
          annotations: next.visible,
          relations: links,
          selectedId: next.selectedId,
          show: next.show,
          describe: describe!,
        }),
      );
    }
    drawn = next;
    if (effects.length === 0) return;
    const spec = along ?? {};
    along = null;
    view.dispatch({ ...spec, effects: [...effects, ...[spec.effects ?? []].flat()] });
  }

  return {
    sync,
    /**
     * Runs `work` (which changes the workspace state) and sends `spec` (a
     * caret move, a scroll) in the same transaction as what `work` changes
     * in the text: one update of the text per keystroke.
     */
    along(spec: TransactionSpec, work: () => void): void {
      along = spec;
      try {
        work();
      } finally {
        const left = along;
        along = null;
        if (left) view.dispatch(left);
      }
    },
  };
}
