import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { FactmarkError } from '../../annotations/errors';
import type { FileReport } from '../../annotations/imports/article-import';
import { articlesFromFile, fileReport } from '../../annotations/imports/article-import';
import { importHandlers } from '../../annotations/imports/import-handlers';
import { storeContext } from '../../annotations/imports/import-transaction';
import { importJsonlStream } from '../../annotations/imports/jsonl-article-stream';
import type { UploadStore } from '../../annotations/imports/uploads';
import type { LowdbRepository } from '../../annotations/node/lowdb-repository';
import { openLowdbRepository } from '../../annotations/node/lowdb-repository';
import type { ServiceContext } from '../../annotations/service/context';
import { hashStore } from '../support/store-integrity';
import { makeTempDir } from '../support/temp-dir';
import type { ImportReport } from '../../annotations/contract';
import type { Article } from '../../annotations/model';
import { ok, refused } from './contract-cases';
import { TRANSPORTS } from './transports';

const STAMP = '2026-01-01T00:00:00.000Z';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function emptyStore(): Promise<{ repo: LowdbRepository; dir: string; ctx: ServiceContext }> {
  const temp = await makeTempDir();
  cleanups.push(temp.cleanup);
  const dir = `${temp.dir}/store`;
  const repo = await openLowdbRepository(dir);
  cleanups.push(() => repo.close());
  const ctx: ServiceContext = {
    repo,
    transact: (work) => repo.transact(work),
    annotator: 'alice',
    now: () => STAMP,
    newId: () => crypto.randomUUID(),
  };
  return { repo, dir, ctx };
}

/** Uploads held in memory, each read back in chunks cut at the given places (inside characters too). */
function memoryUploads(files: Record<string, Uint8Array>, cuts: readonly number[] = []): UploadStore {
  return {
    append: () => Promise.reject(new Error('not used')),
    discard: async (id) => void delete files[id],
    async open(id) {
      const bytes = files[id]!;
      const ends = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
      return {
        size: bytes.length,
        read: async function* () {
          let from = 0;
          for (const end of [...ends, bytes.length]) {
            yield bytes.slice(from, end);
            from = end;
          }
        },
      };
    },
  };
}

/** `ctx` with each transaction's `addArticles` passed through `through` (given the transaction's own). */
function addingThrough(
  repo: LowdbRepository,
  ctx: ServiceContext,
  through: (articles: readonly Article[], add: (articles: readonly Article[]) => Promise<void>) => Promise<void>,
): ServiceContext {
  return {
    ...ctx,
    transact: (work) =>
      repo.transact((tx) => work({ ...tx, addArticles: (articles) => through(articles, (a) => tx.addArticles(a)) })),
  };
}

/** What a store holds: each article whole, in its order. */
async function contents(repo: LowdbRepository) {
  return Promise.all(repo.listArticles().map((a) => repo.getArticle(a.id)));
}

const words = fc.constantFrom(
  'Tehran',
  'Bağdat',
  'naïve',
  '東京',
  '𝔘nicode',
  '👍🏽',
  'e\u0301',
  'said',
  '\r\n',
  '\n',
  '  ',
);
/** A JSONL line of an article, or one an import must skip or count as a duplicate. */
const line = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record(
        {
          text: fc.array(words, { minLength: 1, maxLength: 12 }).map((w) => w.join(' ')),
          title: fc.option(
            fc.array(words, { maxLength: 3 }).map((w) => w.join(' ')),
            { nil: undefined },
          ),
          id: fc.option(fc.oneof(fc.constantFrom('a', 'A', 'doc/1', '../x', 'ü ber', ''), fc.nat(5)), {
            nil: undefined,
          }),
        },
        { requiredKeys: ['text'] },
      )
      .map((r) => JSON.stringify(r)),
  },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', '{"text": ""}', '{not json', '[1]', '{"text": "same text"}') },
);
const jsonl = fc.record({
  bom: fc.boolean(),
  ends: fc.constantFrom('\n', '\r\n', '\r'),
  lines: fc.array(line, { maxLength: 25 }),
  lastEnd: fc.boolean(),
});
const bytesOf = (f: { bom: boolean; ends: string; lines: string[]; lastEnd: boolean }) =>
  new TextEncoder().encode(`${f.bom ? '\uFEFF' : ''}${f.lines.join(f.ends)}${f.lastEnd ? f.ends : ''}`);

