import type { Args, ImportReport } from '../../../annotations/contract';
import type { FileReport } from '../../../annotations/imports/article-import';
import { importBatches } from '../../../annotations/imports/import-batches';
import type { LabelOptions } from '../../../annotations/imports/label-mapping';
import type { WorkspaceStore } from '../state/workspace-store';

export type ImportFormat = 'articles' | 'bundle' | 'brat' | 'label-studio' | 'doccano' | 'w3c';

/** Formats whose files carry another tool's labels: their import has a label step. */
export const hasLabels = (format: ImportFormat) =>
  format === 'brat' || format === 'label-studio' || format === 'doccano' || format === 'w3c';

/** Guesses the format from the files: .ann or .conf means brat, a lone .json a bundle or Label Studio, else articles. */
export function guessFormat(files: readonly File[]): ImportFormat {
  const names = files.map((f) => f.name.toLowerCase());
  if (names.some((n) => n.endsWith('.ann'))) return 'brat';
  if (names.some((n) => n.endsWith('.jsonld'))) return 'w3c';
  if (names.some((n) => n.endsWith('.xml')) && names.some((n) => n.endsWith('.json'))) return 'label-studio';
  if (names.length > 0 && names.every((n) => n.endsWith('.json')))
    return names.some((n) => n.includes('label-studio')) ? 'label-studio' : 'bundle';
  return 'articles';
}

async function toBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Bytes per `import/upload` piece: well under the 64 MiB one request to the web mode may carry, once in base64. */
const UPLOAD_PIECE = 8 * 1024 * 1024;

/** A JSONL file too large to send in one request: it goes in pieces, then is imported as a stream. */
const streamed = (file: File) => file.name.toLowerCase().endsWith('.jsonl') && file.size > UPLOAD_PIECE;

/** Sends a file in pieces (`import/upload`); the upload's id, or null when it failed or was cancelled. */
async function uploadInPieces(store: WorkspaceStore, file: File, cancelled: () => boolean): Promise<string | null> {
  const upload = `upload-${crypto.randomUUID()}`;
  for (let offset = 0; offset < file.size; offset += UPLOAD_PIECE) {
    if (cancelled()) return null;
    const content = await toBase64(file.slice(offset, offset + UPLOAD_PIECE));
    if (!(await store.query('import/upload', { upload, offset, content }))) return null;
  }
  return upload;
}

/** The name a file is sent under: its path inside a chosen folder, so brat pairs and configs find each other. */
const nameOf = (file: File) => (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;

/** How an import runs: into whose layer, with which label choices, for real or as a dry run. */
export interface ImportRun {
  annotator?: string;
  labels?: LabelOptions;
  /** Check and report only: nothing is saved (the label step's look at the files). */
  dryRun?: boolean;
}

/**
 * Sends files in batches, so a large import shows progress and can be
 * cancelled between batches: every batch is saved whole or not at all, so
 * the store is consistent whenever it stops. A brat .txt travels with its
 * .ann, and brat or Label Studio configs and W3C texts with every batch.
 */
export async function importInBatches(
  store: WorkspaceStore,
  format: ImportFormat,
  files: readonly File[],
  run: ImportRun,
  onProgress: (done: number, total: number) => void,
  cancelled: () => boolean,
): Promise<FileReport[] | null> {
  const reports: FileReport[] = [];
  const named = files.map((file) => ({ file, name: nameOf(file) }));
  const batches = importBatches(format, named);
  const total = batches.reduce((sum, b) => sum + b.count, 0);
  let done = 0;
  onProgress(0, total);
  for (const batch of batches) {
    if (cancelled()) break;
    const payload: Args<'import/files'>['files'] = [];
    for (const f of batch.files) {
      if (format === 'articles' && streamed(f.file)) {
        const upload = await uploadInPieces(store, f.file, cancelled);
        if (!upload) return null;
        payload.push({ name: f.name, upload });
      } else payload.push({ name: f.name, content: await toBase64(f.file) });
    }
    const result: ImportReport | null = await store.query('import/files', {
      format,
      files: payload,
      ...(run.annotator ? { annotator: run.annotator } : {}),
      ...(run.labels?.map ? { map: run.labels.map } : {}),
      ...(run.labels?.extendTagset ? { extendTagset: true } : {}),
      ...(run.dryRun ? { dryRun: true } : {}),
    });
    if (!result) return null;
    reports.push(...result.files);
    done += batch.count;
    onProgress(done, total);
  }
  if (!run.dryRun) await store.refreshAfterImport();
  return reports;
}
