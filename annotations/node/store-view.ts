import { FactmarkError } from '../errors';
import type { Annotation, Article, ArticleLayer, ArticleSummary } from '../model';
import { summarize } from '../model';
import type { ProjectData, SearchCandidate, StoreStatus, StoreView } from '../repository';
import type { AnnotationFile, ProjectFile } from './store-files';

/** What a transaction has changed so far, over the store as it is on disk. */
export interface Staged {
  committed: {
    listArticles(): ArticleSummary[];
    hasArticle(id: string): boolean;
    getArticle(id: string): Promise<Article>;
    readLayerFile(id: string): Promise<AnnotationFile>;
    readProjectFile(): ProjectFile;
    searchCandidates?(needle: string, inText: boolean): Promise<SearchCandidate[]>;
  };
  newArticles: Article[];
  /** Every layer of each article to write, by article id. */
  layers: Map<string, AnnotationFile>;
  project: ProjectFile | null;
}

export function toLayer({
  annotations,
  relations,
  documentLabels,
  decisions,
  rejections,
}: AnnotationFile): ArticleLayer {
  return {
    annotations,
    relations,
    documentLabels,
    ...(decisions ? { decisions } : {}),
    ...(rejections ? { rejections } : {}),
  };
}

export function toProject(file: ProjectFile): ProjectData {
  const { tagset, entities, events, guidelines, settings, members, assignments } = file;
  const team = members || assignments ? { team: { members: members ?? [], assignments: assignments ?? [] } } : {};
  return { tagset, entities, events, guidelines, ...(settings ? { settings } : {}), ...team };
}

/**
 * The project file of edited project data (what the edit left out stays as
 * it was). A team file is there once it was (an emptied one stays, empty) or
 * once it has a record, so an edit of anything else never adds one.
 */
export function toProjectFile(base: ProjectFile, { team, ...rest }: ProjectData): ProjectFile {
  const next: ProjectFile = { ...base, ...rest };
  if (!team) return next;
  delete next.members;
  delete next.assignments;
  if (base.members || team.members.length > 0) next.members = team.members;
  if (base.assignments || team.assignments.length > 0) next.assignments = team.assignments;
  return next;
}

/**
 * The store as one transaction sees it: its own updates over what is on
 * disk. Updates only stage; the repository writes them when the transaction
 * ends. A read-only view refuses updates: an operation that changes the store
 * must run as a transaction.
 */
export function storeView(staged: Staged, status: () => StoreStatus, { readOnly = false } = {}): StoreView {
  const { committed } = staged;
  const fresh = (id: string) => staged.newArticles.find((a) => a.id === id);

  function requireWrite(what: string): void {
    if (readOnly)
      throw new FactmarkError('internal', `${what} was attempted by an operation that only reads; nothing was changed`);
  }

  function requireArticle(articleId: string): void {
    if (!committed.hasArticle(articleId) && !fresh(articleId))
      throw new FactmarkError('not-found', `No article "${articleId}" in the store`);
  }

  async function readLayerFile(articleId: string): Promise<AnnotationFile> {
    requireArticle(articleId);
    const own = staged.layers.get(articleId);
    if (own) return own;
    if (fresh(articleId)) return { articleId, annotations: [], relations: [], documentLabels: [] };
    return committed.readLayerFile(articleId);
  }

  const projectFile = () => staged.project ?? committed.readProjectFile();

  async function updateLayer(articleId: string, edit: (layer: ArticleLayer) => ArticleLayer): Promise<ArticleLayer> {
    requireWrite('Saving annotations');
    const base = await readLayerFile(articleId);
    const next = edit(toLayer(base));
    staged.layers.set(articleId, { ...base, ...next });
    return next;
  }

  async function putAnnotations(articleId: string, incoming: readonly Annotation[]): Promise<void> {
    await updateLayer(articleId, (layer) => {
      const annotations = [...layer.annotations];
      const at = new Map(annotations.map((a, i) => [a.id, i]));
      for (const annotation of incoming) {
        const index = at.get(annotation.id);
        if (index === undefined) {
          at.set(annotation.id, annotations.length);
          annotations.push(annotation);
        } else {
          annotations[index] = annotation;
        }
      }
      return { ...layer, annotations };
    });
  }

  async function addArticles(articles: readonly Article[]): Promise<void> {
    requireWrite('Adding articles');
    // An id names the article's files: ids that differ only in case would be one file on macOS and Windows.
    const taken = new Map(
      [...committed.listArticles(), ...staged.newArticles].map((a) => [a.id.toLowerCase(), a.id] as const),
    );
    for (const article of articles) {
      const holder = taken.get(article.id.toLowerCase());
      if (holder === article.id) throw new FactmarkError('conflict', `Article "${article.id}" is already in the store`);
      if (holder !== undefined)
        throw new FactmarkError(
          'conflict',
          `Article "${article.id}" would share its files with article "${holder}" on Windows and macOS, whose file names ignore case`,
        );
      taken.set(article.id.toLowerCase(), article.id);
    }
    staged.newArticles.push(...articles);
  }

  // The index knows what is committed: a transaction that staged changes is searched article by article.
  const unchanged = () => staged.newArticles.length === 0 && staged.layers.size === 0;
  const searchCandidates = committed.searchCandidates;

  return {
    status,
    ...(searchCandidates
      ? {
          searchCandidates: async (needle: string, inText: boolean) =>
            unchanged() ? searchCandidates(needle, inText) : undefined,
        }
      : {}),
    listArticles: () =>
      staged.newArticles.length === 0
        ? committed.listArticles()
        : [...committed.listArticles(), ...staged.newArticles.map(summarize)],
    getArticle: async (articleId) => fresh(articleId) ?? committed.getArticle(articleId),
    addArticle: (article) => addArticles([article]),
    addArticles,
    readLayer: async (articleId) => toLayer(await readLayerFile(articleId)),
    updateLayer,
    readProject: () => toProject(projectFile()),
    async updateProject(edit) {
      requireWrite('Saving the project');
      const base = projectFile();
      const next = edit(toProject(base));
      staged.project = toProjectFile(base, next);
      return next;
    },
    listAnnotations: async (articleId) => (await readLayerFile(articleId)).annotations,
    putAnnotation: (annotation) => putAnnotations(annotation.articleId, [annotation]),
    putAnnotations,
    deleteAnnotation: (articleId, annotationId) =>
      updateLayer(articleId, (layer) => ({
        ...layer,
        annotations: layer.annotations.filter((a) => a.id !== annotationId),
      })).then(() => undefined),
  };
}
