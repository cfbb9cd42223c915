import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../annotations/contract';
import { openSampleWorkspaceStore } from '../../support/workspace-store-harness';

const FIRST = '000_0032acaf3c30b9bc';

describe('the renderer workspace store', () => {
  let cleanup: () => Promise<void>;
  let handlers: Handlers;
  let store: Awaited<ReturnType<typeof openSampleWorkspaceStore>>['store'];
  let text: string;

  beforeEach(async () => {
    ({ handlers, store, text, cleanup } = await openSampleWorkspaceStore());
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
