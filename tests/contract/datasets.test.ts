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
      {
        name: 'page.html',
        content: b64(
          '<html><head><title>Page title</title><style>p{}</style><script>alert(1)</script></head><body><nav>Home | About</nav><article><h1>Big</h1><p>First &amp; <b>bold</b>.</p><p>Second</p></article><footer>© site</footer></body></html>',
        ),
      },
      {
        name: 'batch.jsonl',
        content: b64('{"id":"j1","title":"From JSONL","text":"One."}\nnot json\n{"text":""}\n{"text":"Two."}\n'),
      },
      { name: 'again.txt', content: b64('Headline here\n\nBody 👍 text.') },
      { name: 'blob.txt', content: b64(new Uint8Array([0, 1, 2, 3])) },
      { name: 'latin1.txt', content: b64(new Uint8Array([0x63, 0x61, 0x66, 0xe9])) },
      { name: 'empty.txt', content: '' },
      { name: 'image.png', content: b64('png') },
    ]);
    const byFile = Object.fromEntries(report.files.map((f) => [f.file, f]));
    expect(byFile['notes/story.txt']?.imported).toEqual(['story']);
    expect(byFile['batch.jsonl']?.imported).toEqual(['j1', 'batch-4']);
    expect(byFile['batch.jsonl']?.skipped).toEqual([
      expect.stringMatching(/^malformed line 2: /),
      'malformed line 3: needs a non-empty "text"',
    ]);
    expect(byFile['again.txt']).toMatchObject({ imported: [], duplicates: 1 });
    expect(byFile['blob.txt']?.skipped).toEqual(['binary file (it contains NUL bytes)']);
    expect(byFile['latin1.txt']?.skipped).toEqual(['not UTF-8 text and not decodable as such']);
    expect(byFile['empty.txt']?.skipped).toEqual(['empty file']);
    expect(byFile['image.png']?.skipped[0]).toMatch(/not an article file/);

    const get = (articleId: string) => ok<Article>(send, 'articles/get', { articleId });
    expect(await get('page')).toMatchObject({ title: 'Page title', text: 'Big\n\nFirst & bold.\n\nSecond' });
    expect(await get('post')).toMatchObject({
      title: 'A *Markdown* post',
      text: 'A Markdown post\n\nSee the source now.',
    });
    expect((await get('story')).text).toBe('Headline here\n\nBody 👍 text.');
    expect(report.articles).toHaveLength(5 + 5);
  });

  it('a bundle exported from one store and imported into an empty one gives back the same store', async () => {
    const a = await ok<Article>(send, 'articles/get', { articleId: FIRST });
    const at = (q: string) => a.text.indexOf(q);
    const { value: entity } = await ok<{ value: Entity }>(send, 'entities/create', {
      name: 'Hossein Dehqan',
      type: 'person',
      externalId: 'Q5906014',
    });
    const { value: speaker } = await ok<{ value: Annotation }>(send, 'annotations/create', {
      articleId: FIRST,
      kind: 'speaker',
      start: at('General Dehqan'),
      end: at('General Dehqan') + 14,
      quote: 'General Dehqan',
      entityId: entity.id,
    });
    const claimText = '"These hired terrorists (ISIL) are pursuing the interests of the US and Israel in the region,"';
    const { value: claim } = await ok<{ value: Annotation; changeSet: ChangeSet }>(send, 'annotations/create', {
      articleId: FIRST,
      kind: 'claim',
      start: at(claimText),
      end: at(claimText) + claimText.length,
      quote: claimText,
      attributes: { verdict: 'opinion' },
      note: 'propaganda',
    });
    await ok(send, 'relations/create', {
      articleId: FIRST,
      type: 'said-by',
      from: claim.id,
      to: { kind: 'annotation', id: speaker.id },
    });
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
      expect(await ok<Article>(sendEmpty, 'articles/get', { articleId: summary.id })).toEqual(
        await ok<Article>(send, 'articles/get', { articleId: summary.id }),
      );
      expect(await ok<ArticleLayer>(sendEmpty, 'annotations/list', { articleId: summary.id })).toEqual(
        await ok<ArticleLayer>(send, 'annotations/list', { articleId: summary.id }),
      );
    }
    expect(await ok(sendEmpty, 'entities/list', {})).toEqual(await ok(send, 'entities/list', {}));
    const again = await ok<ExportFile>(sendEmpty, 'export/file', { format: 'bundle' });
    // Who exported and when differ; everything else is the same.
    const strip = (f: ExportFile) => ({ ...JSON.parse(f.content), exportedAt: null, exportedBy: null });
    expect(strip(again)).toEqual(strip(bundle));
  });

  it('brat exported and imported into a colleague’s layer gives back the same spans, labels and attributes', async () => {
    const a = await ok<Article>(send, 'articles/get', { articleId: FIRST });
    const quote = 'Iran and Iraq signed a memorandum of understanding (MoU)';
    await ok(send, 'annotations/create', {
      articleId: FIRST,
      kind: 'claim',
      start: a.text.indexOf(quote),
      end: a.text.indexOf(quote) + quote.length,
      quote,
      attributes: { verdict: 'mostly true', checkWorthy: true },
    });
    const zip = await ok<ExportFile>(send, 'export/file', { format: 'brat', articleIds: [FIRST] });
    const files = unzipSync(new Uint8Array(Buffer.from(zip.content, 'base64')));
    const payload = Object.entries(files).map(([name, bytes]) => ({
      name: name.split('/').pop()!,
      content: b64(strFromU8(bytes)),
    }));
    const report = await importFiles(send, 'brat', payload, 'bob');
    expect(report.files).toEqual([expect.objectContaining({ file: `${FIRST}.ann`, skipped: [] })]);
    const layer = await ok<ArticleLayer>(send, 'annotations/list', { articleId: FIRST });
    const bobs = layer.annotations.filter((x) => x.annotator === 'bob');
    expect(bobs.map((x) => [x.kind, x.start, x.end, x.quote, x.attributes])).toEqual([
      [
        'claim',
        a.text.indexOf(quote),
        a.text.indexOf(quote) + quote.length,
        quote,
        // The claim type nobody chose comes back unset, not as a default.
        { verdict: 'mostly true', checkWorthy: true, claimType: null },
      ],
    ]);

    const before = await ok<ArticleLayer>(send, 'annotations/list', { articleId: FIRST });
    const broken = await importFiles(
      send,
      'brat',
      [
        payload.find((p) => p.name.endsWith('.txt'))!,
        { name: `${FIRST}.ann`, content: b64('T1\tclaim 0 4\tNOPE\nT2\tclaim 5 2\tx\n') },
      ],
      'dan',
    );
    expect(broken.files[0]?.skipped).toEqual([
      'line 1: the text at 0 4 is "ISIS", not "NOPE"',
      'line 2: empty or reversed span',
    ]);
    expect(await ok<ArticleLayer>(send, 'annotations/list', { articleId: FIRST })).toEqual(before);
  });

  it('refuses a file that is not a bundle, saying why, and changes nothing', async () => {
    const before = await ok<ArticleSummary[]>(send, 'articles/list', {});
    const report = await importFiles(send, 'bundle', [
      { name: 'broken.json', content: b64('{"format": "factmark-bundle", ') },
      { name: 'other.json', content: b64('{"format": "something-else"}') },
    ]);
    expect(report.files[0]?.skipped[0]).toMatch(/^not valid JSON/);
    expect(report.files[1]?.skipped[0]).toMatch(/^not a Factmark bundle: format/);
    expect(await ok<ArticleSummary[]>(send, 'articles/list', {})).toEqual(before);
  });

  describe('round trips with emoji and combining marks', () => {
    const TEXT = 'Dehqān 👍🏽 said: "Iran ❤️ Iraq 🇮🇶 forever."\nThe café\u0301 met in Tehran 🕌.';
    async function seed(): Promise<ArticleLayer> {
      const report = await importFiles(send, 'articles', [{ name: 'emoji.txt', content: b64(TEXT) }]);
      const id = report.files[0]!.imported[0]!;
      const span = (q: string) => ({ start: TEXT.indexOf(q), end: TEXT.indexOf(q) + q.length, quote: q });
      const { value: speaker } = await ok<{ value: Annotation }>(send, 'annotations/create', {
        articleId: id,
        kind: 'speaker',
        ...span('Dehqān'),
      });
      const { value: claim } = await ok<{ value: Annotation }>(send, 'annotations/create', {
        articleId: id,
        kind: 'claim',
        ...span('"Iran ❤️ Iraq 🇮🇶 forever."'),
        attributes: { verdict: 'mostly true', checkWorthy: true },
      });
      await ok(send, 'annotations/create', {
        articleId: id,
        kind: 'event',
        ...span('café\u0301 met'),
        attributes: { eventType: 'meeting' },
      });
      await ok(send, 'annotations/create', { articleId: id, kind: 'place', ...span('Tehran 🕌') });
      await ok(send, 'relations/create', {
        articleId: id,
        type: 'said-by',
        from: claim.id,
        to: { kind: 'annotation', id: speaker.id },
      });
      return ok<ArticleLayer>(send, 'annotations/list', { articleId: id });
    }
    const shape = (layer: ArticleLayer, who: string) => {
      const mine = layer.annotations.filter((a) => a.annotator === who);
      return {
        spans: mine.map((a) => [a.kind, a.start, a.end, a.quote, a.attributes]).sort(),
        links: layer.relations
          .filter((r) => r.annotator === who)
          .map((r) => [
            r.type,
            mine.find((a) => a.id === r.from)?.quote,
            mine.find((a) => a.id === (r.to.kind === 'annotation' ? r.to.id : ''))?.quote,
          ]),
      };
    };
    const filesOf = (file: ExportFile) =>
      file.encoding === 'utf8'
        ? [{ name: file.fileName, content: b64(file.content) }]
        : Object.entries(unzipSync(new Uint8Array(Buffer.from(file.content, 'base64')))).map(([name, bytes]) => ({
            name: name.split('/').slice(1).join('/'),
            content: b64(strFromU8(bytes)),
          }));

    for (const [format, importAs, links] of [
      ['label-studio', 'label-studio', true],
      ['doccano', 'doccano', true],
      ['w3c', 'w3c', true],
      ['brat', 'brat', true],
    ] as const) {
      it(`${format}: the same spans, labels and attributes come back`, async () => {
        const original = await seed();
        const articleId = original.annotations[0]!.articleId;
        const exported = await ok<ExportFile>(send, 'export/file', {
          format,
          articleIds: [articleId],
          scope: { layer: 'one', annotator: 'alice' },
        });
        let files = filesOf(exported);
        if (format === 'label-studio') files = files.filter((f) => f.name.endsWith('.json'));
        if (format === 'brat')
          files = files
            .map((f) => ({ ...f, name: f.name.split('/').pop()! }))
            .filter((f) => f.name !== 'annotation.conf');
        // brat files name no annotator: they go to the layer asked for. The others name alice's layer: into
        // another store, where it comes back as alice's.
        const target = format === 'brat' ? send : (await fresh()).send;
        if (target !== send) await importFiles(target, 'articles', [{ name: 'emoji.txt', content: b64(TEXT) }]);
        const report = await importFiles(target, importAs, files, format === 'brat' ? 'bob' : undefined);
        expect(report.files.flatMap((f) => f.skipped)).toEqual([]);
        const after = await ok<ArticleLayer>(target, 'annotations/list', { articleId });
        const expected = shape(original, 'alice');
        const got = shape(after, format === 'brat' ? 'bob' : 'alice');
        // doccano carries no attributes: spans, offsets and labels must match; attributes come back as defaults.
        const spansOnly = (spans: unknown[][]) => (format === 'doccano' ? spans.map((x) => x.slice(0, 4)) : spans);
        expect(spansOnly(got.spans)).toEqual(spansOnly(expected.spans));
        if (links) expect(got.links).toEqual(expected.links);
      });
    }

    it('malformed Label Studio, doccano and W3C files get per-item errors and change nothing', async () => {
      const original = await seed();
      const articleId = original.annotations[0]!.articleId;
      const before = await ok<ArticleLayer>(send, 'annotations/list', { articleId });
      const ls = await importFiles(
        send,
        'label-studio',
        [
          {
            name: 'tasks.json',
            content: b64(
              JSON.stringify([
                { data: {} },
                {
                  data: { text: TEXT },
                  annotations: [
                    { result: [{ id: 'a', type: 'labels', value: { start: 0, end: 6, labels: ['rumour'] } }] },
                  ],
                },
              ]),
            ),
          },
        ],
        'bob',
      );
      expect(ls.files[0]?.skipped).toEqual([
        'task 1: needs data.text',
        expect.stringMatching(/^labels the tagset does not have: "rumour" \(1 span\); map them/),
      ]);
      const ls2 = await importFiles(
        send,
        'label-studio',
        [
          {
            name: 'tasks.json',
            content: b64(
              JSON.stringify([
                {
                  data: { text: TEXT },
                  annotations: [
                    { result: [{ id: 'a', type: 'labels', value: { start: 0, end: 6, labels: ['rumour'] } }] },
                  ],
                },
              ]),
            ),
          },
        ],
        'bob',
      );
      expect(ls2.files[0]?.skipped).toEqual([
        expect.stringMatching(/^labels the tagset does not have: "rumour" \(1 span\); map them/),
      ]);
      const dc = await importFiles(
        send,
        'doccano',
        [
          {
            name: 'd.jsonl',
            content: b64(`{"text": ${JSON.stringify(TEXT)}, "label": [[0, 7, "speaker"], [1, 2]]}\n{oops\n`),
          },
        ],
        'bob',
      );
      expect(dc.files[0]?.skipped).toEqual([
        'line 1: label 2 is not [start, end, label]',
        expect.stringMatching(/^line 2: /),
      ]);
      const w3c = await importFiles(
        send,
        'w3c',
        [
          {
            name: 'a.jsonld',
            content: b64(
              JSON.stringify([
                {
                  target: {
                    source: `urn:factmark:article:${articleId}`,
                    selector: [{ type: 'TextPositionSelector', start: 0, end: 999 }],
                  },
                  body: [{ purpose: 'tagging', value: 'claim' }],
                },
              ]),
            ),
          },
        ],
        'bob',
      );
      expect(w3c.files[0]?.skipped).toEqual([
        `annotation 1: position 0–999 is outside the text (${Array.from(TEXT).length} code points long)`,
      ]);
      expect(await ok<ArticleLayer>(send, 'annotations/list', { articleId })).toEqual(before);
    });
  });
});
