import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Args, Results } from '../../../annotations/contract';
import type { Handlers } from '../../../annotations/contract';
import { dispatch } from '../../../annotations/dispatch';
import { appPaths, findAppRoot } from '../../../annotations/node/app-paths';
import { openWorkspace } from '../../../annotations/node/workspace';
import type { OperationName } from '../../../annotations/operation-names';
import { ClientError } from '../../../renderer/src/client/factmark-client';
import type { FactmarkClient } from '../../../renderer/src/client/factmark-client';
import { createWorkspaceStore } from '../../../renderer/src/state/workspace-store';
import { makeTempDir } from '../../support/temp-dir';

const FIRST = '000_0032acaf3c30b9bc';

/** A client over the real handlers, with the same envelope handling as the transports. */
function directClient(handlers: Handlers): FactmarkClient {
  return {
    transport: 'http',
    async send<K extends OperationName>(name: K, args: Args<K>): Promise<Results[K]> {
      const envelope = await dispatch(handlers, name, JSON.parse(JSON.stringify(args)));
      if (!envelope.ok) throw new ClientError(envelope.error);
      return JSON.parse(JSON.stringify(envelope.result)) as Results[K];
    },
    saveFile: async () => ({ saved: true }),
    onCommand: () => () => undefined,
  };
}

describe('the renderer workspace store', () => {
  let cleanup: () => Promise<void>;
  let handlers: Handlers;
  let store: ReturnType<typeof createWorkspaceStore>;
  let text: string;
  let ids = 0;

  beforeEach(async () => {
    const temp = await makeTempDir();
    cleanup = temp.cleanup;
    ({ handlers } = await openWorkspace({
      storeDir: join(temp.dir, 'store'),
      annotator: 'alice',
      sampleDir: appPaths(findAppRoot(__dirname)).sampleDir,
    }));
    store = createWorkspaceStore(directClient(handlers), () => `local-${++ids}`);
    await store.init();
    text = store.getState().article!.text;
  });
  afterEach(() => cleanup());

  const span = (needle: string): [number, number] => [text.indexOf(needle), text.indexOf(needle) + needle.length];
  const saved = async () => (await handlers['annotations/list']({ articleId: FIRST })).annotations;

  it('opens the first article and tags a trimmed span, confirmed by the core', async () => {
    const [start, end] = span('General Dehqan');
    await store.tag('speaker', start - 1, end + 1); // with the spaces around it
    const [annotation] = store.getState().layer.annotations;
    expect(annotation).toMatchObject({ kind: 'speaker', start, end, quote: 'General Dehqan', annotator: 'alice' });
    expect(await saved()).toEqual(store.getState().layer.annotations);
    expect(store.getState().pendingWrites).toBe(0);
  });

  it('undoes and redoes a tag, an attribute edit, a link and an entity, in order', async () => {
    await store.tag(
      'claim',
      ...span('"These hired terrorists (ISIL) are pursuing the interests of the US and Israel in the region,"'),
    );
    const claim = store.getState().selectedId!;
    await store.tag('speaker', ...span('General Dehqan'));
    const speaker = store.getState().selectedId!;
    await store.updateAttributes(claim, { verdict: 'false' });
    await store.link('said-by', claim, { kind: 'annotation', id: speaker });
    const entity = await store.mutate('entities/create', { name: 'Hossein Dehqan', type: 'person' });
    await store.updateAnnotation(speaker, { entityId: entity!.id });
    expect(store.getState().undoStack.map((c) => c.label)).toEqual([
      'Tag claim',
      'Tag speaker',
      'Edit annotation',
      'Link said-by',
      'Create entity Hossein Dehqan',
      'Edit annotation',
    ]);
    const done = await saved();

    for (let i = 0; i < 6; i++) await store.undo();
    expect(store.getState().layer.annotations).toEqual([]);
    expect(store.getState().layer.relations).toEqual([]);
    expect(store.getState().entities).toEqual([]);
    expect(await saved()).toEqual([]);
    expect(await handlers['entities/list']({})).toEqual([]);

    for (let i = 0; i < 6; i++) await store.redo();
    expect(await saved()).toEqual(done);
    expect(store.getState().layer.annotations).toEqual(done);
    expect(store.getState().layer.relations).toHaveLength(1);
    expect(store.getState().redoStack).toEqual([]);
  });

  it('a new edit after an undo clears the redo stack; selection changes are not undo steps', async () => {
    await store.tag('claim', ...span('Tehran'));
    store.select(null);
    store.stepAnnotation(1);
    expect(store.getState().undoStack).toHaveLength(1);
    await store.undo();
    expect(store.getState().redoStack).toHaveLength(1);
    await store.tag('event', ...span('signed'));
    expect(store.getState().redoStack).toEqual([]);
  });

  it('rolls back an edit the core refuses and says why', async () => {
    await store.tag('claim', ...span('Tehran'));
    const id = store.getState().selectedId!;
    await store.updateAttributes(id, { verdict: 'mixed' });
    await store.updateAttributes(id, { verdict: 'fake news' });
    expect(store.getState().notice).toMatchObject({
      tone: 'error',
      text: expect.stringMatching(/verdict.*must be one of/),
    });
    expect(store.getState().layer.annotations[0]?.attributes.verdict).toBe('mixed');
    expect((await saved())[0]?.attributes.verdict).toBe('mixed');
  });

  it('refuses to undo over a later change made elsewhere, and keeps both', async () => {
    await store.tag('claim', ...span('Tehran'));
    const id = store.getState().selectedId!;
    // Another window changes the same annotation.
    await handlers['annotations/update']({ articleId: FIRST, id, attributes: { verdict: 'true' } });
    await store.undo();
    expect(store.getState().notice?.text).toMatch(/changed since/);
    expect(await saved()).toHaveLength(1);
    expect(store.getState().undoStack).toHaveLength(1);
  });
});
