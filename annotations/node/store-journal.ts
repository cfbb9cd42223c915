import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { WriteStepHook } from './atomic-json-file';
import { AtomicJsonFile, fsyncDirectory } from './atomic-json-file';

/**
 * The write-ahead journal that makes a change of several store files all or
 * nothing. The protocol:
 *
 * 1. every new file's whole text is written to `journal.json` (a temporary
 *    file, flushed, renamed: the journal exists whole or not at all);
 * 2. each file is then replaced, one by one, the same atomic way;
 * 3. the journal is removed.
 *
 * A crash before step 1 completes leaves the old files: none of the change.
 * A crash after it leaves the journal, and opening the store finishes it
 * (step 2 again, which is safe to repeat): all of the change.
 */
export const JOURNAL_NAME = 'journal.json';

/**
 * Only store files, by their path inside the store: a journal never names a
 * file elsewhere. Article texts only in a sync's (a colleague's new articles). Layout version 1's project and annotation files too: a
 * change that store was making when it stopped is finished before the store
 * is migrated.
 */
const StorePath = z
  .string()
  .regex(
    /^(index\.json|project\.json|tagset\.json|entities\.jsonl|events\.jsonl|members\.jsonl|assignments\.jsonl|guidelines\.md|settings\.json|local\/settings\.json|articles\/[A-Za-z0-9][A-Za-z0-9_.-]{0,127}\.json|annotations\/[A-Za-z0-9][A-Za-z0-9_.-]{0,127}\.json|layers\/[A-Za-z0-9][A-Za-z0-9_.-]{0,127}\/[a-z0-9_~-]{1,200}\.json)$/,
    'not a store file',
  );

const JournalSchema = z.object({
  schemaVersion: z.literal(1),
  /** A file's whole new text; null: the file goes (a sync may leave a layer without records). */
  files: z.array(z.object({ path: StorePath, text: z.string().nullable() })).min(1),
});
export type JournalEntry = z.infer<typeof JournalSchema>['files'][number];
/** An entry of a change the store itself makes: it writes files, never removes them. */
export type WriteEntry = JournalEntry & { text: string };

function journalFile(dir: string, onStep?: WriteStepHook) {
  return new AtomicJsonFile(join(dir, JOURNAL_NAME), (json) => JournalSchema.parse(json), { onStep });
}

/** Writes the journal of a change; once this returns, the change survives any crash. */
export async function writeJournal(dir: string, files: JournalEntry[], onStep?: WriteStepHook): Promise<void> {
  await journalFile(dir, onStep).write({ schemaVersion: 1, files });
}

export async function clearJournal(dir: string, onStep?: WriteStepHook): Promise<void> {
  onStep?.('clear journal');
  await rm(join(dir, JOURNAL_NAME), { force: true });
  await fsyncDirectory(dir);
}

/** What opening the store found of an interrupted change. */
export type Recovery =
  | { outcome: 'none' }
  | { outcome: 'finished'; files: string[] }
  | { outcome: 'set-aside'; file: string; reason: string };

/**
 * Finishes a change a crash interrupted, if any: writes every file the
 * journal holds, then removes it. A journal that cannot be read (damaged
 * after it was written) is set aside under another name and reported, never
 * half-applied.
 */
export async function recoverJournal(
  dir: string,
  write: (entry: JournalEntry) => Promise<void>,
  onStep?: WriteStepHook,
): Promise<Recovery> {
  const path = join(dir, JOURNAL_NAME);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { outcome: 'none' };
    throw error;
  }
  let journal: z.infer<typeof JournalSchema>;
  try {
    journal = JournalSchema.parse(JSON.parse(text));
  } catch (error) {
    const aside = join(dir, `journal-damaged-${Date.now()}.json`);
    await rename(path, aside);
    return { outcome: 'set-aside', file: aside, reason: (error as Error).message.slice(0, 300) };
  }
  for (const entry of journal.files) await write(entry);
  await clearJournal(dir, onStep);
  return { outcome: 'finished', files: journal.files.map((f) => f.path) };
}
