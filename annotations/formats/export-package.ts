import { strToU8, Zip, ZipDeflate } from 'fflate';
import type { ExportFile } from '../contract';
import type { ExportFormat } from './export-formats';
import type { ExportedFile } from './export-input';
import type { ExportPiece } from './export-pieces';

const MEDIA_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.jsonl': 'application/x-ndjson',
  '.jsonld': 'application/ld+json',
  '.csv': 'text/csv',
  '.conll': 'text/plain',
};

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * A zip made as its pieces come (fflate's streaming `Zip`): each file's
 * pieces are compressed as they are added, so only the compressed bytes are
 * held, never a file's whole text.
 */
function createZip(folder: string) {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  let entry: { path: string; deflate: ZipDeflate } | null = null;
  const endEntry = () => entry?.deflate.push(new Uint8Array(0), true);
  return {
    add(piece: ExportPiece) {
      if (entry?.path !== piece.path) {
        endEntry();
        entry = { path: piece.path, deflate: new ZipDeflate(`${folder}/${piece.path}`, { level: 6 }) };
        zip.add(entry.deflate);
      }
      if (piece.text) entry.deflate.push(strToU8(piece.text));
    },
    end(): Uint8Array {
      endEntry();
      zip.end();
      if (failure) throw failure;
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const chunk of chunks) {
        out.set(chunk, at);
        at += chunk.length;
      }
      return out;
    },
  };
}

/**
 * One file for the user to save: the export itself when it is a single file,
 * else a zip of its files under a folder named after the format, made as the
 * pieces come (the first file's pieces are held only until a second file
 * shows the export needs a zip).
 */
export function packagePieces(format: ExportFormat, pieces: Iterable<ExportPiece>, stamp: string): ExportFile {
  const base = `factmark-${format}-${stamp.slice(0, 10)}`;
  let first: { path: string; parts: string[] } | null = null;
  let zip: ReturnType<typeof createZip> | null = null;
  for (const piece of pieces) {
    if (zip) zip.add(piece);
    else if (!first || first.path === piece.path) (first ??= { path: piece.path, parts: [] }).parts.push(piece.text);
    else {
      zip = createZip(base);
      for (const text of first.parts) zip.add({ path: first.path, text });
      zip.add(piece);
    }
  }
  if (zip)
    return { fileName: `${base}.zip`, mediaType: 'application/zip', content: toBase64(zip.end()), encoding: 'base64' };
  const path = first?.path ?? 'export.txt';
  const ext = path.slice(path.lastIndexOf('.'));
  return {
    fileName: `${base}${ext}`,
    mediaType: MEDIA_TYPES[ext] ?? 'text/plain',
    content: first?.parts.join('') ?? '',
    encoding: 'utf8',
  };
}

/** `packagePieces` of files already whole. */
export function packageExport(format: ExportFormat, files: readonly ExportedFile[], stamp: string): ExportFile {
  return packagePieces(
    format,
    files.map((f) => ({ path: f.path, text: f.content })),
    stamp,
  );
}
