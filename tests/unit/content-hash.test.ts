import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { contentHash, webContentHash } from '../../annotations/content-hash';
import { FILE_THREADS, provideFileThreads } from '../../annotations/node/file-threads';

afterEach(() => vi.restoreAllMocks());

/** Text as it comes from anywhere: any UTF-16 code units, lone surrogates too. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 200 }).map((units) => String.fromCharCode(...units)),
);

describe('an article’s content hash', () => {
  it('is the SHA-256 of its UTF-8 bytes', async () => {
    expect(await contentHash('abc')).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await contentHash('')).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('is computed in Node without Web Crypto, and equal to what Web Crypto gives a browser, for any text', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (text) => {
        const web = await webContentHash(text);
        const digest = vi.spyOn(crypto.subtle, 'digest');
        expect(await contentHash(text)).toBe(web);
        expect(digest).not.toHaveBeenCalled();
        digest.mockRestore();
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });
});

describe('the file thread pool', () => {
  it('is given a thread for each file an import writes at once, unless the user sized it', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(provideFileThreads(env)).toBe(String(FILE_THREADS));
    expect(env.UV_THREADPOOL_SIZE).toBe(String(FILE_THREADS));
    const sized: NodeJS.ProcessEnv = { UV_THREADPOOL_SIZE: '6' };
    expect(provideFileThreads(sized)).toBe('6');
  });

  it.each(['annotations/node/cli.ts', 'annotations/node/serve-main.ts', 'electron/main.ts'])(
    'is sized by %s before anything else is imported',
    async (entry) => {
      const source = await readFile(entry, 'utf8');
      const firstImport = /^import\b.*$/m.exec(source)?.[0];
      expect(firstImport).toMatch(/^import '(\.\/|\.\.\/annotations\/node\/)file-threads';$/);
    },
  );
});
