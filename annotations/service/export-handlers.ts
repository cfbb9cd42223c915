import type { ExportResult, Handlers } from '../contract';
import { exportSelection } from '../formats/export-run';
import { packageExport } from '../formats/export-package';
import type { ServiceContext } from './context';

/** Progress of long operations, by the id the client chose, while they run. */
export type Jobs = Map<string, { done: number; total: number }>;

/** `export/file`: the chosen scope in one format, and what it left out and why. */
export function exportHandlers(ctx: ServiceContext, jobs: Jobs): Pick<Handlers, 'export/file'> {
  return {
    'export/file': async ({ format, jobId, ...selection }) => {
      const stamp = ctx.now();
      try {
        const outcome = await exportSelection(ctx.repo, format, selection, {
          stamp,
          exportedBy: ctx.annotator,
          onArticle: (done, total) => jobId && jobs.set(jobId, { done, total }),
        });
        const result: ExportResult = packageExport(format, outcome.files, stamp);
        if (outcome.leftOut.length > 0) result.leftOut = outcome.leftOut;
        if (outcome.notAdjudicated.length > 0) result.notAdjudicated = outcome.notAdjudicated;
        if (outcome.notAnnotated.length > 0) result.notAnnotated = outcome.notAnnotated;
        if (outcome.notes.length > 0) result.notes = outcome.notes;
        return result;
      } finally {
        if (jobId) jobs.delete(jobId);
      }
    },
  };
}
