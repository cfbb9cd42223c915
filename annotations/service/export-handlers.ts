import type { ExportResult, Handlers } from '../contract';
import { packagePieces } from '../formats/export-package';
import { selectionPieces } from '../formats/export-run';
import type { ServiceContext } from './context';

/** Progress of long operations, by the id the client chose, while they run. */
export type Jobs = Map<string, { done: number; total: number; phase?: 'reading' | 'writing' }>;

/**
 * `export/file`: the chosen scope in one format, and what it left out and
 * why. The file (or the zip of its files) is made piece by piece as the
 * articles are written; `jobId` follows the reading, then the writing.
 */
export function exportHandlers(ctx: ServiceContext, jobs: Jobs): Pick<Handlers, 'export/file'> {
  return {
    'export/file': async ({ format, jobId, ...selection }) => {
      const stamp = ctx.now();
      const follow = (phase: 'reading' | 'writing') => (done: number, total: number) =>
        jobId && jobs.set(jobId, { done, total, phase });
      try {
        const { pieces, summary } = await selectionPieces(ctx.repo, format, selection, {
          stamp,
          exportedBy: ctx.annotator,
          onArticle: follow('reading'),
          onWritten: follow('writing'),
        });
        const result: ExportResult = packagePieces(format, pieces, stamp);
        if (summary.leftOut.length > 0) result.leftOut = summary.leftOut;
        if (summary.notAdjudicated.length > 0) result.notAdjudicated = summary.notAdjudicated;
        if (summary.notAnnotated.length > 0) result.notAnnotated = summary.notAnnotated;
        if (summary.notes.length > 0) result.notes = summary.notes;
        return result;
      } finally {
        if (jobId) jobs.delete(jobId);
      }
    },
  };
}
