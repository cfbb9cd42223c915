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
import { reviewHandlers } from './review-handlers';
import { FactmarkError } from '../errors';
import { GOLD } from '../model';
import { searchHandlers } from './search-handlers';
import { tagsetHandlers } from './tagset-handlers';

export interface ServiceOptions {
  /** Whose layer new annotations go to, unless the user saved a name in the settings. */
  annotator: string;
  /** The name was given for this session (a flag, the environment): it wins over the settings. */
  annotatorGiven?: boolean;
  now?: () => Date;
  newId?: () => string;
}

/** The one handler table both transports serve. */
export function createHandlers(repo: AnnotationRepository, options: ServiceOptions): Handlers {
  const ctx: ServiceContext = {
    repo,
    annotator: (!options.annotatorGiven && repo.readProject().settings?.annotator) || options.annotator,
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
    ...reviewHandlers(ctx),
    'settings/update': async ({ annotator }) => {
      if (annotator === GOLD)
        throw new FactmarkError('invalid-argument', `"${GOLD}" is the adjudicated layer's name; choose another name`);
      await repo.updateProject((p) => ({ ...p, settings: { ...p.settings, annotator } }));
      ctx.annotator = annotator;
      return { ...repo.status(), annotator, tagset: repo.readProject().tagset };
    },
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
          exportFiles(
            format,
            { ...input, guidelines: repo.readProject().guidelines, exportedBy: ctx.annotator },
            stamp,
            selection.kinds,
          ),
          stamp,
        );
      } finally {
        if (jobId) jobs.delete(jobId);
      }
    },
  };
}
