import { createReadStream } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FactmarkError } from '../errors';
import type { UploadStore } from '../imports/uploads';

/** Bytes read at a time from an upload: a JSONL line of any size still comes through in pieces. */
const READ_CHUNK = 1024 * 1024;

/** An upload store that also lends files of the disk by their own path (the command line's). */
export interface UploadFolder extends UploadStore {
  /** An upload id for a file read where it is: nothing is copied, and discarding it leaves the file. */
  lend(path: string): string;
}

const readFrom = (path: string) => () => createReadStream(path, { highWaterMark: READ_CHUNK });

/**
 * Uploads kept as files in `dir` (the store's `local/uploads/`: on this
 * machine only, never synced), named by their id. What an interrupted upload
 * leaves there is removed as the folder is opened: no import of it can still
 * be under way.
 */
export function createUploadFolder(dir: string | null): UploadFolder {
  const lent = new Map<string, string>();
  let lentCount = 0;
  // Made at the first upload: a store that never takes one gets no folder for it.
  const ready = dir ? rm(dir, { recursive: true, force: true }) : null;
  const pathOf = async (id: string) => {
    if (!ready || !dir) throw new FactmarkError('invalid-argument', 'This Factmark keeps no uploads');
    await ready;
    return join(dir, `${id}.part`);
  };

  return {
    async append(id, offset, bytes) {
      const path = await pathOf(id);
      const size =
        offset === 0
          ? 0
          : await stat(path).then(
              (s) => s.size,
              () => -1,
            );
      if (size !== offset)
        throw new FactmarkError(
          'conflict',
          size < 0
            ? `No upload "${id}" is under way: start it at offset 0`
            : `Upload "${id}" holds ${size} bytes, not ${offset}: send its pieces in order`,
        );
      if (offset === 0) await mkdir(dir!, { recursive: true });
      const handle = await open(path, offset === 0 ? 'w' : 'a');
      try {
        await handle.write(bytes);
      } finally {
        await handle.close();
      }
      return offset + bytes.length;
    },
    async open(id) {
      const path = lent.get(id) ?? (await pathOf(id));
      const size = await stat(path).then(
        (s) => s.size,
        () => {
          throw new FactmarkError('not-found', `No upload "${id}": send the file with import/upload first`);
        },
      );
      return { size, read: readFrom(path) };
    },
    async discard(id) {
      if (lent.delete(id)) return;
      await rm(await pathOf(id), { force: true });
    },
    lend(path) {
      const id = `lent-${++lentCount}`;
      lent.set(id, path);
      return id;
    },
  };
}
