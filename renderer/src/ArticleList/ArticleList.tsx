import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import { NO_PROBLEMS, useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import { useTeam, useTeamStore } from '../Team/use-team';
import { assignedProgress, assignedTo, assigneesByArticle, canAssign, isTeamProject } from '../Team/team-view';
import { AssignBar } from './AssignBar';
import { AssignedFilter } from './AssignedFilter';
import { setArticleFilter, useArticleFilter } from './article-filter';
import { NO_SELECTION, clickRow, selectedInOrder, shownState, toggleShown } from './selection';
import './article-list.css';

/**
 * Every article of the store, virtualised so ten thousand cost what ten do.
 * An article with a file the store cannot read is marked damaged, the reason
 * on hover. In a team project each annotator sees what is assigned to them
 * and what of it they marked done; a lead ticks articles and assigns them.
 */
export function ArticleList({ onOpen }: { onOpen: (articleId: string) => void }) {
  const store = useWorkspaceStore();
  const teamStore = useTeamStore();
  const articles = useWorkspace((s) => s.articles);
  const listed = useWorkspace((s) => s.articlesListed);
  const openId = useWorkspace((s) => s.article?.id ?? s.damaged?.articleId);
  const me = useWorkspace((s) => s.status?.annotator ?? '');
  const openDone = useWorkspace((s) => s.layer.documentLabels.some((d) => d.annotator === me && d.done));
  const problems = useWorkspace((s) => s.status?.problems ?? NO_PROBLEMS);
  const team = useTeam((t) => t.team);
  const doneBy = useTeam((t) => t.doneBy);
  const filter = useArticleFilter();
  const [selection, setSelection] = useState(NO_SELECTION);
  const damaged = useMemo(
    () => new Map(problems.flatMap((p) => (p.articleId ? [[p.articleId, p] as const] : []))),
    [problems],
  );
  const mine = useMemo(() => assignedTo(team, me), [team, me]);
  const assignees = useMemo(() => assigneesByArticle(team), [team]);
  const isTeam = isTeamProject(team);
  const lead = canAssign(team, me);
  const isDone = (id: string) => (id === openId ? openDone : (doneBy.get(id)?.includes(me) ?? false));
  const shown = useMemo(
    () => (isTeam && filter === 'assigned' ? articles.filter((a) => mine.has(a.id)) : articles),
    [articles, isTeam, filter, mine],
  );
  const shownIds = useMemo(() => shown.map((a) => a.id), [shown]);
  const shownSet = useMemo(() => new Set(shownIds), [shownIds]);
  const progress = assignedProgress(
    mine,
    articles.map((a) => a.id),
    isDone,
  );
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 58,
    overscan: 8,
  });
  const selectedIds = selectedInOrder(
    articles.map((a) => a.id),
    selection.selected,
  );

  return (
    <nav className="article-list" aria-label="Articles">
      <h2>Articles{listed && ` (${articles.length})`}</h2>
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
          shown={{ count: shownIds.length, state: shownState(shownIds, selection.selected) }}
          selectedCount={selectedIds.length}
          hiddenCount={selectedIds.filter((id) => !shownSet.has(id)).length}
          onToggleShown={() => setSelection((s) => toggleShown(shownIds, s))}
          onClear={() => setSelection(NO_SELECTION)}
          onAssign={(annotator, assigned) => teamStore.assign(annotator, selectedIds, assigned)}
        />
      )}
      <div className="scroller" ref={scroller}>
        {/* At start the open article comes first; on a large store the list takes a moment more. */}
        {!listed && (
          <p className="hint" role="status">
            Listing the store’s articles…
          </p>
        )}
        {shown.length === 0 && filter === 'assigned' && isTeam && (
          <p className="hint empty-filter">Nothing is assigned to you ({me}).</p>
        )}
        <ul style={{ height: rows.getTotalSize() }}>
          {rows.getVirtualItems().map((row) => {
            const article = shown[row.index];
            if (!article) return null;
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
                      setSelection((s) => clickRow(shownIds, s, article.id, shift));
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
