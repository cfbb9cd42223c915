import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Args, Handlers, Results } from '../../../annotations/contract';
import { dispatch } from '../../../annotations/dispatch';
import { openWorkspace } from '../../../annotations/node/workspace';
import type { OperationName } from '../../../annotations/operation-names';
import { ClientError } from '../../../renderer/src/client/factmark-client';
import type { FactmarkClient } from '../../../renderer/src/client/factmark-client';
import { createStoreListeners } from '../../../renderer/src/state/store-listeners';
import type { WorkspaceStore } from '../../../renderer/src/state/workspace-store';
import { createWorkspaceStore } from '../../../renderer/src/state/workspace-store';
import { makeTempDir } from '../../support/temp-dir';

const SAMPLE_DIR = fileURLToPath(new URL('../../../annotations/sample-corpus', import.meta.url));

/** Paints on demand: the work waiting for the next paint runs when the test says the frame is drawn. */
function frames() {
  const waiting: (() => void)[] = [];
  return {
    afterPaint: (work: () => void) => void waiting.push(work),
    paint: () => waiting.splice(0).forEach((work) => work()),
    get pending() {
      return waiting.length;
    },
  };
}

describe('store listeners', () => {
  it('tell the text at once and, after paintFirst, the views once after the paint', () => {
    const paint = frames();
    const listeners = createStoreListeners(paint.afterPaint);
    const told: string[] = [];
    listeners.subscribeText(() => told.push('text'));
    listeners.subscribe(() => told.push('view'));
    listeners.notify();
    expect(told).toEqual(['text', 'view']);

    told.length = 0;
    listeners.paintFirst();
    listeners.paintFirst();
    listeners.notify();
    listeners.notify();
    expect(told).toEqual(['text', 'text']);
    expect(paint.pending).toBe(1);
    paint.paint();
    expect(told).toEqual(['text', 'text', 'view']);
    // After the paint, views are told at once again.
    listeners.notify();
    expect(told).toEqual(['text', 'text', 'view', 'text', 'view']);
  });

  it('tell the views nothing after the paint when nothing changed', () => {
    const paint = frames();
    const listeners = createStoreListeners(paint.afterPaint);
    let views = 0;
    listeners.subscribe(() => views++);
    listeners.paintFirst();
    paint.paint();
    expect(views).toBe(0);
  });
});

function client(handlers: Handlers, sent: OperationName[] = []): FactmarkClient {
  return {
    transport: 'http',
    async send<K extends OperationName>(name: K, args: Args<K>): Promise<Results[K]> {
      sent.push(name);
      const envelope = await dispatch(handlers, name, JSON.parse(JSON.stringify(args)));
      if (!envelope.ok) throw new ClientError(envelope.error);
      return JSON.parse(JSON.stringify(envelope.result)) as Results[K];
    },
    saveFile: async () => ({ saved: true }),
    onCommand: () => () => undefined,
  };
}

describe('a keystroke painted first', () => {
  let cleanup: () => Promise<void>;
  let handlers: Handlers;
  let store: WorkspaceStore;
  let paint: ReturnType<typeof frames>;
  let sent: OperationName[];

  beforeEach(async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    ({ handlers } = await openWorkspace({
      storeDir: join(temp.dir, 'store'),
      annotator: 'alice',
      sampleDir: SAMPLE_DIR,
    }));
    paint = frames();
    sent = [];
    store = createWorkspaceStore(client(handlers, sent), undefined, { afterPaint: paint.afterPaint });
    await store.init();
  });
  afterEach(() => cleanup());

  it('shows the new span to the text at once; the list, panels and save follow the paint, saved as ever', async () => {
    const text = store.getState().article!.text;
    const start = text.indexOf('Iranian DM Says');
    const seenByText: number[] = [];
    const seenByViews: number[] = [];
    store.subscribeText(() => seenByText.push(store.getState().visible.length));
    store.subscribe(() => seenByViews.push(store.getState().visible.length));

    store.paintFirst();
    const tagging = store.tag('claim', start, start + 'Iranian DM Says'.length);
    store.requestFocus('details');
    // The keystroke's own task: the text has the new span, the views have heard nothing yet.
    expect(seenByText).toContain(1);
    expect(seenByViews).toEqual([]);
    await Promise.resolve();
    expect(sent).not.toContain('annotations/create');
    expect(store.getState().pendingWrites).toBe(1);
    paint.paint();
    expect(seenByViews).toEqual([1]);
    await tagging;
    expect(sent).toContain('annotations/create');

    // Nothing lost: the views saw the confirmation, the core has the span, nothing is pending.
    const [created] = store.getState().layer.annotations;
    expect(created).toMatchObject({ kind: 'claim', start, annotator: 'alice' });
    expect(store.getState().selectedId).toBe(created!.id);
    expect(store.getState().focusRequest.target).toBe('details');
    expect(store.getState().pendingWrites).toBe(0);
    expect(seenByViews.at(-1)).toBe(1);
    const { annotations } = await handlers['annotations/list']({ articleId: store.getState().article!.id });
    expect(annotations).toEqual([created]);
  });

  it('puts each new span in its place in text order, before the core has answered', async () => {
    const text = store.getState().article!.text;
    const words = ['Iranian', 'DM', 'Says', 'ISIS', 'Iran', 'Says'];
    const tagging: Promise<void>[] = [];
    for (const word of words) {
      const start = text.indexOf(word);
      tagging.push(store.tag('claim', start, start + word.length));
      // The same place twice: the later one after the earlier.
      tagging.push(store.tag('speaker', start, start + word.length));
    }
    const shown = store.getState().layer.annotations;
    expect(shown).toHaveLength(words.length * 2);
    const inOrder = [...shown].sort((a, b) => a.start - b.start || a.end - b.end);
    expect(shown).toEqual(inOrder);
    expect(shown.filter((a) => a.start === text.indexOf('ISIS')).map((a) => a.kind)).toEqual(['claim', 'speaker']);
    await Promise.all(tagging);
  });
});
