import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { articleFromText, normalizeText, titleOf } from '../../annotations/article-text';
import { ArticleSchema } from '../../annotations/model';

const sha256 = (text: string) => `sha256:${createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex')}`;

describe('titleOf', () => {
  it('keeps a first line that reads as a headline', () => {
    expect(titleOf('ISIS pursuing US and Israel interests, Iranian DM Says\n\nBody text.')).toBe(
      'ISIS pursuing US and Israel interests, Iranian DM Says',
    );
  });

  it('skips leading blank lines and trims the headline', () => {
    expect(titleOf('\n\n   Iran and Iraq sign defence deal   \nBody.')).toBe('Iran and Iraq sign defence deal');
  });

  it('ignores the carriage return of a CRLF line ending', () => {
    expect(titleOf('Iran and Iraq sign defence deal\r\nBody.')).toBe('Iran and Iraq sign defence deal');
  });

  it('turns a first line that is a sentence into its first 10 words and an ellipsis', () => {
    const sentence = 'Iran and Iraq signed a memorandum of understanding (MoU) to boost their defense cooperation.';
    expect(titleOf(`${sentence}\nMore.`)).toBe('Iran and Iraq signed a memorandum of understanding (MoU) to…');
  });

  it('drops a comma that would sit before the ellipsis', () => {
    expect(titleOf('One two three four five six seven eight nine ten, eleven twelve.')).toBe(
      'One two three four five six seven eight nine ten…',
    );
  });

  it('treats any sentence-ending mark, also before a closing quote, as a sentence', () => {
    const eleven = 'one two three four five six seven eight nine ten eleven';
    for (const end of ['.', '!', '?', ':', ';', '.”', '?"', '…']) {
      expect(titleOf(`${eleven}${end}`)).toBe('one two three four five six seven eight nine ten…');
    }
  });

  it('keeps a short sentence whole, without an ellipsis', () => {
    expect(titleOf('Iran signed the deal on Tuesday.\n\nBody')).toBe('Iran signed the deal on Tuesday.');
  });

  it('adds no ellipsis when runs of white space, not words, were left out', () => {
    expect(titleOf('Iran  signed the deal\t on Tuesday.\n\nBody')).toBe('Iran signed the deal on Tuesday.');
    const ten = 'one  two three four five six seven eight nine ten.';
    expect(titleOf(ten)).toBe('one two three four five six seven eight nine ten.');
    expect(titleOf(`${ten.slice(0, -1)}  eleven.`)).toBe('one two three four five six seven eight nine ten…');
  });

  it('shortens a first line longer than 120 characters even without a full stop', () => {
    const long = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    expect(long.length).toBeGreaterThan(120);
    expect(titleOf(long)).toBe('word0 word1 word2 word3 word4 word5 word6 word7 word8 word9…');
  });

  it('keeps a headline of exactly 120 characters and shortens one of 121', () => {
    const headline = ['abcde', ...Array.from({ length: 23 }, () => 'abcd')].join(' ');
    expect(headline).toHaveLength(120);
    expect(titleOf(headline)).toBe(headline);
    expect(titleOf(`x${headline}`)).toBe(`xabcde ${Array.from({ length: 9 }, () => 'abcd').join(' ')}…`);
  });

  it('calls an empty or blank text "Untitled"', () => {
    expect(titleOf('')).toBe('Untitled');
    expect(titleOf(' \n\t\n ')).toBe('Untitled');
  });
});

describe('normalizeText', () => {
  it('turns CRLF and lone CR into LF', () => {
    expect(normalizeText('a\r\nb\rc\nd')).toBe('a\nb\nc\nd');
    expect(normalizeText('\r\r\n\n')).toBe('\n\n\n');
  });

  it('changes nothing else: white space, Unicode and LF-only text are kept', () => {
    const text = '  Café 👍\te\u0301\n\n  ';
    expect(normalizeText(text)).toBe(text);
  });
});

describe('articleFromText', () => {
  const stamp = '2026-01-02T03:04:05.000Z';

  it('builds a valid article with the normalised text, its title and the given fields', async () => {
    const article = await articleFromText('a-1', 'Iran signs deal\r\n\r\nBody.\r', 'file.txt', stamp);
    expect(article).toEqual({
      id: 'a-1',
      title: 'Iran signs deal',
      text: 'Iran signs deal\n\nBody.\n',
      source: 'file.txt',
      addedAt: stamp,
      contentHash: sha256('Iran signs deal\n\nBody.\n'),
    });
    expect(ArticleSchema.safeParse(article).success).toBe(true);
  });

  it('hashes the UTF-8 bytes of the normalised text with SHA-256', async () => {
    const raw = 'Café 👍 and e\u0301\r\nnext';
    const article = await articleFromText('a', raw, 's', stamp);
    expect(article.contentHash).toBe(sha256('Café 👍 and e\u0301\nnext'));
    expect(article.contentHash).not.toBe(sha256(raw));
    expect(article.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('gives the same hash to texts that differ only in line endings, and different hashes otherwise', async () => {
    const [lf, crlf, other] = await Promise.all([
      articleFromText('a', 'x\ny', 's', stamp),
      articleFromText('b', 'x\r\ny', 's', stamp),
      articleFromText('c', 'x\ny ', 's', stamp),
    ]);
    expect(crlf.contentHash).toBe(lf.contentHash);
    expect(other.contentHash).not.toBe(lf.contentHash);
  });

  it('hashes the empty text too', async () => {
    const article = await articleFromText('e', '', 's', stamp);
    expect(article.title).toBe('Untitled');
    expect(article.contentHash).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