const reportOf = (r: FileReport) => ({
  imported: r.imported,
  added: r.added,
  duplicates: r.duplicates,
  skipped: r.skipped,
});

describe('a JSONL file of articles read as a stream', () => {
  it('gives the store and the report that reading it whole gives, wherever its chunks end and however many batches it takes', async () => {
    await fc.assert(
      fc.asyncProperty(
        jsonl,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.integer({ min: 1, max: 7 }),
        async (file, cuts, batch) => {
          const bytes = bytesOf(file);
          const whole = await emptyStore();
          const { articles, report: wholeReport } = await articlesFromFile(
            'news.jsonl',
            bytes,
            storeContext(whole.ctx),
          );
          if (articles.length > 0) await whole.repo.addArticles(articles);

          const streamed = await emptyStore();
          const report = fileReport('news.jsonl');
          const source = await memoryUploads({ up: bytes }, cuts).open('up');
          await importJsonlStream(
            streamed.ctx,
            storeContext(streamed.ctx),
            { name: 'news.jsonl', ...source },
            report,
            {},
            undefined,
            batch,
          );

          expect(reportOf(report)).toEqual(reportOf(wholeReport));
          expect(await contents(streamed.repo)).toEqual(await contents(whole.repo));
          for (const c of cleanups.splice(0).reverse()) await c();
        },
      ),
      { numRuns: 40, seed: 20261201 },
    );
  });

  it('is imported through an upload, with no limit on the whole file: 21 MiB in a dry run, every line counted', async () => {
    const { repo, dir, ctx } = await emptyStore();
    const text = 'word '.repeat(600);
    const lines = Array.from({ length: 7400 }, (_, i) => JSON.stringify({ id: `n${i}`, text: `${i} ${text}` }));
    const bytes = new TextEncoder().encode(`${lines.join('\n')}\n`);
    expect(bytes.length).toBeGreaterThan(21 * 1024 * 1024);
    const before = await hashStore(dir);
    const handlers = importHandlers(ctx, new Map(), memoryUploads({ big: bytes }, [1_000_003, 7_777_777]));
    const result = await handlers['import/files']({
      format: 'articles',
      files: [{ name: 'big.jsonl', upload: 'big' }],
      dryRun: true,
    });
    expect(result.files[0]).toMatchObject({ skipped: [], added: { articles: 7400 } });
    expect(repo.listArticles()).toEqual([]);
    expect(await hashStore(dir)).toEqual(before);
  });

  it('refused whole (not UTF-8 past its first batch) changes no byte of the store', async () => {
    const { dir, ctx } = await emptyStore();
    const good = Array.from({ length: 12 }, (_, i) => JSON.stringify({ text: `Article ${i}` })).join('\n');
    const bytes = new Uint8Array([...new TextEncoder().encode(`${good}\n{"text": "bad `), 0xff, 0x22, 0x7d]);
    const before = await hashStore(dir);
    const report = fileReport('bad.jsonl');
    const source = await memoryUploads({ up: bytes }).open('up');
    await importJsonlStream(ctx, storeContext(ctx), { name: 'bad.jsonl', ...source }, report, {}, undefined, 2);
    expect(report.skipped).toEqual(['not UTF-8 text and not decodable as such']);
    expect(await hashStore(dir)).toEqual(before);
  });

  it('an article the store refuses is reported by its line; the others of its batch and the next ones go in', async () => {
    const { repo, ctx } = await emptyStore();
    const refusing = addingThrough(repo, ctx, async (articles, add) => {
      if (articles.some((a) => a.title === 'Poison'))
        throw new FactmarkError('invalid-argument', 'Refused: poison would not read back');
      return add(articles);
    });
    const lines = ['One.', 'Two.', 'Poison', 'Four.', 'Five.', 'Six.'].map((t, i) =>
      JSON.stringify({ id: `a${i + 1}`, text: t }),
    );
    // Line 5 is read while the batch of lines 3 and 4 is saved: its problem still comes after theirs.
    lines[4] = '{"id": "a5", "text": ';
    const report = fileReport('p.jsonl');
    const source = await memoryUploads({ up: new TextEncoder().encode(lines.join('\n')) }).open('up');
    await importJsonlStream(refusing, storeContext(ctx), { name: 'p.jsonl', ...source }, report, {}, undefined, 2);
    expect(report.skipped).toEqual([
      'line 3: Refused: poison would not read back',
      expect.stringMatching(/^malformed line 5: /),
    ]);
    expect(repo.listArticles().map((a) => a.id)).toEqual(['a1', 'a2', 'a4', 'a6']);
  });

  it('a save that fails (the disk) stops the file there: nothing after it is saved or reported, and no write goes on after the import', async () => {
    const { repo, ctx } = await emptyStore();
    let writing = 0;
    const failing = addingThrough(repo, ctx, async (articles, add) => {
      writing++;
      // The failure comes late, after the next batch has been read.
      await new Promise((resolve) => setTimeout(resolve, 30));
      writing--;
      if (articles.some((a) => a.title === 'Disk'))
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return add(articles);
    });
    const lines = ['One.', 'Two.', 'Disk', 'Four.', '{not json', 'Six.', 'Seven.'].map((t, i) =>
      t.startsWith('{') ? t : JSON.stringify({ id: `a${i + 1}`, text: t }),
    );
    const report = fileReport('d.jsonl');
    const source = await memoryUploads({ up: new TextEncoder().encode(lines.join('\n')) }).open('up');
    await importJsonlStream(failing, storeContext(ctx), { name: 'd.jsonl', ...source }, report, {}, undefined, 2);
    expect(writing).toBe(0);
    expect(report.skipped).toEqual([
      'nothing from line 3 on was saved (the lines before it were): could not be saved: ENOSPC: no space left on device, write',
    ]);
    expect(repo.listArticles().map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(report.imported).toEqual(['a1', 'a2']);
  });
});

describe.each(TRANSPORTS)('a JSONL file sent in pieces (%s)', (_, open) => {
  it('is imported whole, a line and a character cut between pieces; pieces out of order are refused; nothing is left behind', async () => {
    const temp = await makeTempDir();
    cleanups.push(temp.cleanup);
    const dir = `${temp.dir}/store`;
    const { send, close } = await open(dir);
    cleanups.push(close);
    const bytes = Buffer.from(
      ['{"id": "p1", "text": "Première ligne 👍🏽."}', '{"id": "p2", "text": "Second line."}', ''].join('\r\n'),
    );
    const cuts = [0, 30, 41, bytes.length];
    for (let i = 0; i < cuts.length - 1; i++) {
      const piece = bytes.subarray(cuts[i], cuts[i + 1]).toString('base64');
      await ok(send, 'import/upload', { upload: 'up-1', offset: cuts[i], content: piece });
    }
    await refused(
      send,
      'import/upload',
      { upload: 'up-1', offset: 3, content: 'QQ==' },
      'conflict',
      /holds \d+ bytes, not 3/,
    );
    const report = await ok<ImportReport>(send, 'import/files', {
      format: 'articles',
      files: [{ name: 'pieces.jsonl', upload: 'up-1' }],
    });
    expect(report.files[0]).toMatchObject({ imported: ['p1', 'p2'], skipped: [] });
    const article = await ok<Article>(send, 'articles/get', { articleId: 'p1' });
    expect(article.text).toBe('Première ligne 👍🏽.');
    expect(await readdir(join(dir, 'local', 'uploads'))).toEqual([]);
    await refused(
      send,
      'import/files',
      { format: 'articles', files: [{ name: 'pieces.jsonl', upload: 'up-1' }] },
      'not-found',
      /No upload "up-1"/,
    );
  });
});
