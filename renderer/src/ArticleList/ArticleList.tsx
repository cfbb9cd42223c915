import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { NO_PROBLEMS, useWorkspace, useWorkspaceStore } from '../state/workspace-context';

/**
 * Every article of the store, virtualised so ten thousand cost what ten do.
 * An article with a file the store cannot read is marked damaged, the reason
 * on hover.
 */
export function ArticleList({ onOpen }: { onOpen: (articleId: string) => void }) {
  const store = useWorkspaceStore();
  const articles = useWorkspace((s) => s.articles);
  const openId = useWorkspace((s) => s.article?.id ?? s.damaged?.articleId);
  const problems = useWorkspace((s) => s.status?.problems ?? NO_PROBLEMS);
  const damaged = useMemo(
    () => new Map(problems.flatMap((p) => (p.articleId ? [[p.articleId, p] as const] : []))),
    [problems],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: articles.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 58,
    overscan: 8,
  });

  return (
    <nav className="article-list" aria-label="Articles">
      <h2>Articles ({articles.length})</h2>
      <div className="scroller" ref={scroller}>
        <ul style={{ height: rows.getTotalSize() }}>
          {rows.getVirtualItems().map((row) => {
            const article = articles[row.index];
            if (!article) return null;
            const problem = damaged.get(article.id);
            return (
              <li key={article.id} style={{ transform: `translateY(${row.start}px)` }}>
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
                  <span className="meta">{article.source}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </nav>
  );
}
