import type { LeftOut, OutOfScope } from '../contract';
import type { StoreView } from '../repository';
import type { ExportFormat } from './export-formats';
import { exportFiles } from './export-formats';
import type { ExportedFile, ExportInput, ExportSelection } from './export-input';
import { readExportInput } from './export-input';
import type { ExportPiece } from './export-pieces';
import type { ExportSink } from './export-stream';
import { exportPieces } from './export-stream';

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

/** What an export says beside its files. */
export type ExportSummary = Omit<ExportOutcome, 'files'>;

/** What a reader of the export should know that the files cannot say. */
export function exportNotes(format: ExportFormat, input: ExportInput): string[] {
  if (format === 'claimreview' && !input.reviewingOrganisation)
    return [
      'No reviewing organisation is set in the settings: the ClaimReviews are written without an author. Set one in Settings to name who publishes the verdicts.',
    ];
  return [];
}

/** How an export runs: its time stamp, who made it, and who follows its reading and writing. */
export interface ExportRunOptions {
  stamp: string;
  exportedBy?: string;
  onArticle?: (done: number, total: number) => void;
  /** Articles written so far (JSONL, brat and W3C are written article by article). */
  onWritten?: (done: number, total: number) => void;
}

/**
 * Reads the selection, and gives the export's pieces in one format, made as
 * they are asked for (see `exportPieces`), with what it left out.
 */
export async function selectionPieces(
  view: StoreView,
  format: ExportFormat,
  selection: ExportSelection,
  options: ExportRunOptions,
): Promise<{ pieces: Generator<ExportPiece>; summary: ExportSummary }> {
  const { leftOut, notAdjudicated, notAnnotated, ...input } = await readExportInput(view, selection, options.onArticle);
  const { guidelines } = view.readProject();
  const full = { ...input, guidelines, ...(options.exportedBy ? { exportedBy: options.exportedBy } : {}) };
  return {
    pieces: exportPieces(format, full, options.stamp, selection.kinds, options.onWritten),
    summary: {
      articleCount: input.articles.length,
      leftOut,
      notAdjudicated,
      notAnnotated,
      notes: exportNotes(format, input),
    },
  };
}

/** Reads the selection and writes it to `sink` piece by piece: what the command line runs. */
export async function streamSelection(
  view: StoreView,
  format: ExportFormat,
  selection: ExportSelection,
  sink: ExportSink,
  options: ExportRunOptions,
): Promise<ExportSummary & { fileCount: number }> {
  const { pieces, summary } = await selectionPieces(view, format, selection, options);
  const paths = new Set<string>();
  for (const piece of pieces) {
    paths.add(piece.path);
    await sink.write(piece.path, piece.text);
  }
  return { ...summary, fileCount: paths.size };
}

/** Reads the selection and writes it in one format, each file whole. */
export async function exportSelection(
  view: StoreView,
  format: ExportFormat,
  selection: ExportSelection,
  options: ExportRunOptions,
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
