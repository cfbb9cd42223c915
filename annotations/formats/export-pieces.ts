import type { ExportedFile } from './export-input';

/** One piece of an export: text for the end of one of its files (the first piece of a path creates the file). */
export interface ExportPiece {
  path: string;
  text: string;
}

/** The whole files the pieces make, in the order each was first written. */
export function filesOf(pieces: Iterable<ExportPiece>): ExportedFile[] {
  const files = new Map<string, string[]>();
  for (const { path, text } of pieces) {
    const parts = files.get(path);
    if (parts) parts.push(text);
    else files.set(path, [text]);
  }
  return [...files].map(([path, parts]) => ({ path, content: parts.join('') }));
}
