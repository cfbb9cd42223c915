import type { LeftOut, OutOfScope } from '../contract';
import type { StoreView } from '../repository';
import type { ExportFormat } from './export-formats';
import { exportFiles } from './export-formats';
import type { ExportedFile, ExportInput, ExportSelection } from './export-input';
import { readExportInput } from './export-input';

/** An export's files, and what it left out or could not say. */
export interface ExportOutcome {
  files: ExportedFile[];
  /** Articles written. */
  articleCount: number;
  leftOut: LeftOut[];
  notAdjudicated: OutOfScope[];
  notAnnotated: OutOfScope[];
  notes: string[];
}

/** What a reader of the export should know that the files cannot say. */
export function exportNotes(format: ExportFormat, input: ExportInput): string[] {
  if (format === 'claimreview' && !input.reviewingOrganisation)
    return [
      'No reviewing organisation is set in the settings: the ClaimReviews are written without an author. Set one in Settings to name who publishes the verdicts.',
    ];
  return [];
}

/** Reads the selection and writes it in one format: what the service and the command line both run. */
export async function exportSelection(
  view: StoreView,
  format: ExportFormat,
  selection: ExportSelection,
  options: { stamp: string; exportedBy?: string; onArticle?: (done: number, total: number) => void },
): Promise<ExportOutcome> {
  const { leftOut, notAdjudicated, notAnnotated, ...input } = await readExportInput(view, selection, options.onArticle);
  const { guidelines } = view.readProject();
  const files = exportFiles(
    format,
    { ...input, guidelines, ...(options.exportedBy ? { exportedBy: options.exportedBy } : {}) },
    options.stamp,
    selection.kinds,
  );
  return {
    files,
    articleCount: input.articles.length,
    leftOut,
    notAdjudicated,
    notAnnotated,
    notes: exportNotes(format, input),
  };
}
