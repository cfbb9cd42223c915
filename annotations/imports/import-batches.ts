import type { Args } from '../contract';

type ImportFormat = Args<'import/files'>['format'];

/** Files sent per `import/files` call: small enough to show progress, large enough to be quick. */
export const IMPORT_BATCH_SIZE = 25;

const lower = (name: string) => name.toLowerCase();
const extension = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot > name.lastIndexOf('/') ? lower(name.slice(dot)) : '';
};

/**
 * Files every batch needs, whatever else it holds: brat's configuration
 * (`annotation.conf`, `visual.conf`…: an .ann is read against the nearest
 * one up its folders), a Label Studio project's labelling config (`.xml`),
 * and a W3C file's texts (its annotations point into them).
 */
function isShared(format: ImportFormat, name: string): boolean {
  const ext = extension(name);
  if (format === 'brat') return ext === '.conf';
  if (format === 'label-studio') return ext === '.xml';
  if (format === 'w3c') return ext === '.txt';
  return false;
}

/** What must travel in one batch: a brat `.txt` with its `.ann` (same path but the extension); else one file. */
function unitKey(format: ImportFormat, name: string): string {
  const ext = extension(name);
  return format === 'brat' && (ext === '.ann' || ext === '.txt') ? name.slice(0, -ext.length) : `\u0000${name}`;
}

/** One `import/files` call's files, and how many of them are its own (what progress counts). */
export interface ImportBatch<F> {
  files: F[];
  count: number;
}

/**
 * Parts the files of an import into batches, each sent (and saved) as one
 * `import/files` call: at most `size` files of their own each, a brat pair
 * never split, and the files every batch needs (see `isShared`) put first in
 * each. The files keep their order otherwise.
 */
export function importBatches<F extends { name: string }>(
  format: ImportFormat,
  files: readonly F[],
  size = IMPORT_BATCH_SIZE,
): ImportBatch<F>[] {
  const shared = files.filter((f) => isShared(format, f.name));
  const units = new Map<string, F[]>();
  for (const file of files) {
    if (isShared(format, file.name)) continue;
    const key = unitKey(format, file.name);
    const unit = units.get(key);
    if (unit) unit.push(file);
    else units.set(key, [file]);
  }
  const batches: F[][] = [];
  let current: F[] = [];
  for (const unit of units.values()) {
    if (current.length > 0 && current.length + unit.length > size) {
      batches.push(current);
      current = [];
    }
    current.push(...unit);
  }
  if (current.length > 0) batches.push(current);
  // Only shared files (a folder of texts, a config alone): one batch of them, so each gets its report line.
  if (batches.length === 0) return shared.length > 0 ? [{ files: [...shared], count: shared.length }] : [];
  return batches.map((batch) => ({ files: [...shared, ...batch], count: batch.length }));
}
