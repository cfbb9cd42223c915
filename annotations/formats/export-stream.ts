import { exportBratPieces } from './brat-standoff-format';
import type { ExportFormat } from './export-formats';
import { exportFiles } from './export-formats';
import type { ExportInput } from './export-input';
import type { ExportPiece } from './export-pieces';
import { exportJsonlPieces } from './jsonl-format';
import { exportW3CPieces } from './w3c-web-annotation-format';

/**
 * Where an export is written piece by piece: each `write` adds text to the
 * end of the file at `path` inside the export (the first creates it, even
 * with no text), so no file of it is ever held whole in memory.
 */
export interface ExportSink {
  write(path: string, text: string): Promise<void>;
}

/** The formats written piece by piece; the others are written whole, file by file. */
export const STREAMED_FORMATS: readonly ExportFormat[] = ['jsonl', 'brat', 'w3c'];

/**
 * The export's pieces in order, written as they come: JSONL, brat and W3C
 * article by article (`onArticle` says how far), the other formats a whole
 * file at a time. The files are byte for byte those `exportFiles` gives.
 */
export function* exportPieces(
  format: ExportFormat,
  input: ExportInput & { guidelines: string; exportedBy?: string },
  stamp: string,
  kinds?: readonly string[],
  onArticle?: (done: number, total: number) => void,
): Generator<ExportPiece> {
  if (format === 'jsonl') yield* exportJsonlPieces(input, onArticle);
  else if (format === 'brat') yield* exportBratPieces(input, onArticle);
  else if (format === 'w3c') yield* exportW3CPieces(input, onArticle);
  else for (const file of exportFiles(format, input, stamp, kinds)) yield { path: file.path, text: file.content };
}
