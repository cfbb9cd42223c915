import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportFile, SessionStatus } from '../../annotations/contract';
import type { Annotation, Article, ArticleLayer, ArticleSummary } from '../../annotations/model';
import { makeTempDir } from '../support/temp-dir';
import type { RawSend } from './contract-cases';
import { FIRST, ok, refused, value } from './contract-cases';
import type { Transport } from './transports';
import { sampleDir, TRANSPORTS } from './transports';

describe.each(TRANSPORTS)('the service contract over %s', (_name, open) => {
  let storeDir: string;
  let cleanup: () => Promise<void>;
  let transport: Transport;
  let send: RawSend;

  beforeEach(async () => {
    ({ dir: storeDir, cleanup } = await makeTempDir());
    transport = await open(storeDir);
    send = transport.send;
  });
  afterEach(async () => {
    await transport.close();
    await cleanup();
  });

  const claimArgs = async (needle: string) => {
    const article = await ok<Article>(send, 'articles/get', { articleId: FIRST });
    const start = article.text.indexOf(needle);
    return { articleId: FIRST, kind: 'claim', start, end: start + needle.length, quote: needle };
  };

  it('lists the five sample articles of a new store, with titles', async () => {
    const articles = await ok<ArticleSummary[]>(send, 'articles/list', {});
    expect(articles.map((a) => a.id)).toEqual([
      '000_0032acaf3c30b9bc',
      '001_3eea3b6f31cb041f',
      '002_7feab6871f0e57f9',
      '003_868bd8ac9b581218',
      '004_74bfdcc74ec9356c',
    ]);
    expect(articles[0]?.title).toBe('ISIS pursuing US and Israel interests, Iranian DM Says');
    expect(articles[2]?.title).toBe('Iran and Iraq signed a memorandum of understanding (MoU) to…');
  });

  it('returns an article’s text exactly as the sample file has it', async () => {
    const article = await ok<Article>(send, 'articles/get', { articleId: '001_3eea3b6f31cb041f' });
    expect(article.text).toBe(await readFile(join(sampleDir, '001_3eea3b6f31cb041f.txt'), 'utf8'));
    expect(article.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('creates, lists, updates and deletes an annotation, its attributes unset until chosen', async () => {
    const created = await value<Annotation>(send, 'annotations/create', await claimArgs('These hired terrorists'));
    expect(created).toMatchObject({
      kind: 'claim',
      annotator: 'alice',
      attributes: { verdict: null, checkWorthy: null, claimType: null },
      note: '',
      entityId: null,
      eventId: null,
    });
    const updated = await value<Annotation>(send, 'annotations/update', {
      articleId: FIRST,
      id: created.id,
      attributes: { verdict: 'false', checkWorthy: true },
    });
    expect(updated.attributes).toEqual({ verdict: 'false', checkWorthy: true, claimType: null });
    expect((await ok<ArticleLayer>(send, 'annotations/list', { articleId: FIRST })).annotations).toEqual([updated]);
    await ok(send, 'annotations/delete', { articleId: FIRST, id: created.id });
    expect((await ok<ArticleLayer>(send, 'annotations/list', { articleId: FIRST })).annotations).toEqual([]);
  });

  it('keeps annotations when the store is opened again', async () => {
    const created = await value<Annotation>(send, 'annotations/create', {
      ...(await claimArgs('General Dehqan')),
      kind: 'speaker',
      note: 'the minister',
    });
    await transport.close();
    transport = await open(storeDir);
    const listed = (await ok<ArticleLayer>(transport.send, 'annotations/list', { articleId: FIRST })).annotations;
    expect(listed).toEqual([created]);
    expect((await ok<ArticleSummary[]>(transport.send, 'articles/list', {})).length).toBe(5);
  });

  it('refuses spans that are out of range, reversed, empty or mis-quoted, and writes nothing', async () => {
    const good = await claimArgs('Tehran');
    await refused(send, 'annotations/create', { ...good, end: 1_000_000 }, 'invalid-argument', /outside the article/);
    await refused(
      send,
      'annotations/create',
      { ...good, start: good.end, end: good.start },
      'invalid-argument',
      /empty or reversed/,
    );
    await refused(send, 'annotations/create', { ...good, end: good.start }, 'invalid-argument', /empty or reversed/);
    await refused(send, 'annotations/create', { ...good, start: -1 }, 'invalid-argument', /outside the article/);
    await refused(
      send,
      'annotations/create',
      { ...good, quote: 'Baghdad' },
      'invalid-argument',
      /Quote does not match.*"Tehran"/,
    );
    await refused(send, 'annotations/create', { ...good, start: 1.5 }, 'invalid-argument', /start/);
    expect((await ok<ArticleLayer>(send, 'annotations/list', { articleId: FIRST })).annotations).toEqual([]);
  });

  it('refuses unknown kinds, unknown attributes and values the tagset does not allow', async () => {
    const good = await claimArgs('Tehran');
    await refused(
      send,
      'annotations/create',
      { ...good, kind: 'rumour' },
      'invalid-argument',
      /Unknown annotation kind "rumour"/,
    );
    await refused(
      send,
      'annotations/create',
      { ...good, attributes: { colour: 'red' } },
      'invalid-argument',
      /no attribute "colour"/,
    );
    await refused(
      send,
      'annotations/create',
      { ...good, attributes: { verdict: 'fake' } },
      'invalid-argument',
      /verdict.*must be one of/,
    );
    const created = await value<Annotation>(send, 'annotations/create', good);
    await refused(
      send,
      'annotations/update',
      { articleId: FIRST, id: created.id, attributes: { checkWorthy: 'yes' } },
      'invalid-argument',
      /true or false/,
    );
    expect((await ok<ArticleLayer>(send, 'annotations/list', { articleId: FIRST })).annotations).toEqual([created]);
  });

  it('refuses unknown operations, unknown articles and malformed arguments', async () => {
    await refused(send, 'articles/burn', {}, 'unknown-operation', /Unknown operation "articles\/burn"/);
    await refused(send, 'articles/get', { articleId: 'nope' }, 'not-found', /No article "nope"/);
    await refused(send, 'articles/get', {}, 'invalid-argument', /articleId/);
    await refused(send, 'articles/get', { articleId: '../../etc/passwd' }, 'invalid-argument', /articleId/);
    await refused(send, 'articles/list', { extra: 1 }, 'invalid-argument', /extra/);
    await refused(
      send,
      'annotations/delete',
      { articleId: FIRST, id: 'missing' },
      'not-found',
      /No annotation "missing" in article/,
    );
  });

  it('refuses a second annotation with an id already used', async () => {
    const args = { ...(await claimArgs('Tehran')), id: 'fixed-id' };
    await ok(send, 'annotations/create', args);
    await refused(send, 'annotations/create', args, 'conflict', /already exists/);
  });

  it('exports the whole store as JSONL, one article per line with its annotations', async () => {
    const created = await value<Annotation>(send, 'annotations/create', await claimArgs('Tehran'));
    const file = await ok<ExportFile>(send, 'export/file', { format: 'jsonl' });
    expect(file).toMatchObject({
      fileName: expect.stringMatching(/^factmark-jsonl-\d{4}-\d{2}-\d{2}\.jsonl$/),
      encoding: 'utf8',
    });
    const lines = file.content
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Article & { annotations: Annotation[] });
    expect(lines).toHaveLength(5);
    const first = lines[0]!;
    expect(first.id).toBe(FIRST);
    expect(first.annotations).toEqual([created]);
    expect(first.text.slice(created.start, created.end)).toBe(created.quote);
  });

  it('reports an unreadable annotation file, refuses to write over it, and keeps it byte for byte', async () => {
    const broken = join(storeDir, 'layers', FIRST, 'alice.json');
    const garbage = '{"schemaVersion": 2, "annotations": [ this is not json';
    await transport.close();
    await mkdir(join(storeDir, 'layers', FIRST), { recursive: true });
    await writeFile(broken, garbage);
    transport = await open(storeDir);
    send = transport.send;
    await refused(
      transport.send,
      'annotations/list',
      { articleId: FIRST },
      'store-unreadable',
      /layers\/000_0032acaf3c30b9bc\/alice\.json.*not valid JSON/,
    );
    await refused(
      transport.send,
      'annotations/create',
      await claimArgs('Tehran'),
      'store-unreadable',
      /not valid JSON/,
    );
    const status = await ok<SessionStatus>(transport.send, 'store/status', {});
    expect(status.problems).toEqual([
      { file: broken, reason: expect.stringMatching(/not valid JSON/), articleId: FIRST, restorable: false },
    ]);
    expect(await readFile(broken, 'utf8')).toBe(garbage);
    // Other articles are unaffected.
    await ok(transport.send, 'annotations/create', {
      articleId: '004_74bfdcc74ec9356c',
      kind: 'event',
      start: 0,
      end: 4,
      quote: 'Iran',
    });
  });

  it('exports a multi-file format as a zip, with only the chosen articles and kinds', async () => {
    await value<Annotation>(send, 'annotations/create', await claimArgs('Tehran'));
    await value<Annotation>(send, 'annotations/create', { ...(await claimArgs('General Dehqan')), kind: 'speaker' });
    const file = await ok<ExportFile>(send, 'export/file', { format: 'brat', articleIds: [FIRST], kinds: ['speaker'] });
    expect(file).toMatchObject({
      fileName: expect.stringMatching(/^factmark-brat-.*\.zip$/),
      mediaType: 'application/zip',
      encoding: 'base64',
    });
    const files = unzipSync(new Uint8Array(Buffer.from(file.content, 'base64')));
    const names = Object.keys(files)
      .map((n) => n.replace(/^factmark-brat-[\d-]+\//, ''))
      .sort();
    expect(names).toEqual([`${FIRST}.ann`, `${FIRST}.txt`, 'annotation.conf', 'visual.conf']);
    const ann = strFromU8(files[Object.keys(files).find((n) => n.endsWith('.ann'))!]!);
    expect(ann).toMatch(/^T1\tspeaker \d+ \d+\tGeneral Dehqan\n$/);
    await refused(send, 'export/file', { format: 'docx' }, 'invalid-argument', /format/);
  });

  it('reports the session: annotator, store location, tagset', async () => {
    const status = await ok<SessionStatus>(send, 'store/status', {});
    expect(status).toMatchObject({
      annotator: 'alice',
      location: storeDir,
      schemaVersion: 2,
      articleCount: 5,
      problems: [],
    });
    expect(status.tagset.kinds.map((k) => [k.kind, k.hotkey])).toEqual([
      ['claim', '1'],
      ['speaker', '2'],
      ['event', '3'],
      ['person', '4'],
      ['organisation', '5'],
      ['place', '6'],
      ['date', '7'],
    ]);
  });
});
