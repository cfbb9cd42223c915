import { readFile } from 'node:fs/promises';
import type { LabelMap } from '../imports/label-mapping';
import { LabelMapSchema } from '../imports/label-mapping';
import { UsageError } from './cli-common';

const EXAMPLE = '{"PER": "person", "GPE": "place", "MISC": null}';

/** The line of `text` holding the key `key` (as JSON writes it), or of a character offset. */
function lineOf(text: string, at: string | number): number | null {
  const index = typeof at === 'number' ? at : text.indexOf(`${JSON.stringify(at)}`);
  return index < 0 ? null : text.slice(0, index).split('\n').length;
}

/**
 * Reads a `--map FILE`: a JSON object from foreign labels to the tagset's
 * kind or relation names, null to leave a label out. A file that cannot be
 * read, is not JSON or holds a bad entry is a usage error naming the file,
 * the entry and its line.
 */
export async function readLabelMapFile(path: string): Promise<LabelMap> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--map ${path}: the label map cannot be read (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const line = position && !/line \d+/.test(message) ? lineOf(text, Number(position[1])) : null;
    throw new UsageError(`--map ${path}: not valid JSON${line ? ` (line ${line})` : ''}: ${message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new UsageError(`--map ${path}: must be a JSON object of label → kind or relation name, like ${EXAMPLE}`);
  const parsed = LabelMapSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const entry = issue.path[0];
    if (typeof entry !== 'string') return issue.message;
    const line = lineOf(text, entry);
    const value = (json as Record<string, unknown>)[entry];
    const what =
      issue.code === 'invalid_key'
        ? entry === ''
          ? 'a label must not be empty'
          : 'the label is too long (at most 200 characters)'
        : typeof value === 'string'
          ? `"${value}" cannot be a kind or relation name: it ${issue.message}`
          : `${JSON.stringify(value)} is neither a kind or relation name nor null (null leaves the label out)`;
    const shown = entry.length > 40 ? `${entry.slice(0, 40)}…` : entry;
    return `${line ? `line ${line}, ` : ''}entry ${JSON.stringify(shown)}: ${what}`;
  });
  throw new UsageError(`--map ${path}: ${problems.join('; ')} (a label map looks like ${EXAMPLE})`);
}
