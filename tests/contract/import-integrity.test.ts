import { afterEach, describe, expect, it } from 'vitest';
import type { ExportFile, ImportReport } from '../../annotations/contract';
import type { Bundle } from '../../annotations/formats/native-bundle-format';
import type { Article, ArticleLayer, ArticleSummary } from '../../annotations/model';
import { IdSchema } from '../../annotations/model';
import { DEFAULT_TAGSET } from '../../annotations/default-tagset';
import { hashStore, storeProblems } from '../support/store-integrity';
import { testAnnotation } from '../support/store-records';
import { makeTempDir } from '../support/temp-dir';
import type { RawSend } from './contract-cases';
import { FIRST, ok } from './contract-cases';
import type { Transport } from './transports';
import { direct, overHttp } from './transports';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const STAMP = '2026-01-01T00:00:00.000Z';
const TEXT = 'Minister Dehqan said Iran and Iraq signed a memorandum in Tehran.';
const at = (q: string) => ({ start: TEXT.indexOf(q), end: TEXT.indexOf(q) + q.length });

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A store (with the sample corpus unless `empty`), its folder, and a way to close it. */
async function store(open: typeof direct = direct, empty = false): Promise<Transport & { dir: string }> {
  const temp = await makeTempDir();
  cleanups.push(temp.cleanup);
  const dir = `${temp.dir}/store`;
  let t: Transport;
  if (empty) {
    const { openLowdbRepository } = await import('../../annotations/node/lowdb-repository');
    const { createHandlers } = await import('../../annotations/service/index');
    const { dispatch } = await import('../../annotations/dispatch');
    const repo = await openLowdbRepository(dir);
    const handlers = createHandlers(repo, { annotator: 'carol' });
    t = { send: (name, args) => dispatch(handlers, name, args), close: () => repo.close() };
  } else t = await open(dir);
  let closed = false;
  const close = async () => {
    if (!closed) await t.close();
    closed = true;
  };
  cleanups.push(close);
  return { ...t, close, dir };
}

const importFiles = (send: RawSend, format: string, files: { name: string; content: string }[], annotator?: string) =>
  ok<ImportReport>(send, 'import/files', { format, files, ...(annotator ? { annotator } : {}) });

const articleIds = async (send: RawSend) => (await ok<ArticleSummary[]>(send, 'articles/list', {})).map((a) => a.id);

