import type { Handlers } from '../contract';
import { exportFiles } from '../formats/export-formats';
import { readExportInput } from '../formats/export-input';
import { packageExport } from '../formats/export-package';
import type { AnnotationRepository } from '../repository';
import { annotationHandlers } from './annotation-handlers';
import type { ServiceContext } from './context';
import { entityHandlers } from './entity-handlers';
import { eventHandlers } from './event-handlers';
import { historyHandlers } from './history-handlers';
import { importHandlers } from '../imports/import-handlers';
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
  /** Progress of long operations, by the id the client chose, while they run. */
  const jobs = new Map<string, { done: number; total: number }>();
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
    ...importHandlers(ctx),
    'jobs/progress': async ({ jobId }) => jobs.get(jobId) ?? null,
    'export/file': async ({ format, jobId, ...selection }) => {
      const stamp = ctx.now();
      try {
        const input = await readExportInput(
          repo,
          selection,
          (done, total) => jobId && jobs.set(jobId, { done, total }),
        );
        return packageExport(
          format,
          exportFiles(format, { ...input, guidelines: repo.readProject().guidelines }, stamp, selection.kinds),
          stamp,
        );
      } finally {
        if (jobId) jobs.delete(jobId);
      }
    },
  };
}
