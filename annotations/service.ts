import { resolveAttributes } from './attributes';
import type { Handlers } from './contract';
import { FactmarkError } from './errors';
import { exportJsonl } from './jsonl-export';
import type { Annotation } from './model';
import type { AnnotationRepository } from './repository';
import { checkSpan } from './spans';
import type { Tagset } from './tagset';
import { DEFAULT_TAGSET } from './tagset';

export interface ServiceOptions {
  /** Whose layer new annotations go to. */
  annotator: string;
  tagset?: Tagset;
  now?: () => Date;
  newId?: () => string;
}

/** The one handler table both transports serve. */
export function createHandlers(repo: AnnotationRepository, options: ServiceOptions): Handlers {
  const tagset = options.tagset ?? DEFAULT_TAGSET;
  const now = () => (options.now?.() ?? new Date()).toISOString();
  const newId = options.newId ?? (() => crypto.randomUUID());

  async function findAnnotation(articleId: string, id: string): Promise<Annotation> {
    const found = (await repo.listAnnotations(articleId)).find((a) => a.id === id);
    if (!found) throw new FactmarkError('not-found', `Article "${articleId}" has no annotation "${id}"`);
    return found;
  }

  return {
    'store/status': async () => ({ ...repo.status(), annotator: options.annotator, tagset }),
    'articles/list': async () => repo.listArticles(),
    'articles/get': async ({ articleId }) => repo.getArticle(articleId),
    'annotations/list': async ({ articleId }) => repo.listAnnotations(articleId),

    'annotations/create': async (args) => {
      const article = await repo.getArticle(args.articleId);
      checkSpan(article.text, args.start, args.end, args.quote);
      const attributes = resolveAttributes(tagset, args.kind, args.attributes ?? {});
      const id = args.id ?? newId();
      const existing = (await repo.listAnnotations(args.articleId)).some((a) => a.id === id);
      if (existing) throw new FactmarkError('conflict', `Annotation "${id}" already exists`);
      const stamp = now();
      const annotation: Annotation = {
        id,
        articleId: args.articleId,
        annotator: options.annotator,
        kind: args.kind,
        start: args.start,
        end: args.end,
        quote: args.quote,
        attributes,
        createdAt: stamp,
        updatedAt: stamp,
      };
      await repo.putAnnotation(annotation);
      return annotation;
    },

    'annotations/update': async ({ articleId, id, attributes }) => {
      const current = await findAnnotation(articleId, id);
      const merged = resolveAttributes(tagset, current.kind, attributes, current.attributes);
      const updated: Annotation = { ...current, attributes: merged, updatedAt: now() };
      await repo.putAnnotation(updated);
      return updated;
    },

    'annotations/delete': async ({ articleId, id }) => {
      await findAnnotation(articleId, id);
      await repo.deleteAnnotation(articleId, id);
      return { id };
    },

    'export/jsonl': async () => exportJsonl(repo, now()),
  };
}
