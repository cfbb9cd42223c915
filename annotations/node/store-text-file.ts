import type { z } from 'zod';
import type { AtomicJsonFileOptions, FileCodec } from './atomic-json-file';
import { AtomicJsonFile, jsonText, unreadable } from './atomic-json-file';
import { parserFor } from './store-files';

/** How one kind of store file turns into text and back; `decode` throws a `store-unreadable` error naming the file. */
export type StoreCodec<T> = FileCodec<T>;

/**
 * JSON with every object's keys sorted: the same data is always the same
 * text, whatever order the code built its keys in.
 */
function sortedKeys(_key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  // Most records are built in order already (an index of 10,000 summaries is written at every batch of an
  // import): those are written as they are, without a sorted copy.
  for (let i = 1; i < keys.length; i++)
    if (keys[i - 1]! > keys[i]!) {
      const record = value as Record<string, unknown>;
      return Object.fromEntries(keys.sort().map((key) => [key, record[key]]));
    }
  return value;
}

/** Pretty-printed, keys sorted, one value per line: a small edit is a small diff. */
export const stableJson = (value: unknown): string => `${JSON.stringify(value, sortedKeys, 2)}\n`;

export function jsonCodec<T>(file: string, schema: z.ZodType<T, unknown>): StoreCodec<T> {
  return { encode: stableJson, decode: jsonText(file, parserFor(file, schema)).decode };
}

/** What tells a file's records apart: a record's key, and what the key is called in messages. */
export interface RecordKey<T> {
  of(record: T): string;
  name: string;
}

const byId: RecordKey<{ id: string }> = { of: (record) => record.id, name: 'id' };

/**
 * Records with ids, one a line (JSON Lines), in the registry's order (a new
 * record last): a record's edit is a one-line diff, a new one a line added.
 * Records without an id name their key (`key`): no two lines share it.
 */
export function recordsCodec<T extends { id: string }>(file: string, schema: z.ZodType<T, unknown>): StoreCodec<T[]>;
export function recordsCodec<T>(file: string, schema: z.ZodType<T, unknown>, key: RecordKey<T>): StoreCodec<T[]>;
export function recordsCodec<T>(
  file: string,
  schema: z.ZodType<T, unknown>,
  key = byId as unknown as RecordKey<T>,
): StoreCodec<T[]> {
  return {
    encode: (records) => records.map((record) => `${JSON.stringify(record, sortedKeys)}\n`).join(''),
    decode(text) {
      const records: T[] = [];
      const seen = new Set<string>();
      for (const [i, line] of text.split('\n').entries()) {
        if (line.trim() === '') continue;
        let json: unknown;
        try {
          json = JSON.parse(line);
        } catch (error) {
          throw unreadable(file, `line ${i + 1} is not valid JSON (${(error as Error).message})`);
        }
        const parsed = schema.safeParse(json);
        if (!parsed.success) {
          const first = parsed.error.issues[0];
          const where = first && first.path.length > 0 ? ` at ${first.path.map(String).join('.')}` : '';
          throw unreadable(
            file,
            `line ${i + 1} does not have the expected shape (${first?.message ?? 'invalid'}${where})`,
          );
        }
        const id = key.of(parsed.data);
        if (seen.has(id)) throw unreadable(file, `line ${i + 1} repeats the ${key.name} "${id}"`);
        seen.add(id);
        records.push(parsed.data);
      }
      return records;
    },
  };
}

export const textCodec: StoreCodec<string> = { encode: (text) => text, decode: (text) => text };

/**
 * A store file of any format, written the atomic way `AtomicJsonFile` writes
 * (temporary file, flush, rename, last good copy kept) and read through its
 * codec. Reading tells a missing file (null) from one that cannot be read.
 */
export class StoreTextFile<T> extends AtomicJsonFile<T> {
  constructor(path: string, codec: StoreCodec<T>, options: AtomicJsonFileOptions = {}) {
    super(path, codec, options);
  }
}
