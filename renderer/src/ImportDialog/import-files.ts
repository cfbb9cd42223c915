import type { ImportReport } from '../../../annotations/contract';
import type { FileReport } from '../../../annotations/imports/article-import';
import type { WorkspaceStore } from '../state/workspace-store';

export type ImportFormat = 'articles' | 'bundle' | 'brat' | 'label-studio' | 'doccano' | 'w3c';

/** Guesses the format from the files: .ann means brat, a lone .json a bundle or Label Studio, else articles. */
export function guessFormat(files: readonly File[]): ImportFormat {
  const names = files.map((f) => f.name.toLowerCase());
  if (names.some((n) => n.endsWith('.ann'))) return 'brat';
  if (names.some((n) => n.endsWith('.jsonld'))) return 'w3c';
  if (names.length > 0 && names.every((n) => n.endsWith('.json')))
    return names.some((n) => n.includes('label-studio')) ? 'label-studio' : 'bundle';
  return 'articles';
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const BATCH = 25;

/**
 * Sends files in batches, so a large import shows progress and can be
 * cancelled between batches: every batch is saved whole or not at all, so
 * the store is consistent whenever it stops.
 */
export async function importInBatches(
  store: WorkspaceStore,
  format: ImportFormat,
  files: readonly File[],
  annotator: string | undefined,
  onProgress: (done: number, total: number) => void,
  cancelled: () => boolean,
): Promise<FileReport[] | null> {
  const reports: FileReport[] = [];
  const together = format === 'brat' || format === 'w3c';
  const batches = together
    ? [files]
    : Array.from({ length: Math.ceil(files.length / BATCH) }, (_, i) => files.slice(i * BATCH, i * BATCH + BATCH));
  let done = 0;
  onProgress(0, files.length);
  for (const batch of batches) {
    if (cancelled()) break;
    const payload = await Promise.all(
      batch.map(async (f) => ({
        name: (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name,
        content: await toBase64(f),
      })),
    );
    const result: ImportReport | null = await store.query('import/files', {
      format,
      files: payload,
      ...(annotator ? { annotator } : {}),
    });
    if (!result) return null;
    reports.push(...result.files);
    done += batch.length;
    onProgress(done, files.length);
  }
  await store.refreshAfterImport();
  return reports;
}
