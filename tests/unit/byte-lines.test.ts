import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../annotations/article-text';
import { decodeArticleBytes } from '../../annotations/imports/article-import';
import { linesOf, textStreamProblem } from '../../annotations/imports/byte-lines';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** `bytes` cut at the given places (any byte, even inside a character), as a stream. */
async function* cut(bytes: Uint8Array, at: readonly number[]): AsyncGenerator<Uint8Array> {
  let from = 0;
  for (const end of [...new Set(at.map((a) => a % (bytes.length + 1)))].sort((a, b) => a - b)) {
    yield bytes.slice(from, end);
    from = end;
  }
  yield bytes.slice(from);
}

async function collect(stream: AsyncIterable<Uint8Array>, max?: number) {
  const lines: { number: number; text?: string; problem?: string }[] = [];
  for await (const line of linesOf(stream, max)) lines.push(line);
  return lines;
}

/** Text with what line readers trip on: characters of 2, 3 and 4 bytes, `\r\n`, lone `\r`, blank lines, a BOM. */
const awkwardText = fc
  .array(
    fc.oneof(
      fc.constantFrom('a', 'é', '€', '𝔘', '👍🏽', 'e\u0301', ' ', '\t', '{"text": "x"}', '\uFEFF'),
      fc.constantFrom('\n', '\r\n', '\r', '\n\n', '\r\r\n'),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('a line-oriented file read as a stream', () => {
  it('gives the lines, numbered, that the whole text split at its normalized line ends gives, wherever the chunks end', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), awkwardText, fc.array(fc.nat(), { maxLength: 8 }), async (bom, text, at) => {
        const whole = bom ? `\uFEFF${text}` : text;
        const expected = normalizeText(whole.replace(/^\uFEFF/, ''))
          .split('\n')
          .map((t, i) => ({ number: i + 1, text: t }));
        const lines = await collect(cut(utf8(whole), at));
        // Empty lines at the end (after a last line end, or a file of nothing) import nothing either way.
        const trimmed = (all: { text?: string }[]) => {
          while (all.length > 0 && all.at(-1)!.text === '') all.pop();
          return all;
        };
        expect(trimmed(lines)).toEqual(trimmed(expected));
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });

  it('reports a line over the limit by its number and size, and reads on with the next line numbered right', async () => {
    const long = 'x'.repeat(5000);
    const lines = await collect(cut(utf8(`first\n${long}\r\nthird\n`), [100, 2000, 4999]), 1000);
    expect(lines).toEqual([
      { number: 1, text: 'first' },
      { number: 2, problem: 'line 2 is too long (0.0 MiB; a line may hold at most 0.0 MiB)' },
      { number: 3, text: 'third' },
    ]);
  });
});

describe('the check of a whole stream before its import', () => {
  const cases: [string, Uint8Array][] = [
    ['empty', new Uint8Array()],
    ['binary', Uint8Array.from([0x7b, 0x00, 0x7d])],
    ['not UTF-8', Uint8Array.from([0x7b, 0xc3, 0x28, 0x7d])],
    ['only white space and a BOM', utf8('\uFEFF \n\r\n\t ')],
    ['fine', utf8('\uFEFF{"text": "Ünïcödé"}\r\n')],
    ['a character cut by chunks', utf8('{"text": "👍🏽"}')],
  ];
  it.each(cases)('gives the reason reading the file whole gives: %s', async (_, bytes) => {
    const whole = decodeArticleBytes(bytes);
    for (const at of [[], [1], [2, 3, 11]]) {
      expect(await textStreamProblem(cut(bytes, at))).toBe('reason' in whole ? whole.reason : null);
    }
  });

  it('finds a NUL byte among the first 8,000 after a part that is not UTF-8, as reading whole does', async () => {
    const bytes = new Uint8Array(7000).fill(0x61);
    bytes[10] = 0xff;
    bytes[6000] = 0;
    expect(await textStreamProblem(cut(bytes, [20, 100]))).toBe('binary file (it contains NUL bytes)');
  });
});