describe('ids from other files are made valid, never written raw', () => {
  it('a brat pair named by a relative path becomes article "doc", saved with its annotations', async () => {
    const s = await store();
    const report = await importFiles(
      s.send,
      'brat',
      [
        {
          name: '../data/doc.ann',
          content: b64(`T1\tclaim 21 64\t${TEXT.slice(21, 64)}\nT2\tspeaker 0 15\tMinister Dehqan\n`),
        },
        { name: '../data/doc.txt', content: b64(TEXT) },
      ],
      'bob',
    );
    expect(report.files).toEqual([
      expect.objectContaining({
        file: '../data/doc.ann',
        skipped: [],
        added: { articles: 1, annotations: { claim: 1, speaker: 1 }, links: 0, entities: 0, events: 0 },
      }),
    ]);
    const article = await ok<Article>(s.send, 'articles/get', { articleId: 'doc' });
    expect(article).toMatchObject({ text: TEXT, source: '../data/doc.txt' });
    const layer = await ok<ArticleLayer>(s.send, 'annotations/list', { articleId: 'doc' });
    expect(layer.annotations.map((a) => a.id)).toEqual(['doc.bob.T1', 'doc.bob.T2']);
  });

  it('a malformed brat id is reported by its line, and neither the .txt nor the .ann is saved', async () => {
    const s = await store();
    const before = await hashStore(s.dir);
    const report = await importFiles(s.send, 'brat', [
      { name: 'doc.ann', content: b64('T1\tspeaker 0 15\tMinister Dehqan\nT2 x\tclaim 21 24\tIra\n') },
      { name: 'doc.txt', content: b64(TEXT) },
    ]);
    expect(report.files[0]).toMatchObject({
      imported: [],
      added: { articles: 0, annotations: {} },
      skipped: [expect.stringMatching(/^line 2: malformed id "T2 x"/)],
    });
    expect(await articleIds(s.send)).not.toContain('doc');
    await s.close();
    expect(await hashStore(s.dir)).toEqual(before);
  });

  it('200-character doccano and Label Studio ids become distinct valid ids, the originals kept as the source', async () => {
    const s = await store();
    const long = (c: string) => `../${'n'.repeat(196)}${c}`;
    const doccano = [
      JSON.stringify({ id: long('a'), text: TEXT, label: [[at('Tehran').start, at('Tehran').end, 'place']] }),
      JSON.stringify({ id: long('b'), text: `${TEXT} Again.`, label: [] }),
      JSON.stringify({ id: 42, text: `${TEXT} Third.`, label: [] }),
    ].join('\n');
    const dc = await importFiles(s.send, 'doccano', [{ name: 'ner.jsonl', content: b64(doccano) }]);
    expect(dc.files[0]).toMatchObject({ skipped: [], added: { articles: 3, annotations: { place: 1 } } });
    const tasks = [{ data: { text: `${TEXT} Fourth.`, article_id: `a b/ü ${'z'.repeat(200)}` }, annotations: [] }];
    const ls = await importFiles(s.send, 'label-studio', [{ name: 'tasks.json', content: b64(JSON.stringify(tasks)) }]);
    expect(ls.files[0]).toMatchObject({ skipped: [], added: { articles: 1 } });
    const added = ls.articles.slice(5);
    expect(added).toHaveLength(4);
    for (const a of added) expect(IdSchema.safeParse(a.id).success, a.id).toBe(true);
    expect(new Set(added.map((a) => a.id)).size).toBe(4);
    expect(added[2]?.id).toBe('42');
    expect(added[0]?.source).toBe(`ner.jsonl (id ${JSON.stringify(long('a'))})`);
    expect(added[3]?.id).toMatch(/^u-z+-[0-9a-f]{8}$/);
    await s.close();
    expect(await storeProblems(s.dir)).toEqual([]);
  });

  it('JSONL ids like ../x, spaces, unicode, case twins and empty ones give valid, distinct ids', async () => {
    const s = await store();
    const ids = ['../x', 'a b', 'ünï', '', 'Doc', 'doc', '.', 'x'.repeat(200)];
    const jsonl = ids.map((id, i) => JSON.stringify({ id, text: `Text number ${i}.` })).join('\n');
    const report = await importFiles(s.send, 'articles', [{ name: 'lines.jsonl', content: b64(jsonl) }]);
    expect(report.files[0]?.skipped).toEqual([]);
    expect(report.files[0]?.imported.slice(0, 6)).toEqual(['x', 'a-b', 'uni', 'lines-4', 'Doc', 'doc-2']);
    expect(new Set(report.files[0]?.imported).size).toBe(ids.length);
    await s.close();
    expect(await storeProblems(s.dir)).toEqual([]);
  });

  it('W3C annotations whose source is any IRI find the text file its last segment names', async () => {
    const s = await store();
    const w3c = [
      {
        id: 'http://example.org/anno/1',
        target: {
          source: 'http://example.org/texts/story-1.txt',
          selector: [{ type: 'TextPositionSelector', ...at('Tehran') }],
        },
        body: [{ purpose: 'tagging', value: 'place' }],
      },
    ];
    const report = await importFiles(s.send, 'w3c', [
      { name: 'annotations.jsonld', content: b64(JSON.stringify(w3c)) },
      { name: 'texts/story-1.txt', content: b64(TEXT) },
    ]);
    expect(report.files[0]).toMatchObject({ skipped: [], added: { articles: 1, annotations: { place: 1 } } });
    const article = await ok<Article>(s.send, 'articles/get', { articleId: 'story-1' });
    expect(article.source).toBe('texts/story-1.txt (id "http://example.org/texts/story-1.txt")');
  });
});

