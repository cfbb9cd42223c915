import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  AgreementDashboard,
  EntityPage,
  EventPage,
  ExportResult,
  LeftOut,
  ReviewProgressRow,
  SearchResult,
  SessionStatus,
} from '../../annotations/contract';
import type { Annotation, ArticleLayer, ArticleSummary, Entity, EventRecord } from '../../annotations/model';
import type { Tagset } from '../../annotations/tagset';
import { makeTempDir } from '../support/temp-dir';
import type { RawSend } from './contract-cases';
import { FIRST, ok, refused, value } from './contract-cases';
import { A002 } from './labelling-session';
import type { Transport } from './transports';
import { TRANSPORTS } from './transports';

/** What a disk error or a careless editor leaves: bytes that are not JSON. */
const GARBAGE = '{"schemaVersion": 1, "articleId": "002_7f\u0000 truncated';

describe.each(TRANSPORTS)('a damaged file stays local, over %s', (_name, open) => {
  let storeDir = '';
  let cleanup: () => Promise<void> = async () => undefined;
  let transport: Transport | null = null;
  const send: RawSend = (name, args) => transport!.send(name, args);

  beforeEach(async () => {
    ({ dir: storeDir, cleanup } = await makeTempDir());
    transport = await open(storeDir);
  });
  afterEach(async () => {
    await transport?.close();
    transport = null;
    await cleanup();
  });

  /** Closes the store and opens it again: nothing is cached, every file is read afresh. */
  const reopen = async () => {
    await transport?.close();
    transport = await open(storeDir);
  };
  /** The layer file of the session's annotator. */
  const layerFile = (articleId: string) => join(storeDir, 'layers', articleId, 'alice.json');
  const textFile = (articleId: string) => join(storeDir, 'articles', `${articleId}.json`);
  const damage = async (file: string) => {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, GARBAGE);
    await reopen();
  };
  const layer = (articleId: string) => ok<ArticleLayer>(send, 'annotations/list', { articleId });
  const tag = async (articleId: string, kind: string, needle: string, extra: object = {}) => {
    const text = (await ok<{ text: string }>(send, 'articles/get', { articleId })).text;
    const start = text.indexOf(needle);
    expect(start, `"${needle}" in ${articleId}`).toBeGreaterThanOrEqual(0);
    return value<Annotation>(send, 'annotations/create', {
      articleId,
      kind,
      start,
      end: start + needle.length,
      quote: needle,
      ...extra,
    });
  };
  const tagset = async () => (await ok<SessionStatus>(send, 'store/status', {})).tagset;
  /** The one article left out: A002, for its annotations file, as not JSON. */
  const expectA002LeftOut = (leftOut: LeftOut[] | undefined, title: string) =>
    expect(leftOut).toEqual([
      { articleId: A002, title, file: layerFile(A002), reason: expect.stringMatching(/not valid JSON/) },
    ]);

  /**
   * Dehqan (an entity) is named in FIRST and in A002, the MoU signing (an
   * event record) in A002 only. A002 gets two edits, so its last good copy
   * is the layer after the first.
   */
  async function annotate() {
    const dehqan = await value<Entity>(send, 'entities/create', { name: 'Hossein Dehqan', type: 'person' });
    const spare = await value<Entity>(send, 'entities/create', { name: 'Nobody yet', type: 'person' });
    const signing = await value<EventRecord>(send, 'events/create', { title: 'MoU signing', type: 'agreement' });
    const unlinked = await value<EventRecord>(send, 'events/create', { title: 'Later visit', type: 'visit' });
    const inFirst = await tag(FIRST, 'speaker', 'General Dehqan', { entityId: dehqan.id });
    await tag(A002, 'speaker', 'Hossein Dehqan', { entityId: dehqan.id });
    const goodCopy = await layer(A002);
    await tag(A002, 'event', 'signed', { eventId: signing.id });
    const titles = new Map((await ok<ArticleSummary[]>(send, 'articles/list', {})).map((a) => [a.id, a.title]));
    return { dehqan, spare, signing, unlinked, inFirst, goodCopy, title: titles.get(A002)! };
  }

  it('reads go ahead on the other articles and name the damaged one', async () => {
    const { dehqan, signing, inFirst, title } = await annotate();
    const before = {
      search: await ok<SearchResult>(send, 'search/query', { text: 'Tehran' }),
      agreement: await ok<AgreementDashboard>(send, 'agreement/report', {}),
      progress: await ok<ReviewProgressRow[]>(send, 'review/progress', {}),
    };
    expect(before.search.leftOut).toBeUndefined();
    expect(before.search.hits.some((h) => h.articleId === A002)).toBe(true);

    await damage(layerFile(A002));

    const search = await ok<SearchResult>(send, 'search/query', { text: 'Tehran' });
    expectA002LeftOut(search.leftOut, title);
    const rest = before.search.hits.filter((h) => h.articleId !== A002);
    expect(search.hits).toEqual(rest);
    expect(search.total).toBe(rest.length);

    const exported = await ok<ExportResult>(send, 'export/file', { format: 'jsonl' });
    expectA002LeftOut(exported.leftOut, title);
    const text =
      exported.encoding === 'utf8'
        ? exported.content
        : Object.values(unzipSync(Uint8Array.from(atob(exported.content), (c) => c.charCodeAt(0))))
            .map((bytes) => strFromU8(bytes))
            .join('\n');
    expect(text).toContain(FIRST);
    expect(text).toContain('General Dehqan');
    expect(text).not.toContain(A002);
    // Only the articles chosen are read: an export without the damaged article leaves nothing out.
    const one = await ok<ExportResult>(send, 'export/file', { format: 'doccano', articleIds: [FIRST] });
    expect(one.leftOut).toBeUndefined();

    const agreement = await ok<AgreementDashboard>(send, 'agreement/report', {});
    expectA002LeftOut(agreement.leftOut, title);
    expect(agreement.articleCount).toBe(before.agreement.articleCount - 1);
    expect(agreement.agreement.measuredArticles).not.toContain(A002);

    const entityPage = await ok<EntityPage>(send, 'entities/page', { id: dehqan.id });
    expectA002LeftOut(entityPage.leftOut, title);
    expect(entityPage.mentions.map((m) => m.annotation)).toEqual([inFirst]);

    const eventPage = await ok<EventPage>(send, 'events/page', { id: signing.id });
    expectA002LeftOut(eventPage.leftOut, title);
    expect(eventPage.reports).toEqual([]);

    const progress = await ok<ReviewProgressRow[]>(send, 'review/progress', {});
    expect(progress.map((r) => r.articleId)).toEqual(before.progress.map((r) => r.articleId));
    for (const [i, row] of progress.entries()) {
      if (row.articleId !== A002) expect(row).toEqual(before.progress[i]);
      else
        expect(row).toEqual({
          articleId: A002,
          title,
          layers: [],
          done: [],
          differences: 0,
          decided: 0,
          adjudicated: false,
          problem: { file: layerFile(A002), reason: expect.stringMatching(/not valid JSON/) },
        });
    }

    const status = await ok<SessionStatus>(send, 'store/status', {});
    expect(status.problems).toEqual([
      { file: layerFile(A002), reason: expect.stringMatching(/not valid JSON/), articleId: A002, restorable: true },
    ]);
    await refused(send, 'annotations/list', { articleId: A002 }, 'store-unreadable', /not valid JSON/);
  });

  it('changes the damaged layer might contradict are refused, naming the file; the others go ahead', async () => {
    const { dehqan, spare, unlinked, inFirst } = await annotate();
    await damage(layerFile(A002));
    const named = new RegExp(`cannot check article .*${A002}/alice\\.json.*restore or repair it first`);

    // Nothing readable uses time links, but the damaged layer might.
    const current = await tagset();
    const withoutTime = { ...current, relations: current.relations.filter((r) => r.type !== 'time') } as Tagset;
    await refused(send, 'tagset/update', { tagset: withoutTime }, 'conflict', named);
    const noOption = {
      ...current,
      kinds: current.kinds.map((k) =>
        k.kind !== 'claim'
          ? k
          : {
              ...k,
              attributes: k.attributes.map((a) =>
                a.name === 'verdict' && 'options' in a ? { ...a, options: a.options.slice(0, -1) } : a,
              ),
            },
      ),
    } as Tagset;
    await refused(send, 'tagset/update', { tagset: noOption }, 'conflict', named);
    expect(await tagset()).toEqual(current);
    // A change that can orphan nothing (a colour, a new kind) is made.
    const recoloured = {
      ...current,
      kinds: [
        ...current.kinds.map((k) => (k.kind === 'place' ? { ...k, color: '#123456' } : k)),
        { ...current.kinds.find((k) => k.kind === 'place')!, kind: 'vehicle', label: 'Vehicle', hotkey: 'v' },
      ],
    } as Tagset;
    await ok(send, 'tagset/update', { tagset: recoloured });
    expect((await tagset()).kinds.find((k) => k.kind === 'place')?.color).toBe('#123456');

    await refused(send, 'entities/delete', { id: spare.id }, 'conflict', named);
    await refused(send, 'events/delete', { id: unlinked.id }, 'conflict', named);
    await refused(send, 'entities/merge', { into: dehqan.id, from: [spare.id] }, 'conflict', named);
    expect((await ok<Entity[]>(send, 'entities/list', {})).map((e) => e.id)).toEqual([dehqan.id, spare.id]);
    // A mention still linked in a readable layer is counted as before.
    await refused(send, 'entities/delete', { id: dehqan.id }, 'conflict', /still linked from 1 mention/);

    // Splitting touches only the mentions' articles.
    const split = await value<Entity>(send, 'entities/split', {
      id: dehqan.id,
      mentions: [{ articleId: FIRST, annotationId: inFirst.id }],
      name: 'General Dehqan',
    });
    expect((await layer(FIRST)).annotations.find((a) => a.id === inFirst.id)?.entityId).toBe(split.id);
    // Edits of other articles are saved as usual.
    await tag(FIRST, 'place', 'Tehran');
    expect((await layer(FIRST)).annotations).toHaveLength(2);
  });

  it('store/restore puts back the layer as it was before its last edit, and every operation sees it again', async () => {
    const { spare, goodCopy, title } = await annotate();
    await damage(layerFile(A002));
    expectA002LeftOut((await ok<SearchResult>(send, 'search/query', { text: 'Tehran' })).leftOut, title);

    const status = await ok<SessionStatus>(send, 'store/restore', { articleId: A002 });
    expect(status.problems).toEqual([]);
    expect(await layer(A002)).toEqual(goodCopy);
    expect((await ok<SearchResult>(send, 'search/query', { text: 'Tehran' })).leftOut).toBeUndefined();
    await value(send, 'entities/delete', { id: spare.id });

    // The restored file is read from disk after a restart too.
    await reopen();
    expect(await layer(A002)).toEqual(goodCopy);
  });

  it('an unreadable article text is left out and named; it has no copy to restore', async () => {
    const { title } = await annotate();
    await damage(textFile(A002));
    const search = await ok<SearchResult>(send, 'search/query', { text: 'Tehran' });
    expect(search.leftOut).toEqual([
      { articleId: A002, title, file: textFile(A002), reason: expect.stringMatching(/not valid JSON/) },
    ]);
    const status = await ok<SessionStatus>(send, 'store/status', {});
    expect(status.problems).toEqual([
      { file: textFile(A002), reason: expect.stringMatching(/not valid JSON/), articleId: A002, restorable: false },
    ]);
    const exported = await ok<ExportResult>(send, 'export/file', { format: 'doccano' });
    expect(exported.leftOut?.map((l) => l.file)).toEqual([textFile(A002)]);
  });

  it('an article never edited is left out when its file is damaged, and has nothing to restore', async () => {
    await damage(layerFile(A002));
    const progress = await ok<ReviewProgressRow[]>(send, 'review/progress', {});
    expect(progress.filter((r) => r.problem).map((r) => r.articleId)).toEqual([A002]);
    const status = await ok<SessionStatus>(send, 'store/status', {});
    expect(status.problems.map((p) => p.restorable)).toEqual([false]);
    await refused(send, 'store/restore', { articleId: A002 }, 'not-found', /No readable copy/);
  });
});
