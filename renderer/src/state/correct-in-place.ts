import { droppedByRetype } from '../../../annotations/annotation-edits';
import type { Args } from '../../../annotations/contract';
import type { ChangeSet } from '../../../annotations/changes';
import type { Annotation } from '../../../annotations/model';
import type { Notice, WorkspaceState } from './workspace-store';

/** Merges a change set into the one before it, or says null to keep both as undo steps. */
export type MergeSteps = (previous: ChangeSet, next: ChangeSet) => ChangeSet | null;

/** What correcting in place needs of the workspace store. */
export interface CorrectionDeps {
  getState(): WorkspaceState;
  update(args: Args<'annotations/update'>, merge?: MergeSteps): Promise<Annotation | null>;
  notify(notice: Notice): void;
  /** Shows the annotation at [start, end) before the core confirms it. */
  preview(id: string, start: number, end: number): void;
  now?: () => number;
}

/**
 * Moves of one span's ends pressed this close together make one undo step,
 * counted between the presses, not between sending them: a slow answer from
 * the core does not split what the user pressed in one go.
 */
export const COALESCE_MS = 1500;

/**
 * Changing the selected annotation's kind and moving its ends. A change of
 * kind says what it dropped; rapid moves of the same span coalesce into one
 * undo step, so undo puts the span back where the moves began.
 */
export function createCorrections(deps: CorrectionDeps) {
  const now = deps.now ?? (() => Date.now());
  /** The span the last move sent was of, and when its last press was. */
  let lastMove: { id: string; at: number } | null = null;
  /**
   * The move not yet sent; `alone`: its own undo step (a drag), never merged;
   * `firstAt` and `lastAt`: when the first and the last of the presses it sums were.
   */
  let waiting: { id: string; start: number; end: number; alone: boolean; firstAt: number; lastAt: number } | null =
    null;
  let sending: Promise<Annotation | null> | null = null;
  /** The move sent and not yet answered. */
  let inFlight: { id: string; start: number; end: number } | null = null;

  return {
    async retag(id: string, kind: string): Promise<Annotation | null> {
      const state = deps.getState();
      const articleId = state.article?.id;
      const before = state.layer.annotations.find((a) => a.id === id);
      const tagset = state.status?.tagset;
      if (!articleId || !before || !tagset || before.kind === kind) return null;
      const relationsBefore = state.layer.relations;
      const after = await deps.update({ articleId, id, kind });
      if (!after) return null;
      const remaining = new Set(deps.getState().layer.relations.map((r) => r.id));
      const removed = relationsBefore.filter(
        (r) => !remaining.has(r.id) && (r.from === id || (r.to.kind === 'annotation' && r.to.id === id)),
      );
      const quoteOf = (other: string) => state.layer.annotations.find((a) => a.id === other)?.quote;
      const dropped = droppedByRetype(tagset, before, after, removed, quoteOf);
      const label = (k: string) => tagset.kinds.find((d) => d.kind === k)?.label ?? k;
      deps.notify({
        tone: 'info',
        text:
          `Changed ${label(before.kind)} to ${label(kind)}` +
          (dropped.length > 0 ? `; dropped ${dropped.join(', ')}` : '; kept everything'),
      });
      return after;
    },

    /**
     * Moves an annotation's ends. Moves are sent one at a time: keys pressed
     * while one is on its way add up to one more move, sent when it returns.
     */
    moveEnds(id: string, start: number, end: number, alone = false): Promise<Annotation | null> {
      const at = now();
      const firstAt = waiting?.id === id && !waiting.alone && !alone ? waiting.firstAt : at;
      waiting = { id, start, end, alone, firstAt, lastAt: at };
      if (sending) deps.preview(id, start, end);
      else sending = drain().finally(() => (sending = null));
      return sending;
    },

    /** Where the annotation's ends are about to be, counting moves not yet sent. */
    spanOf(id: string): { start: number; end: number } | null {
      if (waiting?.id === id) return waiting;
      if (inFlight?.id === id) return inFlight;
      return deps.getState().layer.annotations.find((a) => a.id === id) ?? null;
    },
  };

  async function drain(): Promise<Annotation | null> {
    let result: Annotation | null = null;
    // What the core last confirmed: where a refused move puts the span back.
    let confirmed = waiting && deps.getState().layer.annotations.find((a) => a.id === waiting?.id);
    while (waiting) {
      const { id, start, end, alone, firstAt, lastAt } = waiting;
      waiting = null;
      const articleId = deps.getState().article?.id;
      if (!articleId) return null;
      const coalesce = !alone && lastMove !== null && lastMove.id === id && firstAt - lastMove.at < COALESCE_MS;
      lastMove = alone ? null : { id, at: lastAt };
      inFlight = { id, start, end };
      result = await deps.update({ articleId, id, start, end }, coalesce ? mergeMoves : undefined);
      inFlight = null;
      if (result) confirmed = result;
      else {
        waiting = null;
        if (confirmed) deps.preview(confirmed.id, confirmed.start, confirmed.end);
      }
    }
    return result;
  }
}

/** Two moves of one annotation's ends as one step: from where the first began to where the second ended. */
export const mergeMoves: MergeSteps = (previous, next) => {
  const [a] = previous.changes;
  const [b] = next.changes;
  if (previous.changes.length !== 1 || next.changes.length !== 1 || a?.type !== 'annotation') return null;
  if (b?.type !== 'annotation' || a.after?.id !== b.before?.id || !a.after || !b.after) return null;
  if (JSON.stringify(a.after) !== JSON.stringify(b.before)) return null;
  return { label: next.label, changes: [{ ...a, after: b.after }] };
};
