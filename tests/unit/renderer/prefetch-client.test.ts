import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Args, Handlers, Results } from '../../../annotations/contract';
import { openWorkspace } from '../../../annotations/node/workspace';
import type { OperationName } from '../../../annotations/operation-names';
import type { FactmarkClient } from '../../../renderer/src/client/factmark-client';
import { createPrefetchingClient, firstPaintRequests } from '../../../renderer/src/client/prefetch-client';
import { createWorkspaceStore } from '../../../renderer/src/state/workspace-store';
import { directClient } from '../../support/workspace-store-harness';
import { makeTempDir } from '../../support/temp-dir';

const SAMPLE_DIR = fileURLToPath(new URL('../../../annotations/sample-corpus', import.meta.url));
const THIRD = '002_7feab6871f0e57f9';

/** Counts what reaches the server; each answer is a fresh object naming its request's number. */
function countingClient(fail: OperationName[] = []) {
  const sent: string[] = [];
  const client: FactmarkClient = {
    transport: 'ipc',
    send<K extends OperationName>(name: K, args: Args<K>): Promise<Results[K]> {
      sent.push(`${name} ${JSON.stringify(args)}`);
      if (fail.includes(name)) return Promise.reject(new Error(`${name} refused`));
      return Promise.resolve({ answer: sent.length } as unknown as Results[K]);
    },
    saveFile: async () => ({ saved: true }),
    onCommand: () => () => undefined,
  };
  return { client, sent };
}

describe('the prefetch before the app loads', () => {
  it('sends the first paint’s requests at once, hands each answer over once, then asks the server again', async () => {
    const { client, sent } = countingClient();
    const prefetching = createPrefetchingClient(client, firstPaintRequests('a1'));
    // What the first paint draws, and only that: the registries wait for the app.
    expect(sent).toEqual(['articles/get {"articleId":"a1"}', 'annotations/list {"articleId":"a1"}', 'store/status {}']);
    expect(prefetching.transport).toBe('ipc');

    const first = await prefetching.send('articles/get', { articleId: 'a1' });
    expect(sent).toHaveLength(3);
    const second = await prefetching.send('articles/get', { articleId: 'a1' });
    expect(sent).toHaveLength(4);
    expect(second).not.toEqual(first);
  });

  it('lets the first paint look at an early answer without taking it from the app', async () => {
    const { client, sent } = countingClient();
    const prefetching = createPrefetchingClient(client, firstPaintRequests('a1'));
    const peeked = await prefetching.peek('annotations/list', { articleId: 'a1' });
    expect(await prefetching.peek('annotations/list', { articleId: 'a1' })).toBe(peeked);
    expect(await prefetching.send('annotations/list', { articleId: 'a1' })).toBe(peeked);
    expect(sent).toHaveLength(3);
    expect(prefetching.peek('entities/list', {})).toBeUndefined();
    // Once the prefetch ends, nothing is kept to be looked at.
    await prefetching.send('entities/list', {});
    expect(prefetching.peek('articles/get', { articleId: 'a1' })).toBeUndefined();
  });

  it('asks for the store’s first article when the address names none, and never for the whole list', () => {
    const { client, sent } = countingClient();
    createPrefetchingClient(client, firstPaintRequests(undefined));
    expect(sent).toEqual(['store/status {}', 'articles/page {"offset":0,"limit":100}']);
    expect(firstPaintRequests('a1').map((r) => r.name)).not.toContain('articles/list');
  });

  it('drops the answers not yet taken at the first request it holds none for', async () => {
    const { client, sent } = countingClient();
    const prefetching = createPrefetchingClient(client, firstPaintRequests('a1'));
    await prefetching.send('store/status', {});
    await prefetching.send('articles/get', { articleId: 'other' });
    expect(sent).toHaveLength(4);
    // The layer may have changed since it was prefetched: it is asked for again.
    await prefetching.send('annotations/list', { articleId: 'a1' });
    expect(sent).toHaveLength(5);
    expect(sent[4]).toBe('annotations/list {"articleId":"a1"}');
  });

  it('gives a failed request’s error to whoever takes its answer', async () => {
    const { client } = countingClient(['annotations/list']);
    const prefetching = createPrefetchingClient(client, firstPaintRequests('a1'));
    await expect(prefetching.send('annotations/list', { articleId: 'a1' })).rejects.toThrow('annotations/list refused');
  });
});

describe('the workspace store over the prefetch', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(() => cleanup?.());

  async function sampleHandlers(): Promise<Handlers> {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    return (await openWorkspace({ storeDir: join(temp.dir, 'store'), annotator: 'alice', sampleDir: SAMPLE_DIR }))
      .handlers;
  }

  it('opens the article in the address from the prefetched answers alone', async () => {
    const handlers = await sampleHandlers();
    const server = directClient(handlers);
    let reached = 0;
    const counted: FactmarkClient = { ...server, send: (name, args) => (reached++, server.send(name, args)) };
    const store = createWorkspaceStore(createPrefetchingClient(counted, firstPaintRequests(THIRD)));
    expect(reached).toBe(3);
    await store.init(THIRD);
    // Beyond the prefetched answers only the registries and the list's first window (never the whole list).
    expect(reached).toBe(6);
    expect(store.getState().article?.id).toBe(THIRD);
    expect(store.getState().status?.annotator).toBe('alice');
  });

  it('asks for the article in the address before the store’s status has come', async () => {
    const handlers = await sampleHandlers();
    const server = directClient(handlers);
    const sent: OperationName[] = [];
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holding: FactmarkClient = {
      ...server,
      async send(name, args) {
        sent.push(name);
        if (name === 'store/status') await held;
        return server.send(name, args);
      },
    };
    const store = createWorkspaceStore(holding);
    const init = store.init(THIRD);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sent).toContain('articles/get');
    expect(sent).toContain('annotations/list');
    release();
    await init;
    expect(store.getState().article?.id).toBe(THIRD);
    expect(sent.filter((n) => n === 'articles/get')).toHaveLength(1);
  });

  /** A client that notes, as each request is sent, which article the store has open by then. */
  function watching(handlers: Handlers) {
    const server = directClient(handlers);
    const sent: { name: OperationName; open: string | null }[] = [];
    let store: ReturnType<typeof createWorkspaceStore> | undefined;
    const client: FactmarkClient = {
      ...server,
      send(name, args) {
        const state = store?.getState();
        sent.push({ name, open: state?.article?.id ?? null });
        return server.send(name, args);
      },
    };
    return { client, sent, attach: (s: typeof store) => (store = s) };
  }

  it('opens the article in the address without ever asking for the whole article list (the list pages it)', async () => {
    const { client, sent, attach } = watching(await sampleHandlers());
    const store = createWorkspaceStore(createPrefetchingClient(client, firstPaintRequests(THIRD)));
    attach(store);
    await store.init(THIRD);
    expect(store.getState().article?.id).toBe(THIRD);
    expect(sent.filter((s) => s.name === 'articles/list')).toEqual([]);
  });

  it('opens the store’s first article from one page when the address names none, or one no longer there', async () => {
    const handlers = await sampleHandlers();
    const [first] = (await directClient(handlers).send('articles/page', { offset: 0, limit: 1 })).articles;
    for (const address of [undefined, 'gone-article']) {
      const { client, sent, attach } = watching(handlers);
      const store = createWorkspaceStore(createPrefetchingClient(client, firstPaintRequests(address)));
      attach(store);
      await store.init(address);
      expect(store.getState().article?.id).toBe(first!.id);
      expect(sent.filter((s) => s.name === 'articles/list')).toEqual([]);
    }
  });
});
