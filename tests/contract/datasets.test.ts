import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeSet, ExportFile, ImportReport } from '../../annotations/contract';
import type { Annotation, Article, ArticleLayer, ArticleSummary, Entity } from '../../annotations/model';
import { makeTempDir } from '../support/temp-dir';
import type { RawSend } from './contract-cases';
import { FIRST, ok } from './contract-cases';
import type { Transport } from './transports';
import { TRANSPORTS } from './transports';
import { strFromU8, unzipSync } from 'fflate';

const b64 = (text: string | Uint8Array) => Buffer.from(text).toString('base64');

describe.each(TRANSPORTS)('imports and exports over %s', (_name, open) => {
  const cleanups: (() => Promise<void>)[] = [];
  let transport: Transport;
  let send: RawSend;

  async function fresh(): Promise<Transport> {
    const temp = await makeTempDir();
    cleanups.push(temp.cleanup);
    const t = await open(temp.dir);
    cleanups.push(t.close);
    return t;
  }
  beforeEach(async () => {
    transport = await fresh();
    send = transport.send;
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const importFiles = (s: RawSend, format: string, files: { name: string; content: string }[], annotator?: string) =>
    ok<ImportReport>(s, 'import/files', { format, files, ...(annotator ? { annotator } : {}) });

  it('imports .txt, .md, .html and .jsonl articles, skipping duplicates, binary, empty and malformed input with reasons', async () => {
    const report = await importFiles(send, 'articles', [
      { name: 'notes/story.txt', content: b64('Headline here\n\nBody 👍 text.') },
      { name: 'post.md', content: b64('# A *Markdown* post\n\nSee [the source](http://x.example) **now**.') },
      { name: 'page.html', content: b64('<html><head><title>Page title</title><style>p{}</style><script>alert(1)</script></head><body><nav>Home | About</nav><article><h1>Big</h1><p>First &amp; <b>bold</b>.</p><p>Second</p></article><footer>© site</footer></body></html>') },
      { name: 'batch.jsonl', content: b64('{"id":"j1","title":"From JSONL","text":"One."}\nnot json\n{"text":""}\n{"text":"Two."}\n') },
      { name: 'again.txt', content: b64('Headline here\n\nBody 👍 text.') },
      { name: 'blob.txt', content: b64(new Uint8Array([0, 1, 2, 3])) },
      { name: 'latin1.txt', content: b64(new Uint8Array([0x63, 0x61, 0x66, 0xe9])) },
      { name: 'empty.txt', content: '' },
      { name: 'image.png', content: b64('png') },
    ]);
    const byFile = Object.fromEntries(report.files.map((f) => [f.file, f]));
    expect(byFile['notes/story.txt']?.imported).toEqual(['story']);
    expect(byFile['batch.jsonl']?.imported).toEqual(['j1', 'batch-4']);
    expect(byFile['batch.jsonl']?.skipped).toEqual([expect.stringMatching(/^malformed line 2: /), 'malformed line 3: needs a non-empty "text"']);
    expect(byFile['again.txt']).toMatchObject({ imported: [], duplicates: 1 });
    expect(byFile['blob.txt']?.skipped).toEqual(['binary file (it contains NUL bytes)']);
    expect(byFile['latin1.txt']?.skipped).toEqual(['not UTF-8 text and not decodable as such']);
    expect(byFile['empty.txt']?.skipped).toEqual(['empty file']);
    expect(byFile['image.png']?.skipped[0]).toMatch(/not an article file/);

    const get = (articleId: string) => ok<Article>(send, 'articles/get', { articleId });
    expect(await get('page')).toMatchObject({ title: 'Page title', text: 'Big\n\nFirst & bold.\n\nSecond' });
    expect(await get('post')).toMatchObject({ title: 'A *Markdown* post', text: 'A Markdown post\n\nSee the source now.' });
    expect((await get('story')).text).toBe('Headline here\n\nBody 👍 text.');
    expect(report.articles).toHaveLength(5 + 5);
  });

  it('a bundle exported from one store and imported into an empty one gives back the same store', async () => {
    const a = await ok<Article>(send, 'articles/get', { articleId: FIRST });
    const at = (q: string) => a.text.indexOf(q);
    const { value: entity } = await ok<{ value: Entity }>(send, 'entities/create', { name: 'Hossein Dehqan', type: 'person', externalId: 'Q5906014' });
    const { value: speaker } = await ok<{ value: Annotation }>(send, 'annotations/create', { articleId: FIRST, kind: 'speaker', start: at('General Dehqan'), end: at('General Dehqan') + 14, quote: 'General Dehqan', entityId: entity.id });
    const claimText = '"These hired terrorists (ISIL) are pursuing the interests of the US and Israel in the region,"';
    const { value: claim } = await ok<{ value: Annotation; changeSet: ChangeSet }>(send, 'annotations/create', { articleId: FIRST, kind: 'claim', start: at(claimText), end: at(claimText) + claimText.length, quote: claimText, attributes: { verdict: 'opinion' }, note: 'propaganda' });
    await ok(send, 'relations/create', { articleId: FIRST, type: 'said-by', from: claim.id, to: { kind: 'annotation', id: speaker.id } });
    await ok(send, 'documentLabels/set', { articleId: FIRST, labels: { stance: 'critical' } });
    const bundle = await ok<ExportFile>(send, 'export/file', { format: 'bundle' });

    // An empty store: no articles at all.
    const temp = await makeTempDir();
    cleanups.push(temp.cleanup);
    const { openLowdbRepository } = await import('../../annotations/node/lowdb-repository');
    const { createHandlers } = await import('../../annotations/service/index');
    const { dispatch } = await import('../../annotations/dispatch');
    const empty = createHandlers(await openLowdbRepository(temp.dir), { annotator: 'carol' });
    const sendEmpty: RawSend = (name, args) => dispatch(empty, name, args);
    const report = await importFiles(sendEmpty, 'bundle', [{ name: bundle.fileName, content: b64(bundle.content) }]);
    expect(report.files[0]).toMatchObject({ imported: expect.arrayContaining([FIRST]), skipped: [] });

    for (const summary of await ok<ArticleSummary[]>(send, 'articles/list', {})) {
      expect(await ok<Article>(sendEmpty, 'articles/get', { articleId: summary.id })).toEqual(await ok<Article>(send, 'articles/get', { articleId: summary.id }));
      expect(await ok<ArticleLayer>(sendEmpty, 'annotations/list', { articleId: summary.id })).toEqual(await ok<ArticleLayer>(send, 'annotations/list', { articleId: summary.id }));
    }
    expect(await ok(sendEmpty, 'entities/list', {})).toEqual(await ok(send, 'entities/list', {}));
    const again = await ok<ExportFile>(sendEmpty, 'export/file', { format: 'bundle' });
    const strip = (f: ExportFile) => ({ ...JSON.parse(f.content), exportedAt: null });
    expect(strip(again)).toEqual(strip(bundle));
  });

  it('brat exported and imported into a colleague’s layer gives back the same spans, labels and attributes', async () => {
    const a = await ok<Article>(send, 'articles/get', { articleId: FIRST });
    const quote = 'Iran and Iraq signed a memorandum of understanding (MoU)';
    await ok(send, 'annotations/create', { articleId: FIRST, kind: 'claim', start: a.text.indexOf(quote), end: a.text.indexOf(quote) + quote.length, quote, attributes: { verdict: 'mostly true', checkWorthy: true } });
    const zip = await ok<ExportFile>(send, 'export/file', { format: 'brat', articleIds: [FIRST] });
    const files = unzipSync(new Uint8Array(Buffer.from(zip.content, 'base64')));
    const payload = Object.entries(files).map(([name, bytes]) => ({ name: name.split('/').pop()!, content: b64(strFromU8(bytes)) }));
    const report = await importFiles(send, 'brat', payload, 'bob');
    expect(report.files).toEqual([expect.objectContaining({ file: `${FIRST}.ann`, skipped: [] })]);
    const layer = await ok<ArticleLayer>(send, 'annotations/list', { articleId: FIRST });
    const bobs = layer.annotations.filter((x) => x.annotator === 'bob');
    expect(bobs.map((x) => [x.kind, x.start, x.end, x.quote, x.attributes])).toEqual([['claim', a.text.indexOf(quote), a.text.indexOf(quote) + quote.length, quote, { verdict: 'mostly true', checkWorthy: true, claimType: 'factual' }]]);

    const before = await ok<ArticleLayer>(send, 'annotations/list', { articleId: FIRST });
    const broken = await importFiles(send, 'brat', [payload.find((p) => p.name.endsWith('.txt'))!, { name: `${FIRST}.ann`, content: b64('T1\tclaim 0 4\tNOPE\nT2\tclaim 5 2\tx\n') }], 'dan');
    expect(broken.files[0]?.skipped).toEqual(['line 1: the text at 0 4 is "ISIS", not "NOPE"', 'line 2: empty or reversed span']);
    expect(await ok<ArticleLayer>(send, 'annotations/list', { articleId: FIRST })).toEqual(before);
  });
});
