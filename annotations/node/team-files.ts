import type { Assignment, TeamMember } from '../project';
import { AssignmentSchema, assignmentKey, TeamMemberSchema } from '../team';
import type { StoreCodec } from './store-text-file';
import { recordsCodec } from './store-text-file';

/** Texts encoded, by the list they encode: a list nobody changed is not encoded again. */
const encoded = new WeakMap<readonly object[], string>();
/** The last text read of each team file, and its records: the same text is not checked again. */
const decoded = new Map<string, { text: string; records: readonly object[] }>();
const KEEP = 16;

/**
 * A team file's codec that remembers its last work. A project change saves
 * every project file it holds, reading each back; a team of 100,000
 * assignments would make each edit of an entity or the guidelines cost a
 * second. Lists are never changed in place (every edit makes a new one), so
 * the same list always has the same text and the same text the same records.
 */
function remembering<T extends object>(
  full: string,
  codec: StoreCodec<T[]>,
  line: (record: T) => unknown,
): StoreCodec<T[]> {
  return {
    encode(records) {
      let text = encoded.get(records);
      if (text === undefined) {
        // The keys in sorted order, as `recordsCodec` writes them, without its replacer's cost.
        text = records.map((record) => `${JSON.stringify(line(record))}\n`).join('');
        encoded.set(records, text);
      }
      return text;
    },
    decode(text) {
      const last = decoded.get(full);
      if (last?.text === text) return last.records as T[];
      const records = codec.decode(text);
      decoded.delete(full);
      if (decoded.size >= KEEP) decoded.delete(decoded.keys().next().value!);
      decoded.set(full, { text, records });
      return records;
    },
  };
}

/** `members.jsonl`: one member a line, by name. */
export const membersCodec = (full: string): StoreCodec<TeamMember[]> =>
  remembering(full, recordsCodec(full, TeamMemberSchema, { of: (m) => m.name, name: 'member' }), (m) => ({
    name: m.name,
    role: m.role,
  }));

/** `assignments.jsonl`: one assignment a line, by annotator then article. */
export const assignmentsCodec = (full: string): StoreCodec<Assignment[]> =>
  remembering(full, recordsCodec(full, AssignmentSchema, { of: assignmentKey, name: 'assignment' }), (a) => ({
    annotator: a.annotator,
    articleId: a.articleId,
  }));
