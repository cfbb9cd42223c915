import type { Args } from '../contract';
import { FactmarkError } from '../errors';
import type { ByteSource } from './byte-lines';
import { MAX_FILE_BYTES } from './article-import';
import { toBase64 } from '../formats/export-package';

/** A file of `import/files`: its bytes in base64, or an upload sent before it in pieces. */
export type ImportFile = Args<'import/files'>['files'][number];

/**
 * Files sent ahead of their import, piece by piece (`import/upload`), so a
 * file larger than one request may hold is imported as a stream. The Node
 * side keeps them in the store's `local/uploads/` folder (never shared),
 * and the command line lends its files' own paths.
 */
export interface UploadStore {
  /** Adds `bytes` at `offset`, which must be what the upload holds so far (0 starts it anew); its size after. */
  append(id: string, offset: number, bytes: Uint8Array): Promise<number>;
  /** The upload's bytes, read from the start on each call; `not-found` when there is no such upload. */
  open(id: string): Promise<{ size: number; read: ByteSource }>;
  /** Forgets the upload once imported. */
  discard(id: string): Promise<void>;
}

export const noUploads = (): never => {
  throw new FactmarkError('invalid-argument', 'This Factmark cannot keep uploads: send the file’s content instead');
};

/** The byte source of one file, whether sent whole or uploaded; its size in bytes. */
export async function sourceOf(
  file: ImportFile,
  uploads: UploadStore | undefined,
): Promise<{ size: number; read: ByteSource } | { reason: string }> {
  if ('upload' in file) return (uploads ?? noUploads()).open(file.upload);
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0));
  } catch {
    return { reason: 'not base64: the file’s content must be sent as its bytes in base64' };
  }
  return {
    size: bytes.length,
    read: async function* () {
      yield bytes;
    },
  };
}

/**
 * The file as `{name, content}` in base64, for the importers that read a
 * file whole: an upload is read (up to the limit of a whole file; past it
 * the file is refused as too large, without being read on).
 */
export async function wholeFile(
  file: ImportFile,
  uploads: UploadStore | undefined,
): Promise<{ name: string; content: string }> {
  if (!('upload' in file)) return file;
  const { size, read } = await (uploads ?? noUploads()).open(file.upload);
  if (size > MAX_FILE_BYTES)
    throw new FactmarkError(
      'invalid-argument',
      `${file.name} is too large (${(size / 1048576).toFixed(1)} MiB; the limit is ${MAX_FILE_BYTES / 1048576} MiB)`,
    );
  const bytes = new Uint8Array(size);
  let at = 0;
  for await (const chunk of read()) {
    bytes.set(chunk.subarray(0, size - at), at);
    at += chunk.length;
  }
  return { name: file.name, content: toBase64(bytes) };
}
