import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { NO_PROBLEMS, useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import { useTeam, useTeamStore } from '../Team/use-team';
import { assignedTo, assigneesByArticle, canAssign, isTeamProject } from '../Team/team-view';
import { AssignBar } from './AssignBar';
import { AssignedFilter } from './AssignedFilter';
import { setArticleFilter, useArticleFilter } from './article-filter';
import { PAGE_SIZE } from './article-pages';
import { NO_SELECTION, clickRow, shownStateOf, toggleShown } from './selection';
import { useArticleCount, useArticlePages } from './use-article-pages';
import './article-list.css';

/**
 * Every article of the store, virtualised and asked for a window at a time
 * (`articles/page`), so a hundred thousand cost what ten do: the count comes
 * with the first window, the rows scrolled to as they are reached. An
 * article with a file the store cannot read is marked damaged, the reason
 * on hover. In a team project each annotator sees what is assigned to them
 * and what of it they marked done; a lead ticks articles and assigns them.
 */
export function ArticleList({ onOpen }: { onOpen: (articleId: string) => void }) {
  const store = useWorkspaceStore();
  const teamStore = useTeamStore();
  const openId = useWorkspace((s) => s.article?.id ?? s.damaged?.articleId);
  const me = useWorkspace((s) => s.status?.annotator ?? '');
  const openDone = useWorkspace((s) => s.layer.documentLabels.some((d) => d.annotator === me && d.done));
  const problems = useWorkspace((s) => s.status?.problems ?? NO_PROBLEMS);
  const team = useTeam((t) => t.team);
  const doneBy = useTeam((t) => t.doneBy);
  const filter = useArticleFilter();
  const [selection, setSelection] = useState(NO_SELECTION);
  /** Where the anchor of a Shift-click range stands in the list shown. */
  const anchorAt = useRef<number | null>(null);
  const damaged = useMemo(
    () => new Map(problems.flatMap((p) => (p.articleId ? [[p.articleId, p] as const] : []))),
    [problems],
  );
  const mine = useMemo(() => assignedTo(team, me), [team, me]);
  const assignees = useMemo(() => assigneesByArticle(team), [team]);
  const isTeam = isTeamProject(team);
  const lead = canAssign(team, me);
  const isDone = (id: string) => (id === openId ? openDone : (doneBy.get(id)?.includes(me) ?? false));
  const onlyMine = isTeam && filter === 'assigned' && me !== '';
  const filterArg = onlyMine ? me : undefined;
  // The filtered list changes with the team's assignments; the whole list does not.
  const { pages, total } = useArticlePages(store, filterArg, onlyMine ? team : null);
  const allCount = useArticleCount(store, onlyMine, undefined, null) ?? (onlyMine ? null : total);
  const mineCount = useArticleCount(store, isTeam && !onlyMine && me !== '', me, team) ?? (onlyMine ? total : null);
  const progress = {
    assigned: mineCount ?? mine.size,
    done: [...mine].filter(isDone).length,
  };
  const shownCount = total ?? 0;
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: shownCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => 58,
    overscan: 8,
  });
  const items = rows.getVirtualItems();
  const from = items[0]?.index ?? 0;
  const to = items.at(-1)?.index ?? PAGE_SIZE - 1;
  useEffect(() => {
    pages.show(from, to).catch(() => undefined);
  }, [pages, from, to]);
  // Ticked rows the filter hides: those not assigned to the user (every row is shown unfiltered).
  const hiddenCount = onlyMine ? [...selection.selected].filter((id) => !mine.has(id)).length : 0;
  const shownTicked = selection.selected.size - hiddenCount;

  /** The ids of rows `lo` to `hi` of the list shown: from the pages here, else from the server. */
  const idsOf = async (lo: number, hi: number) =>
    pages.idsHere(lo, hi) ??
    (
      await store.query('articles/ids', {
        offset: lo,
        limit: hi - lo + 1,
        ...(filterArg ? { assignedTo: filterArg } : {}),
      })
    )?.ids ??
    null;
  const tick = async (id: string, index: number, shift: boolean) => {
    const anchor = anchorAt.current;
    if (!shift || anchor === null || selection.anchor === null) {
      anchorAt.current = index;
      setSelection((s) => clickRow([id], s, id, false));
      return;
    }
    const ids = await idsOf(Math.min(anchor, index), Math.max(anchor, index));
    if (!ids) return;
    // An anchor no longer at its place (the filter changed) makes the click one alone, and this row the anchor.
    if (!ids.includes(selection.anchor)) anchorAt.current = index;
    setSelection((s) => clickRow(ids, s, id, true));
  };
  const toggleAllShown = async () => {
    if (shownCount === 0) return;
    const ids = await idsOf(0, shownCount - 1);
    if (ids) setSelection((s) => toggleShown(ids, s));
  };

  return (
    <nav className="article-list" aria-label="Articles">
      <h2>Articles{allCount !== null && ` (${allCount})`}</h2>
      {isTeam && (
        <AssignedFilter
          on={filter === 'assigned'}
          onChange={(on) => setArticleFilter(on ? 'assigned' : 'all')}
          progress={progress}
        />
      )}
      {lead && (
        <AssignBar
          members={team.members}
          shown={{ count: shownCount, state: shownStateOf(shownTicked, shownCount) }}
          selectedCount={selection.selected.size}
          hiddenCount={hiddenCount}
          onToggleShown={() => void toggleAllShown()}
          onClear={() => {
            anchorAt.current = null;
            setSelection(NO_SELECTION);
          }}
          onAssign={(annotator, assigned) => teamStore.assign(annotator, [...selection.selected], assigned)}
        />
      )}
      <div className="scroller" ref={scroller}>
        {/* At start the open article comes first; on a large store the list takes a moment more. */}
        {total === null && (
          <p className="hint" role="status">
            Listing the store’s articles…
          </p>
        )}
        {total === 0 && onlyMine && <p className="hint empty-filter">Nothing is assigned to you ({me}).</p>}
        <ul style={{ height: rows.getTotalSize() }}>
          {items.map((row) => {
            const article = pages.row(row.index);
            // A row whose window is still coming holds its place (the scroll bar is the whole list's from the start).
            if (!article)
              return (
                <li key={`row-${row.index}`} className="pending" style={{ transform: `translateY(${row.start}px)` }}>
                  <span className="title">…</span>
                </li>
              );
            const problem = damaged.get(article.id);
            // The lead sees who else each article is assigned to (their own share has its mark).
            const others = lead ? assignees.get(article.id)?.filter((name) => name !== me) : undefined;
            const forWhom = others && others.length > 0 ? others : undefined;
            const done = isTeam && isDone(article.id);
            return (
              <li
                key={article.id}
                className={lead ? 'with-box' : undefined}
                style={{ transform: `translateY(${row.start}px)` }}
              >
                {lead && (
                  <input
                    type="checkbox"
                    aria-label={`Select “${article.title}”`}
                    checked={selection.selected.has(article.id)}
                    onChange={(e) => {
                      const shift = 'shiftKey' in e.nativeEvent && e.nativeEvent.shiftKey === true;
                      void tick(article.id, row.index, shift);
                    }}
                  />
                )}
                <button
                  type="button"
                  aria-current={article.id === openId ? 'page' : undefined}
                  className={problem ? 'damaged' : undefined}
                  title={problem ? `Damaged: ${problem.file} cannot be read: ${problem.reason}` : undefined}
                  onClick={() => {
                    onOpen(article.id);
                    void store.openArticle(article.id);
                  }}
                >
                  <span className="title">
                    {problem && (
                      <span className="damaged-mark">
                        <span aria-hidden="true">⚠</span> damaged
                      </span>
                    )}
                    {article.title}
                  </span>
                  <span className="meta">
                    {mine.has(article.id) && <span className="assigned-mark">assigned</span>}
                    {done && (
                      <span className="done-mark">
                        <span aria-hidden="true">✓</span> done
                      </span>
                    )}
                    {forWhom && (
                      <span className="assignees">
                        {mine.has(article.id) ? 'also ' : ''}for {forWhom.join(', ')} ·{' '}
                      </span>
                    )}
                    {article.source}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </nav>
  );
}
