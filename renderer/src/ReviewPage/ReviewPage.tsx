import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Annotation } from '../../../annotations/model';
import { GOLD } from '../../../annotations/constants';
import type { ComparedGroup } from '../../../annotations/review/compare';
import { adjudicationState, compareLayers, layerNames } from '../../../annotations/review/compare';
import { forShortcuts, inField } from '../keyboard/use-global-keys';
import { NO_KINDS, useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import { DifferenceCard } from './DifferenceCard';
import { backMessage, moveMessage, stayMessage } from './review-words';
import './review.css';

type DecideAction = 'accept' | 'accept-all' | 'reject' | 'edit';

/** The adjudicator's own version is being written: its selects and fields keep their keys. */
const inEditForm = (target: EventTarget | null) => target instanceof Element && target.closest('.edit-form') !== null;

/**
 * The open article's layers compared: one row per group of annotations, a
 * column per layer, each difference classified, and the adjudicator's
 * decision into gold beside it. j/k move between differences; 1–9 accept a
 * layer's annotation, a accepts all, r rejects, e edits.
 */
export function ReviewPage() {
  const store = useWorkspaceStore();
  const article = useWorkspace((s) => s.article);
  const layer = useWorkspace((s) => s.layer);
  const kinds = useWorkspace((s) => s.status?.tagset.kinds ?? NO_KINDS);
  const available = useMemo(() => layerNames(layer, GOLD).sort(), [layer]);
  const [excluded, setExcluded] = useState<string[]>([]);
  const chosen = useMemo(() => available.filter((name) => !excluded.includes(name)), [available, excluded]);
  const groups = useMemo(() => compareLayers(layer, chosen), [layer, chosen]);
  const state = adjudicationState(layer, groups);
  const live = new Set(groups.map((g) => g.key));
  // Counted when every layer is compared: with fewer, every group has other keys.
  const stale = excluded.length > 0 ? 0 : (layer.decisions ?? []).filter((d) => !live.has(d.key)).length;
  const [differencesOnly, setDifferencesOnly] = useState(true);
  const shown = differencesOnly ? groups.filter((g) => g.differences.length > 0) : groups;
  const [current, setCurrentShown] = useState(0);
  /**
   * The current difference as the keys see it. It moves when the key is
   * handled, not at the next render, so that keys pressed in quick succession
   * (r, then 1 before r's decision is saved) each act on the difference they
   * were pressed for.
   */
  const currentForKeys = useRef(0);
  const setCurrent = (index: number) => {
    currentForKeys.current = index;
    setCurrentShown(index);
  };
  const [editing, setEditing] = useState<string | null>(null);
  /** Said aloud (and shown) when a key moves the current difference. */
  const [announcement, setAnnouncement] = useState('');
  const list = useRef<HTMLOListElement>(null);
  const page = useRef<HTMLElement>(null);
  // Only the cards near the view are in the page: a long article's hundreds of differences stay quick.
  const rows = useVirtualizer({
    count: shown.length,
    getScrollElement: () => page.current,
    estimateSize: () => 280,
    overscan: 4,
    scrollMargin: list.current?.offsetTop ?? 0,
  });
  const decisions = useMemo(() => new Map((layer.decisions ?? []).map((d) => [d.key, d])), [layer.decisions]);
  const gold = useMemo(
    () => new Map(layer.annotations.filter((a) => a.annotator === GOLD).map((a) => [a.id, a])),
    [layer],
  );

  const at = Math.min(current, Math.max(shown.length - 1, 0));

  function decide(group: ComparedGroup, action: DecideAction, extra: object = {}) {
    if (!article) return Promise.resolve(null);
    return store.mutate('review/decide', {
      articleId: article.id,
      annotators: chosen,
      key: group.key,
      action,
      ...extra,
    });
  }

  /** Every difference decided (or none at all): the agreements not yet in gold go there in one step. */
  const canTakeAgreed =
    chosen.length >= 2 && groups.length > 0 && state.decided === state.differences && !state.adjudicated;
  function takeAgreed() {
    if (!article) return;
    void store.mutate('review/accept-agreed', { articleId: article.id, annotators: chosen });
  }

  /** Decides the difference at `from` and moves on at once; if the decision is refused, back to it. */
  async function decideAndMove(
    from: number,
    action: 'accept' | 'accept-all' | 'reject',
    annotator?: string,
  ): Promise<void> {
    const group = shown[from];
    if (!group) return;
    const next = Math.min(from + 1, shown.length - 1);
    setCurrent(next);
    setAnnouncement(moveMessage(from, next, shown.length, 'decided'));
    const done = await decide(group, action, annotator ? { annotator } : {});
    if (done || currentForKeys.current !== next) return;
    setCurrent(from);
    setAnnouncement(backMessage(from, shown.length));
  }

  /** A click decides the card it is on, which becomes the current one; the page stays there and says so. */
  async function decideHere(group: ComparedGroup, index: number, action: DecideAction, extra?: object) {
    setCurrent(index);
    const done = await decide(group, action, extra);
    if (done) setAnnouncement(stayMessage(index, shown.length));
  }

  function moveTo(from: number, next: number) {
    setCurrent(next);
    setAnnouncement(moveMessage(from, next, shown.length, 'moved'));
  }

  useEffect(() => {
    if (shown.length > 0) rows.scrollToIndex(at, { align: 'auto' });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the current difference moves
  }, [at]);

  /** The keys' handler of the latest render, in place as soon as that render is on the page. */
  const onKeyRef = useRef<(event: KeyboardEvent) => void>(() => undefined);
  useLayoutEffect(() => {
    onKeyRef.current = (event: KeyboardEvent) => {
      if (!forShortcuts(event) || inEditForm(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const from = Math.min(currentForKeys.current, Math.max(shown.length - 1, 0));
      const group = shown[from];
      // Arrows stay with a select or a radio group; j and k work from every control.
      const arrows = !inField(event.target);
      let handled = true;
      if (event.key === 'j' || (arrows && event.key === 'ArrowDown'))
        moveTo(from, Math.min(from + 1, shown.length - 1));
      else if (event.key === 'k' || (arrows && event.key === 'ArrowUp')) moveTo(from, Math.max(from - 1, 0));
      else if (!group) handled = false;
      else if (/^[1-9]$/.test(event.key)) {
        const item = group.items[Number(event.key) - 1];
        if (item) void decideAndMove(from, 'accept', item.annotator);
      } else if (event.key === 'a') void decideAndMove(from, 'accept-all');
      else if (event.key === 'r') void decideAndMove(from, 'reject');
      else if (event.key === 'e') setEditing(group.key);
      else handled = false;
      if (handled) event.preventDefault();
    };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => onKeyRef.current(event);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (!article) return <section className="review-page" aria-label="Review" />;
  const kindLabel = (kind: string) => kinds.find((k) => k.kind === kind)?.label ?? kind;
  const goldOf = (group: ComparedGroup): Annotation[] =>
    (decisions.get(group.key)?.goldIds ?? []).flatMap((id) => gold.get(id) ?? []);

  return (
    <section className="review-page" aria-label="Review" ref={page}>
      <header className="review-header">
        <div className="record-actions">
          <p className="record-kind">Compare and adjudicate</p>
          <button type="button" onClick={() => store.navigate({ name: 'article' })}>
            Show the text
          </button>
        </div>
        <h1>{article.title}</h1>
        <fieldset className="review-layers">
          <legend>Layers compared</legend>
          {available.map((name) => (
            <label key={name} className="check">
              <input
                type="checkbox"
                checked={!excluded.includes(name)}
                onChange={() =>
                  setExcluded((list) => (list.includes(name) ? list.filter((n) => n !== name) : [...list, name]))
                }
              />
              <span>{name}</span>
            </label>
          ))}
        </fieldset>
        <div className="review-progress">
          <progress value={state.decided} max={Math.max(state.differences, 1)} aria-label="Differences decided" />
          <span data-testid="review-progress">
            {state.decided} of {state.differences} differences decided
          </span>
          {state.adjudicated && <span className="badge adjudicated">Adjudicated</span>}
          {canTakeAgreed && (
            <button type="button" className="primary" onClick={takeAgreed}>
              Take into gold
            </button>
          )}
          <label className="check">
            <input type="checkbox" checked={differencesOnly} onChange={(e) => setDifferencesOnly(e.target.checked)} />
            <span>Differences only</span>
          </label>
        </div>
        {stale > 0 && (
          <p className="hint" role="status">
            {stale} earlier decision{stale === 1 ? '' : 's'} no longer match{stale === 1 ? 'es' : ''} a difference: a
            layer changed since. Decide those differences again; the earlier result in gold is then replaced.
          </p>
        )}
        <p className="hint review-keys" data-testid="review-keys">
          Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous difference · <kbd>1</kbd>–
          <kbd>{Math.max(chosen.length, 1)}</kbd> accept that layer’s version · <kbd>a</kbd> accept all · <kbd>r</kbd>{' '}
          reject · <kbd>e</kbd> edit, starting from your own version. They work while a button, checkbox or list has the
          focus, not while you type in a field or edit a version. Auto-advance: accepting or rejecting with a key moves
          on to the next difference; a click on a button decides and stays on that difference.
        </p>
        <p className="review-announcement" role="status" aria-live="polite" data-testid="review-announcement">
          {announcement}
        </p>
      </header>
      {chosen.length < 2 ? (
        <p className="hint">Choose at least two layers to compare.</p>
      ) : shown.length === 0 ? (
        <p className="hint">
          {groups.length === 0
            ? 'These layers have no annotations on this article.'
            : state.adjudicated
              ? 'The layers agree everywhere on this article, and the agreement is in gold.'
              : 'The layers agree everywhere on this article: “Take into gold” makes their agreement the gold layer.'}
        </p>
      ) : (
        <ol className="difference-list" ref={list} aria-label="Differences" style={{ height: rows.getTotalSize() }}>
          {rows.getVirtualItems().map(({ index, start }) => {
            const group = shown[index]!;
            return (
              <DifferenceCard
                key={group.key}
                ref={rows.measureElement}
                offset={start - rows.options.scrollMargin}
                index={index}
                group={group}
                annotators={chosen}
                text={article.text}
                current={index === at}
                decision={decisions.get(group.key) ?? null}
                gold={goldOf(group)}
                kindLabel={kindLabel}
                editing={editing === group.key}
                onFocus={() => setCurrent(index)}
                onDecide={(action, extra) => void decideHere(group, index, action, extra)}
                onEdit={(open) => setEditing(open ? group.key : null)}
              />
            );
          })}
        </ol>
      )}
    </section>
  );
}
