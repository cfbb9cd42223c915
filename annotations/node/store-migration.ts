import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DEFAULT_GUIDELINES } from '../default-guidelines';
import { DEFAULT_TAGSET } from '../default-tagset';
import { StoreUnreadableError } from '../errors';
import type { WriteStepHook } from './atomic-json-file';
import { fsyncDirectory } from './atomic-json-file';
import type { IndexFile, ProjectFile } from './store-files';
import { STORE_SCHEMA_VERSION } from './store-files';
import { readV1Store } from './store-files-v1';
import type { WriteEntry } from './store-journal';
import { clearJournal, writeJournal } from './store-journal';
import { codecFor, PATHS, PROJECT_PATHS, projectParts, splitLayers } from './store-layout';
import { StoreTextFile, textCodec } from './store-text-file';

/** Where a migration keeps the files of layout version 1 it replaced, inside the store. */
export const V1_BACKUP = join('backup', 'v1');

/** The layout a store folder holds: 1 (migrate it), 2 (current), or null (a new store, or an index that cannot be read). */
export async function storeLayoutVersion(dir: string): Promise<number | null> {
  const text = await readFile(join(dir, PATHS.index), 'utf8').catch(() => null);
  if (text === null) return existsSync(join(dir, 'project.json')) ? 1 : null;
  try {
    const version = (JSON.parse(text) as { schemaVersion?: unknown } | null)?.schemaVersion;
    return typeof version === 'number' ? version : null;
  } catch {
    return null;
  }
}

/** The files of layout version 1 a migration replaces, by their path inside the store. */
async function v1Files(dir: string): Promise<string[]> {
  const layers = (await readdir(join(dir, 'annotations')).catch(() => [] as string[])).filter((n) =>
    n.endsWith('.json'),
  );
  return [PATHS.index, 'project.json', ...layers.sort().map((n) => `annotations/${n}`)].filter((p) =>
    existsSync(join(dir, p)),
  );
}

export interface MigrationOptions {
  /** Writes one store file the atomic way, keeping its last good copy. */
  write: (path: string, text: string) => Promise<void>;
  onStep?: WriteStepHook;
}

/**
 * Migrates a store of layout version 1 to version 2, all or nothing:
 *
 * 1. every file of version 1 is read (one that cannot be read stops the
 *    migration, naming it: nothing is changed);
 * 2. each is copied to `backup/v1/` (flushed and renamed into place);
 * 3. the files of version 2 are written through the journal, the index
 *    last of all: a crash before the journal is whole leaves the store of
 *    version 1 (migrated again on the next start); after, the next start
 *    finishes the change;
 * 4. the files of version 1 are removed (`removeV1Leftovers`, run again on
 *    each start while any is left).
 *
 * Article files are the same in both versions and stay as they are.
 */
export async function migrateV1Store(dir: string, { write, onStep }: MigrationOptions): Promise<void> {
  let v1;
  try {
    v1 = await readV1Store(dir);
  } catch (error) {
    if (!(error instanceof StoreUnreadableError)) throw error;
    throw new StoreUnreadableError(
      error.file,
      `${error.reason}; the store has layout version 1 and is moved to version 2 only once every file reads (nothing was changed; repair or restore the file from ${join(dir, 'backup')})`,
    );
  }
  for (const path of await v1Files(dir)) {
    const copy = join(dir, V1_BACKUP, path);
    await mkdir(dirname(copy), { recursive: true });
    await new StoreTextFile(copy, textCodec, { onStep }).writeText(await readFile(join(dir, path), 'utf8'));
  }

  const entries: WriteEntry[] = [];
  const add = (path: string, data: unknown) =>
    entries.push({ path, text: new StoreTextFile(join(dir, path), codecFor(path, join(dir, path))).serialize(data) });
  const project: ProjectFile = v1.project
    ? {
        tagset: v1.project.tagset,
        entities: v1.project.entities,
        events: v1.project.events,
        guidelines: v1.project.guidelines,
        ...(v1.project.settings ? { settings: v1.project.settings } : {}),
      }
    : { tagset: DEFAULT_TAGSET, entities: [], events: [], guidelines: DEFAULT_GUIDELINES };
  for (const [path, data] of projectParts(project)) add(path, data);
  for (const file of v1.layers.values()) for (const [path, layer] of splitLayers(file)) add(path, layer);
  const index: IndexFile = { schemaVersion: STORE_SCHEMA_VERSION, articles: v1.index?.articles ?? [] };
  add(PATHS.index, index);

  await writeJournal(dir, entries, onStep);
  for (const entry of entries) await write(entry.path, entry.text);
  await clearJournal(dir, onStep);
  await removeV1Leftovers(dir, onStep);
}

/** Removes the files of version 1 a migration replaced, once their copies are in `backup/v1/`. */
export async function removeV1Leftovers(dir: string, onStep?: WriteStepHook): Promise<void> {
  const left = [join(dir, 'project.json'), join(dir, 'annotations')].filter((p) => existsSync(p));
  if (left.length === 0 || !existsSync(join(dir, V1_BACKUP, PATHS.index))) return;
  onStep?.('remove version 1 files');
  for (const path of left) await rm(path, { recursive: true, force: true });
  await fsyncDirectory(dir);
}

/**
 * Puts back the store of layout version 1 a migration kept in `backup/v1/`:
 * the version 2 files are removed and the version 1 files copied back, for
 * an older Factmark to open. The store must not be open.
 */
export async function restoreV1Store(dir: string): Promise<void> {
  const kept = join(dir, V1_BACKUP);
  if (!existsSync(join(kept, PATHS.index)))
    throw new StoreUnreadableError(join(kept, PATHS.index), 'no copy of a version 1 store is kept there');
  const paths = [PATHS.index, 'project.json'];
  const layers = await readdir(join(kept, 'annotations')).catch(() => [] as string[]);
  for (const name of [...paths, ...layers.map((n) => `annotations/${n}`)]) {
    const from = join(kept, name);
    if (!existsSync(from)) continue;
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await new StoreTextFile(join(dir, name), textCodec).writeText(await readFile(from, 'utf8'), { keepBackup: false });
  }
  for (const path of [...PROJECT_PATHS, 'layers', '.gitignore'])
    await rm(join(dir, path), { recursive: true, force: true });
}
