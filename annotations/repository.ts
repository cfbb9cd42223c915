import type { Annotation, Article, ArticleLayer, ArticleSummary, Entity, EventRecord } from './model';
import type { Team } from './project';
import type { SuggestSettings } from './suggest/recommender';
import type { Tagset } from './tagset';

/** A store file that could not be read; it is reported and never overwritten. */
export interface StoreProblem {
  file: string;
  reason: string;
  /** The article the file belongs to, when it is one article's text or annotations. */
  articleId?: string;
  /** A last good copy of the file is kept, and `store/restore` puts it back. */
  restorable?: boolean;
}

export interface StoreStatus {
  /** Where the store lives, for the user to find and back up. */
  location: string;
  schemaVersion: number;
  articleCount: number;
  problems: StoreProblem[];
}

/** What belongs to the whole project rather than one article. */
export interface ProjectData {
  tagset: Tagset;
  entities: Entity[];
  events: EventRecord[];
  /** The annotation guidelines, in Markdown. */
  guidelines: string;
  /**
   * The user's settings: the annotator name they chose, the organisation
   * publishing their verdicts, and the project's suggestion settings (shared).
   */
  settings?: { annotator?: string; reviewingOrganisation?: string; suggestions?: SuggestSettings };
  /**
   * The team's members and assignments (members.jsonl, assignments.jsonl);
   * absent while the project has neither file: an empty team.
   */
  team?: Team;
}

/**
 * What one operation sees of the store. Inside a transaction, reads see the
 * transaction's own updates, and nothing is written until it ends.
 */
export interface StoreView {
  status(): StoreStatus;
  listArticles(): ArticleSummary[];
  getArticle(articleId: string): Promise<Article>;
  addArticle(article: Article): Promise<void>;
  /** Adds new articles; the index is written once for the whole batch. */
  addArticles(articles: readonly Article[]): Promise<void>;

  readLayer(articleId: string): Promise<ArticleLayer>;
  updateLayer(articleId: string, edit: (layer: ArticleLayer) => ArticleLayer): Promise<ArticleLayer>;

  readProject(): ProjectData;
  updateProject(edit: (project: ProjectData) => ProjectData): Promise<ProjectData>;

  listAnnotations(articleId: string): Promise<Annotation[]>;
  /** Inserts or replaces one annotation of the article, by id. */
  putAnnotation(annotation: Annotation): Promise<void>;
  /** Inserts or replaces several annotations of one article in one write. */
  putAnnotations(articleId: string, annotations: readonly Annotation[]): Promise<void>;
  deleteAnnotation(articleId: string, annotationId: string): Promise<void>;

  /**
   * The articles a search for `needle` must read, in list order, found in the
   * store's word index; `inText`: the texts are searched, not only the
   * annotations. Absent, or undefined, where the store keeps no index or a
   * transaction has staged changes: the search reads every article.
   */
  searchCandidates?(needle: string, inText: boolean): Promise<SearchCandidate[] | undefined>;
}

/** An article a search reads, and what of it. */
export interface SearchCandidate {
  summary: ArticleSummary;
  /** It has annotation files: its annotations are searched. */
  annotated: boolean;
  /** Its text holds the needle this many times (exactly as the search counts), or null: read it to know; absent: it does not. */
  textMatches?: number | null;
}

/**
 * Persistence behind the service. Implementations keep the cost of one
 * annotation edit independent of how many articles the store holds.
 *
 * Changes run one at a time (`transact`), never alongside a read that could
 * see half of one (`snapshot`). A transaction is all or nothing: its updates
 * are written together when its work returns, or not at all when it throws,
 * even across several files and a crash midway. The write methods of the
 * repository itself are each a transaction of their own.
 */
export interface AnnotationRepository extends StoreView {
  transact<T>(work: (tx: StoreView) => Promise<T>): Promise<T>;
  /** Runs a read that sees no change halfway. */
  snapshot<T>(work: (view: StoreView) => Promise<T>): Promise<T>;
  /** Puts back the last good copy of an article's unreadable annotations file. */
  restoreLayer(articleId: string): Promise<void>;
  /** Releases the store for other processes. */
  close(): Promise<void>;

  /**
   * For figures kept per article (agreement): each article with layer files
   * (of `articleIds` only, when given), listed without reading them.
   */
  listLayerFiles?(articleIds?: readonly string[]): Promise<Map<string, LayerFiles>>;
  /** An article's layer, and its text when asked, read as `readLayer` reads but not kept in memory afterwards. */
  readUnkept?(articleId: string, withText: boolean): Promise<{ layer: ArticleLayer; text?: string }>;
}

/** One article's layer files, unread. */
export interface LayerFiles {
  /** Whose each file is; null for a name too long to read back from its file name. */
  annotators: (string | null)[];
  /** Changes whenever any of the files does (written by this process or not). */
  revision: string;
}