describe('nothing dropped in silence', () => {
  it('a link whose end is not in the file refuses the file, naming the link (doccano and Label Studio)', async () => {
    const s = await store();
    const before = await hashStore(s.dir);
    const line = {
      text: TEXT,
      entities: [{ id: 1, start_offset: 0, end_offset: 15, label: 'speaker' }],
      relations: [{ id: 7, type: 'said-by', from_id: 1, to_id: 2 }],
    };
    const doccano = await importFiles(s.send, 'doccano', [{ name: 'd.jsonl', content: b64(JSON.stringify(line)) }]);
    expect(doccano.files[0]?.skipped.join(' ')).toMatch(
      /line 1: relation 1 \(said-by\) joins entity 1 to 2, but the line has no entity 2/,
    );
    const task = {
      data: { text: TEXT },
      annotations: [
        {
          result: [
            {
              id: 'a',
              from_name: 'label',
              to_name: 'text',
              type: 'labels',
              value: { start: 0, end: 15, text: 'Minister Dehqan', labels: ['speaker'] },
            },
            { type: 'relation', from_id: 'a', to_id: 'gone', labels: ['said-by'] },
          ],
        },
      ],
    };
    const ls = await importFiles(s.send, 'label-studio', [{ name: 'ls.json', content: b64(JSON.stringify([task])) }]);
    expect(ls.files[0]?.skipped.join(' ')).toMatch(
      /link said-by: it joins ".*gone.*", which is not a span of the file/,
    );
    expect(await hashStore(s.dir)).toEqual(before);
  });
});

describe('an import touches only the layer it names', () => {
  it('two annotators’ brat files of one text, imported in turn and again, leave both layers whole', async () => {
    const s = await store();
    const ann = (kind: string) => b64(`T1\t${kind} 0 15\tMinister Dehqan\nT2\tclaim 21 24\t${TEXT.slice(21, 24)}\n`);
    const pair = (kind: string) => [
      { name: 'doc.ann', content: ann(kind) },
      { name: 'doc.txt', content: b64(TEXT) },
    ];
    await importFiles(s.send, 'brat', pair('speaker'), 'alice');
    await importFiles(s.send, 'brat', pair('person'), 'bob');
    await importFiles(s.send, 'brat', pair('speaker'), 'alice');
    const layer = await ok<ArticleLayer>(s.send, 'annotations/list', { articleId: 'doc' });
    const byLayer = (who: string) =>
      layer.annotations.filter((a) => a.annotator === who).map((a) => `${a.kind} ${a.start}–${a.end}`);
    expect(byLayer('alice')).toEqual(['speaker 0–15', 'claim 21–24']);
    expect(byLayer('bob')).toEqual(['person 0–15', 'claim 21–24']);
  });
});

