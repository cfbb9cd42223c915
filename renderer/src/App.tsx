import { AnnotationList } from './AnnotationList/AnnotationList';
import { ArticleList } from './ArticleList/ArticleList';
import { ArticleView } from './ArticleView/ArticleView';
import { DetailsPanel } from './DetailsPanel/DetailsPanel';
import { TopBar } from './TopBar/TopBar';

export function App({ onOpenArticle }: { onOpenArticle: (articleId: string) => void }) {
  return (
    <div className="app">
      <TopBar />
      <div className="columns">
        <ArticleList onOpen={onOpenArticle} />
        <main className="editor-column">
          <ArticleView />
        </main>
        <aside className="side-column">
          <DetailsPanel />
          <AnnotationList />
        </aside>
      </div>
    </div>
  );
}
