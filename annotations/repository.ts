import type { Annotation, Article, ArticleSummary } from './model';

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

/**
 * Persistence behind the service. Implementations keep the cost of one
 * annotation edit independent of how many articles the store holds.
 * They persist what they are given; the service validates before calling.
 */
export interface AnnotationRepository {
  status(): StoreStatus;
  listArticles(): ArticleSummary[];
  getArticle(articleId: string): Promise<Article>;
  addArticle(article: Article): Promise<void>;
  /** Adds new articles; the index is written once for the whole batch. */
  addArticles(articles: readonly Article[]): Promise<void>;
  listAnnotations(articleId: string): Promise<Annotation[]>;
  /** Inserts or replaces one annotation of the article, by id. */
  putAnnotation(annotation: Annotation): Promise<void>;
  /** Inserts or replaces several annotations of one article in one write. */
  putAnnotations(articleId: string, annotations: readonly Annotation[]): Promise<void>;
  deleteAnnotation(articleId: string, annotationId: string): Promise<void>;
}
