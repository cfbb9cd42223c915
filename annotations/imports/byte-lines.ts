/**
 * Line-oriented files (JSONL) read as a stream of byte chunks, so their size
 * has no limit: only one line is held at a time, and a line has a limit of
 * its own. Lines end as `normalizeText` ends them (`\n`, `\r\n` or a lone
 * `\r`) and are numbered from 1 as an editor numbers them, so a line read
 * here has the number the whole-text reading gave it.
 */

/** Bytes of a file, read again from its start each time it is called. */
export type ByteSource = () => AsyncIterable<Uint8Array>;

/** The most one line may hold: a JSONL article of several million words. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** One line: its text (without its end), or why it could not be read. */
export type Line = { number: number; text: string } | { number: number; problem: string };

const LF = 0x0a;
const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;

function joined(parts: readonly Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * The lines of a byte stream. A line is split at `\n` bytes (never inside a
 * UTF-8 sequence: no byte of one is 0x0A), so a chunk may end anywhere, even
 * inside a character. A line longer than `maxLineBytes` is not kept: it is
 * given as a problem naming its number and size, and the stream goes on.
 */
export async function* linesOf(chunks: AsyncIterable<Uint8Array>, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<Line> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let parts: Uint8Array[] = [];
  let size = 0;
  let number = 1;
  let first = true;

  function* finish(): Generator<Line> {
    const bytes = size > maxLineBytes ? null : joined(parts, size);
    const lineSize = size;
    parts = [];
    size = 0;
    if (!bytes) {
      yield {
        number: number++,
        problem: `line ${number - 1} is too long (${mib(lineSize)}; a line may hold at most ${mib(maxLineBytes)})`,
      };
      return;
    }
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      yield { number: number++, problem: `line ${number - 1} is not UTF-8 text` };
      return;
    }
    if (first && text.startsWith('\uFEFF')) text = text.slice(1);
    first = false;
    // `\r\n` ends the line; a lone `\r` ends one too (as `normalizeText` has it).
    if (text.endsWith('\r')) text = text.slice(0, -1);
    for (const piece of text.includes('\r') ? text.split('\r') : [text]) yield { number: number++, text: piece };
  }

  for await (const chunk of chunks) {
    let from = 0;
    for (let at = chunk.indexOf(LF); at >= 0; at = chunk.indexOf(LF, from)) {
      if (size + (at - from) <= maxLineBytes) parts.push(chunk.subarray(from, at));
      size += at - from;
      yield* finish();
      from = at + 1;
    }
    if (from < chunk.length) {
      // Past the limit the bytes are only counted: a huge line never fills memory.
      if (size + (chunk.length - from) <= maxLineBytes) parts.push(chunk.slice(from));
      size += chunk.length - from;
    }
  }
  if (size > 0) yield* finish();
}

/**
 * Why a stream is not text to import, read once from start to end: empty,
 * binary (a NUL byte among its first 8,000), not UTF-8, or only white space.
 * The same reasons, in the same order, as reading the file whole gives, so
 * a refused file is refused before anything of it is saved.
 */
export async function textStreamProblem(chunks: AsyncIterable<Uint8Array>): Promise<string | null> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let seen = 0;
  let blank = true;
  let invalid = false;
  for await (const chunk of chunks) {
    if (seen < 8000 && chunk.subarray(0, 8000 - seen).includes(0)) return 'binary file (it contains NUL bytes)';
    seen += chunk.length;
    if (invalid) continue;
    try {
      const text = decoder.decode(chunk, { stream: true });
      if (blank && /\S/.test(text)) blank = false;
    } catch {
      // Still read on: a NUL byte further in the first 8,000 would be the reason given.
      invalid = true;
    }
  }
  if (seen === 0) return 'empty file';
  if (!invalid) {
    try {
      if (/\S/.test(decoder.decode())) blank = false;
    } catch {
      invalid = true;
    }
  }
  if (invalid) return 'not UTF-8 text and not decodable as such';
  return blank ? 'empty file (only white space)' : null;
}
