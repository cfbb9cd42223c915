import { strToU8, zipSync } from 'fflate';
import type { ExportFile } from '../contract';
import type { ExportFormat } from './export-formats';
import type { ExportedFile } from './export-input';

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
 * One file for the user to save: the export itself when it is a single file,
 * else a zip of its files under a folder named after the format.
 */
export function packageExport(format: ExportFormat, files: readonly ExportedFile[], stamp: string): ExportFile {
  const base = `factmark-${format}-${stamp.slice(0, 10)}`;
  if (files.length === 1) {
    const [only] = files as [ExportedFile];
    const ext = only.path.slice(only.path.lastIndexOf('.'));
    return {
      fileName: `${base}${ext}`,
      mediaType: MEDIA_TYPES[ext] ?? 'text/plain',
      content: only.content,
      encoding: 'utf8',
    };
  }
  const zip = zipSync(Object.fromEntries(files.map((f) => [`${base}/${f.path}`, strToU8(f.content)])));
  return { fileName: `${base}.zip`, mediaType: 'application/zip', content: toBase64(zip), encoding: 'base64' };
}
