import type { SchemaIssue } from '../schema-issues';
import { issuesText } from '../schema-issues';
import type { RawValue } from '../typed-values';

/**
 * What the readers of other tools' files (Label Studio, doccano, W3C Web
 * Annotation) hand to the import: documents with their spans and links as
 * the file gives them. Labels are the file's own (the import resolves them
 * against the tagset), attribute values are raw (the import reads them by
 * the tagset's attribute type), offsets are UTF-16 in the text as written.
 */

/** An attribute value as a file gives it, before the tagset's attribute type reads it. */
export type { RawValue };

/** A piece of a span, in UTF-16 code units of the document's text as written. */
export interface Piece {
  start: number;
  end: number;
}

export interface ParsedSpan {
  /** The file's own id of the span (a region id, an entity id, an annotation IRI), unique in its document. */
  localId: string;
  /** Where it is in the file, with the offsets as the file writes them, for messages. */
  where: string;
  label: string;
  /** One piece, or several for a discontinuous span. */
  pieces: Piece[];
  /** What the file says each piece covers, when it says; checked against the text. */
  quotes: (string | null)[];
  attributes: Record<string, RawValue>;
  /**
   * Free texts the file gives the span (Label Studio's per-region TextArea):
   * a text attribute of the kind when one has the name, else the note.
   */
  texts: { name: string; text: string }[];
  note: string;
  /** An entity the span names (a W3C identifying body), by IRI. */
  entityIri?: string;
}

export interface ParsedRelation {
  /** The file's own id of the link, or one made from its ends and label. */
  localId: string;
  where: string;
  label: string;
  /** The local id of the span it starts from. */
  from: string;
  /** The local id of the span it points to, or an entity's IRI. */
  to: { span: string } | { entityIri: string };
}

export interface ParsedDocument {
  /** Where it is in the file, for messages. */
  where: string;
  /** The text as the file (or the text file beside it) has it: offsets count in it. */
  text: string;
  title: string | null;
  /** The id the file gives the text (a Factmark article id, a doccano id, a W3C source), if any. */
  articleId: string | null;
  /** The file the text came from (a W3C source's text beside the annotations): a new article is named after it. */
  origin?: string;
  /** Whose layer, when the file says; null: the import's annotator. */
  annotator: string | null;
  spans: ParsedSpan[];
  relations: ParsedRelation[];
}

/** A file read: its documents, or the problems that refuse it; and what it leaves out, said. */
export interface ParseOutcome {
  documents: ParsedDocument[];
  /** Problems that refuse the file. */
  errors: string[];
  /** Parts of the file that cannot be represented and are left out (the rest is imported). */
  leftOut: string[];
  /** What was ignored on purpose, for the report (predictions, cancelled annotations). */
  notes: string[];
}

export const emptyOutcome = (): ParseOutcome => ({ documents: [], errors: [], leftOut: [], notes: [] });

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `where: path: message; …` for what a schema found wrong with one item of a file. */
export function itemProblem(where: string, issues: readonly SchemaIssue[]): string {
  return `${where}: ${issuesText(issues, 3)}`;
}

/**
 * An annotator's name as a file gives it, checked as the app checks names:
 * printable, at most 200 characters, without surrounding spaces.
 */
export function layerName(raw: string): { name: string } | { problem: string } {
  const name = raw.trim();
  if (name === '') return { problem: 'names an annotator with an empty name' };
  if (name.length > 200) return { problem: `names an annotator of ${name.length} characters (at most 200)` };
  if (/\p{C}/u.test(name)) return { problem: `names an annotator with control characters: ${JSON.stringify(name)}` };
  return { name };
}

/** `"short text"`, or its first characters and an ellipsis, for messages. */
export function shown(text: string, max = 60): string {
  const chars = Array.from(text);
  return JSON.stringify(chars.length > max ? `${chars.slice(0, max).join('')}…` : text);
}

/** A span with nothing but its label and pieces yet. */
export function newSpan(localId: string, where: string, label: string, pieces: Piece[], quotes: (string | null)[]) {
  const span: ParsedSpan = { localId, where, label, pieces, quotes, attributes: {}, texts: [], note: '' };
  return span;
}
