import type { Handlers } from '../contract';
import { exportJsonl } from '../jsonl-export';
import type { AnnotationRepository } from '../repository';
import { annotationHandlers } from './annotation-handlers';
import type { ServiceContext } from './context';
import { entityHandlers } from './entity-handlers';
import { eventHandlers } from './event-handlers';
import { historyHandlers } from './history-handlers';
import { relationHandlers } from './relation-handlers';
import { searchHandlers } from './search-handlers';
import { tagsetHandlers } from './tagset-handlers';

export interface ServiceOptions {
  /** Whose layer new annotations go to. */
  annotator: string;
  now?: () => Date;
  newId?: () => string;
}

/** The one handler table both transports serve. */
export function createHandlers(repo: AnnotationRepository, options: ServiceOptions): Handlers {
  const ctx: ServiceContext = {
    repo,
    annotator: options.annotator,
    now: () => (options.now?.() ?? new Date()).toISOString(),
    newId: options.newId ?? (() => crypto.randomUUID()),
  };
  return {
    'store/status': async () => ({ ...repo.status(), annotator: ctx.annotator, tagset: repo.readProject().tagset }),
    'articles/list': async () => repo.listArticles(),
    'articles/get': async ({ articleId }) => repo.getArticle(articleId),
    ...annotationHandlers(ctx),
    ...relationHandlers(ctx),
    ...tagsetHandlers(ctx),
    ...entityHandlers(ctx),
    ...eventHandlers(ctx),
    ...searchHandlers(ctx),
    ...historyHandlers(ctx),
    'export/jsonl': async () => exportJsonl(repo, ctx.now()),
  };
}