describe('bundles are checked before anything is saved', () => {
  async function bundleOf(s: Transport): Promise<Bundle> {
    const file = await ok<ExportFile>(s.send, 'export/file', { format: 'bundle' });
    return JSON.parse(file.content) as Bundle;
  }
  /** dan's annotation, with any offsets and quote, so a bundle can carry what the store would refuse. */
  const annotation = (articleId: string, id: string, kind: string, start: number, end: number, quote: string) => ({
    ...testAnnotation(articleId, id, start, quote),
    annotator: 'dan',
    kind,
    end,
  });

  it('an annotation ending at 999999 refuses the whole bundle, naming the article and annotation', async () => {
    const s = await store();
    const bundle = await bundleOf(s);
    const item = bundle.articles[0]!;
    item.annotations.push(annotation(FIRST, 'far', 'claim', 0, 999999, item.article.text));
    item.annotations.push(annotation(FIRST, 'ok', 'speaker', 0, 4, item.article.text.slice(0, 4)));
    bundle.exportedBy = 'dan';
    const before = await hashStore(s.dir);
    const report = await importFiles(s.send, 'bundle', [{ name: 'b.json', content: b64(JSON.stringify(bundle)) }]);
    expect(report.files[0]).toMatchObject({ imported: [], added: { articles: 0, annotations: {} } });
    expect(report.files[0]?.skipped).toEqual([
      expect.stringMatching(
        new RegExp(`^article ${FIRST}: annotation far \\(claim 0–999999\\): Span 0–999999 is outside`),
      ),
    ]);
    await s.close();
    expect(await hashStore(s.dir)).toEqual(before);
  });

  it('unknown entities, events, kinds and link ends are each listed, at most 20 of them', async () => {
    const s = await store();
    const bundle = await bundleOf(s);
    const item = bundle.articles[0]!;
    const text = item.article.text;
    item.annotations.push({ ...annotation(FIRST, 's1', 'speaker', 0, 4, text.slice(0, 4)), entityId: 'nobody' });
    item.annotations.push({ ...annotation(FIRST, 'e1', 'event', 0, 4, text.slice(0, 4)), eventId: 'never' });
    item.annotations.push(annotation(FIRST, 'r1', 'rumour', 0, 4, text.slice(0, 4)));
    item.relations.push({
      id: 'l1',
      articleId: FIRST,
      annotator: 'dan',
      type: 'said-by',
      from: 'missing',
      to: { kind: 'annotation', id: 's1' },
      createdAt: STAMP,
    });
    for (let i = 0; i < 30; i++) item.annotations.push(annotation(FIRST, `bad${i}`, 'claim', 0, 3, 'nope'));
    const report = await importFiles(s.send, 'bundle', [{ name: 'b.json', content: b64(JSON.stringify(bundle)) }]);
    const skipped = report.files[0]!.skipped;
    expect(skipped).toHaveLength(21);
    expect(skipped.slice(0, 3)).toEqual([
      expect.stringMatching(/annotation s1 \(speaker 0–4\): No entity "nobody"/),
      expect.stringMatching(/annotation e1 \(event 0–4\): No event record "never"/),
      expect.stringMatching(/annotation r1 \(rumour 0–4\): Unknown annotation kind "rumour"/),
    ]);
    expect(skipped[20]).toBe('…and 14 more problems');
    expect(await articleIds(s.send)).toHaveLength(5);
  });

  it('into an empty store the bundle’s own tagset counts; into one with articles, the store’s', async () => {
    const source = await store();
    const bundle = await bundleOf(source);
    bundle.tagset = {
      ...DEFAULT_TAGSET,
      kinds: [...DEFAULT_TAGSET.kinds, { ...DEFAULT_TAGSET.kinds[1]!, kind: 'rumour', label: 'Rumour', hotkey: 'r' }],
    };
    const text = bundle.articles[0]!.article.text;
    bundle.articles[0]!.annotations.push(annotation(FIRST, 'r1', 'rumour', 0, 4, text.slice(0, 4)));
    const content = b64(JSON.stringify(bundle));

    const empty = await store(direct, true);
    const fresh = await importFiles(empty.send, 'bundle', [{ name: 'b.json', content }]);
    expect(fresh.files[0]).toMatchObject({
      skipped: [],
      added: { articles: 5, annotations: { rumour: 1 }, links: 0, entities: 0, events: 0 },
    });
    const refused = await importFiles(source.send, 'bundle', [{ name: 'b.json', content }]);
    expect(refused.files[0]?.skipped).toEqual([expect.stringMatching(/Unknown annotation kind "rumour"/)]);
  });

  it('a bundle, then a file that is not base64 and one that is not a bundle, over HTTP: each reported, no 5xx', async () => {
    const s = await store(overHttp);
    const bundle = await bundleOf(s);
    const text = bundle.articles[1]!.article.text;
    bundle.exportedBy = 'dan';
    bundle.articles[1]!.annotations.push(
      annotation(bundle.articles[1]!.article.id, 'd1', 'place', 0, 4, text.slice(0, 4)),
    );
    const envelope = await s.send('import/files', {
      format: 'bundle',
      files: [
        { name: 'good.json', content: b64(JSON.stringify(bundle)) },
        { name: 'bad.json', content: '%%% not base64 %%%' },
        { name: 'other.json', content: b64('{"format": "nope"}') },
      ],
    });
    expect(envelope.ok, JSON.stringify(envelope)).toBe(true);
    const report = (envelope as { result: ImportReport }).result;
    expect(report.files.map((f) => [f.file, f.skipped.length])).toEqual([
      ['good.json', 0],
      ['bad.json', 1],
      ['other.json', 1],
    ]);
    expect(report.files[0]).toMatchObject({
      added: { annotations: { place: 1 } },
      duplicates: 5,
      layers: [{ annotator: 'dan', added: 1, removed: 0, changed: 0 }],
    });
    expect(report.files[1]?.skipped[0]).toMatch(/^not base64/);
    const articles = await importFiles(s.send, 'articles', [
      { name: 'a.txt', content: b64('A new article.') },
      { name: 'b.txt', content: 'Ω not base64' },
    ]);
    expect(articles.files.map((f) => f.skipped)).toEqual([[], [expect.stringMatching(/^not base64/)]]);
  });
});

