import { useState } from 'react';
import { ArticleList } from '../ArticleList/ArticleList';
import { SearchPanel } from '../SearchPanel/SearchPanel';
import { EntityList, EventList } from './RegistryLists';

const TABS = ['Articles', 'Search', 'Entities', 'Events'] as const;
type Tab = (typeof TABS)[number];

/** The left column: the corpus, search, and the entity and event registries. */
export function Sidebar({ onOpenArticle }: { onOpenArticle: (articleId: string) => void }) {
  const [tab, setTab] = useState<Tab>('Articles');
  return (
    <div className="sidebar">
      <div className="tabs" role="tablist" aria-label="Sidebar">
        {TABS.map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
            {t}
          </button>
        ))}
      </div>
      {tab === 'Articles' && <ArticleList onOpen={onOpenArticle} />}
      {tab === 'Search' && <SearchPanel />}
      {tab === 'Entities' && <EntityList />}
      {tab === 'Events' && <EventList />}
    </div>
  );
}
