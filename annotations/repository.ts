import type { Annotation, Article, ArticleLayer, ArticleSummary, Entity, EventRecord } from './model';
import type { Tagset } from './tagset';

/** A store file that could not be read; it is reported and never overwritten. */
export interface StoreProblem {
  file: string;
  reason: string;
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
  /** The user's settings: the annotator name they chose. */
  settings?: { annotator?: string };
}

/**
 * Persistence behind the service. Implementations keep the cost of one
 * annotation edit independent of how many articles the store holds.
 * Edits of one article (or of the project) run one after another; an edit
 * function that throws writes nothing.
 */
export interface AnnotationRepository {
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
}