describe('article files', () => {
  it('a JSONL file of many bad lines lists 20 and counts the rest; its good lines go in', async () => {
    const s = await store();
    const lines = [...Array.from({ length: 30 }, (_, i) => `{"text": ${i}}`), '{"id": "fine", "text": "Fine."}'];
    const report = await importFiles(s.send, 'articles', [{ name: 'many.jsonl', content: b64(lines.join('\n')) }]);
    expect(report.files[0]).toMatchObject({ imported: ['fine'], added: { articles: 1 } });
    expect(report.files[0]?.skipped).toHaveLength(21);
    expect(report.files[0]?.skipped[20]).toBe('…and 10 more problems');
  });

  it('when the batch cannot be saved, each file is saved alone: the others still go in', async () => {
    const { openLowdbRepository } = await import('../../annotations/node/lowdb-repository');
    const { importHandlers } = await import('../../annotations/imports/import-handlers');
    const { FactmarkError } = await import('../../annotations/errors');
    const temp = await makeTempDir();
    cleanups.push(temp.cleanup);
    const repo = await openLowdbRepository(temp.dir);
    cleanups.push(() => repo.close());
    // A store that refuses one article (as it would one it could not read back).
    const handlers = importHandlers({
      repo,
      transact: (work) =>
        repo.transact((tx) =>
          work({
            ...tx,
            addArticles: async (articles) => {
              if (articles.some((a) => a.title === 'Poison'))
                throw new FactmarkError('invalid-argument', 'Refused: poison would not read back');
              return tx.addArticles(articles);
            },
          }),
        ),
      annotator: 'alice',
      now: () => STAMP,
      newId: () => crypto.randomUUID(),
    });
    const report = await handlers['import/files']({
      format: 'articles',
      files: [
        { name: 'good.txt', content: b64('Good news\n\nAll fine.') },
        { name: 'bad.md', content: b64('# Poison\n\nText.') },
      ],
    });
    expect(report.files).toEqual([
      expect.objectContaining({
        file: 'good.txt',
        imported: ['good'],
        skipped: [],
        added: expect.objectContaining({ articles: 1 }),
      }),
      expect.objectContaining({ file: 'bad.md', imported: [], skipped: ['Refused: poison would not read back'] }),
    ]);
    expect(repo.listArticles().map((a) => a.id)).toEqual(['good']);
  });
});
