import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';

/** Every article of the store, virtualised so ten thousand cost what ten do. */
export function ArticleList({ onOpen }: { onOpen: (articleId: string) => void }) {
  const store = useWorkspaceStore();
  const articles = useWorkspace((s) => s.articles);
  const openId = useWorkspace((s) => s.article?.id);
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
            return (
              <li key={article.id} style={{ transform: `translateY(${row.start}px)` }}>
                <button
                  type="button"
                  aria-current={article.id === openId ? 'page' : undefined}
                  onClick={() => {
                    onOpen(article.id);
                    void store.openArticle(article.id);
                  }}
                >
                  <span className="title">{article.title}</span>
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
