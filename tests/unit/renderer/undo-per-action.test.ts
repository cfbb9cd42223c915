import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Change } from '../../../annotations/changes';
import type { Handlers } from '../../../annotations/contract';
import { appPaths, findAppRoot } from '../../../annotations/node/app-paths';
import { openWorkspace } from '../../../annotations/node/workspace';
import type { HistoryStorage } from '../../../renderer/src/state/saved-history';
import { historyKey, saveHistory } from '../../../renderer/src/state/saved-history';
import { describeStep } from '../../../renderer/src/state/step-place';
import type { WorkspaceStore } from '../../../renderer/src/state/workspace-store';
import { createWorkspaceStore } from '../../../renderer/src/state/workspace-store';
import { makeTempDir } from '../../support/temp-dir';
import { directClient } from '../../support/workspace-store-harness';

const FIRST = '000_0032acaf3c30b9bc';
const SECOND = '001_3eea3b6f31cb041f';

/** The tab's sessionStorage, in memory. */
function memoryStorage(): HistoryStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

let cleanup: () => Promise<void>;
let handlers: Handlers;
let storage: ReturnType<typeof memoryStorage>;
let store: WorkspaceStore;
let location: string;
/** While set, the core's answer to a new annotation waits for it (a slow core). */
let createHeld: Promise<void> | null = null;

/** A page of the app over the store: what a reload makes afresh, with the same session storage. */
async function openPage(articleId?: string): Promise<WorkspaceStore> {
  let ids = 0;
  const direct = directClient(handlers);
  const client: typeof direct = {
    ...direct,
    async send(name, args) {
      if (name === 'annotations/create' && createHeld) await createHeld;
      return direct.send(name, args);
    },
  };
  const page = createWorkspaceStore(client, () => `local-${Date.now()}-${++ids}`, {
    historyStorage: storage,
  });
  await page.init(articleId);
  return page;
}

beforeEach(async () => {
  const temp = await makeTempDir();
  cleanup = temp.cleanup;
  const storeDir = join(temp.dir, 'store');
  ({ handlers } = await openWorkspace({
    storeDir,
    annotator: 'alice',
    sampleDir: appPaths(findAppRoot(__dirname)).sampleDir,
  }));
  storage = memoryStorage();
  createHeld = null;
  store = await openPage();
  location = store.getState().status!.location;
});
afterEach(() => cleanup());

const span = (needle: string): [number, number] => {
  const text = store.getState().article!.text;
  const at = text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  return [at, at + needle.length];
};
const saved = async (articleId = FIRST) => (await handlers['annotations/list']({ articleId })).annotations;
const labels = (s: WorkspaceStore) => s.getState().undoStack.map((c) => c.label);
/** An article's title as the store keeps it once met (the open article's, here). */
const titleOf = (articleId: string) => store.getState().titles[articleId]!;

/** What the entity link's "Create entity" does: the entity and the link, as one user action. */
const createEntityFor = (annotationId: string, name: string) =>
  store.batch(`Create entity ${name}`, async () => {
    const entity = await store.mutate('entities/create', { name, type: 'person' });
    return entity && store.updateAnnotation(annotationId, { entityId: entity.id });
  });

describe('one undo step per user action', () => {
  it('creating an entity from a mention and linking it is one step; undo takes back both, redo brings back both', async () => {
    await store.tag('speaker', ...span('General Dehqan'));
    const speaker = store.getState().selectedId!;
    const linked = await createEntityFor(speaker, 'Hossein Dehqan');
    expect(linked?.entityId).toBeTruthy();
    expect(labels(store)).toEqual(['Tag speaker', 'Create entity Hossein Dehqan']);

    await store.undo();
    expect(store.getState().entities).toEqual([]);
    expect(await handlers['entities/list']({})).toEqual([]);
    expect((await saved())[0]?.entityId).toBeNull();
    expect(store.getState().layer.annotations[0]?.entityId).toBeNull();
    expect(labels(store)).toEqual(['Tag speaker']);

    await store.redo();
    const [entity] = await handlers['entities/list']({});
    expect(entity?.name).toBe('Hossein Dehqan');
    expect((await saved())[0]?.entityId).toBe(entity?.id);
    expect(store.getState().layer.annotations[0]?.entityId).toBe(entity?.id);
    expect(store.getState().entities).toEqual([entity]);
  });

  it('a tag the core has not confirmed when the entity is created stays a step of its own', async () => {
    let release = () => undefined as void;
    createHeld = new Promise((resolve) => (release = resolve));
    const tagging = store.tag('speaker', ...span('General Dehqan'));
    const creating = createEntityFor(store.getState().selectedId!, 'Hossein Dehqan');
    await new Promise((resolve) => setTimeout(resolve, 30)); // the entity is made meanwhile
    release();
    await Promise.all([tagging, creating]);
    expect(labels(store)).toEqual(['Tag speaker', 'Create entity Hossein Dehqan']);
    await store.undo();
    expect(await saved()).toMatchObject([{ kind: 'speaker', entityId: null }]);
    expect(await handlers['entities/list']({})).toEqual([]);
  });

  it('a new event record from an event mention is one step', async () => {
    await store.tag('event', ...span('signed'));
    const mention = store.getState().selectedId!;
    await store.batch('New event record Signing', async () => {
      const event = await store.mutate('events/create', { title: 'Signing', type: 'other' });
      return event && store.updateAnnotation(mention, { eventId: event.id });
    });
    expect(labels(store)).toEqual(['Tag event', 'New event record Signing']);
    await store.undo();
    expect(await handlers['events/list']({})).toEqual([]);
    expect((await saved())[0]?.eventId).toBeNull();
  });

  it('when the second operation is refused, the first is taken back and the notice says why: all or nothing', async () => {
    await store.tag('claim', ...span('Tehran'));
    const claim = store.getState().selectedId!;
    const result = await store.batch('Create entity Tehran', async () => {
      const entity = await store.mutate('entities/create', { name: 'Tehran', type: 'place' });
      // The link goes with a verdict the tagset does not allow: the core refuses it.
      return entity && store.updateAnnotation(claim, { entityId: entity.id, attributes: { verdict: 'fake news' } });
    });
    expect(result).toBeNull();
    expect(await handlers['entities/list']({})).toEqual([]);
    expect(store.getState().entities).toEqual([]);
    expect((await saved())[0]?.entityId).toBeNull();
    expect(labels(store)).toEqual(['Tag claim']);
    expect(store.getState().notice).toMatchObject({
      tone: 'error',
      text: expect.stringMatching(/^Create entity Tehran failed: .*verdict.*Nothing was changed\.$/),
    });
    expect(store.getState().pendingWrites).toBe(0);
  });

  it('a batch whose work gives nothing is taken back too', async () => {
    await store.batch('Create entity Nobody', async () => {
      await store.mutate('entities/create', { name: 'Nobody', type: 'person' });
      return store.updateAnnotation('not-there', { entityId: null });
    });
    expect(await handlers['entities/list']({})).toEqual([]);
    expect(store.getState().undoStack).toEqual([]);
    expect(store.getState().notice?.text).toMatch(/Create entity Nobody failed/);
  });
});

describe('undo names the article and opens it', () => {
  it('undoing a step of another article opens it, and the notice names it; redo selects the annotation', async () => {
    await store.tag('claim', ...span('Tehran'));
    const claim = store.getState().selectedId!;
    await store.openArticle(SECOND);
    expect(store.getState().article?.id).toBe(SECOND);

    await store.undo();
    expect(store.getState().article?.id).toBe(FIRST);
    expect(store.getState().route).toEqual({ name: 'article' });
    expect(store.getState().notice).toEqual({ tone: 'info', text: `Undid: Tag claim in “${titleOf(FIRST)}”` });
    expect(store.getState().layer.annotations).toEqual([]);
    expect(await saved()).toEqual([]);

    await store.openArticle(SECOND);
    await store.redo();
    expect(store.getState().article?.id).toBe(FIRST);
    expect(store.getState().selectedId).toBe(claim);
    expect(store.getState().notice?.text).toBe(`Redid: Tag claim in “${titleOf(FIRST)}”`);
  });

  it('a step of the open article undone from another page shows the text; a registry step stays on its page', async () => {
    await store.tag('claim', ...span('Tehran'));
    await store.mutate('entities/create', { name: 'Hossein Dehqan', type: 'person' });
    const entity = store.getState().entities[0]!;
    store.navigate({ name: 'entity', id: entity.id });
    await store.undo();
    expect(store.getState().route).toEqual({ name: 'entity', id: entity.id });
    store.navigate({ name: 'dashboard' });
    await store.undo();
    expect(store.getState().route).toEqual({ name: 'article' });
    expect(store.getState().article?.id).toBe(FIRST);
  });

  it('a step in the open article is named too; a step of registry records only names no article', async () => {
    await store.tag('claim', ...span('Tehran'));
    await store.mutate('entities/create', { name: 'Hossein Dehqan', type: 'person' });
    await store.undo();
    expect(store.getState().notice?.text).toBe('Undid: Create entity Hossein Dehqan');
    await store.undo();
    expect(store.getState().notice?.text).toBe(`Undid: Tag claim in “${titleOf(FIRST)}”`);
  });

  it('the Undo button names the step and where it is: one article, several, or none for registry records', async () => {
    await store.tag('claim', ...span('Tehran'));
    const [tagged] = store.getState().undoStack;
    const { titles } = store.getState();
    expect(describeStep(tagged!, titles)).toBe(`Tag claim in “${titleOf(FIRST)}”`);
    const elsewhere = { ...tagged!.changes[0]!, articleId: SECOND } as Change;
    expect(describeStep({ label: 'Merge', changes: [tagged!.changes[0]!, elsewhere] }, titles)).toBe(
      `Merge in “${titleOf(FIRST)}” and 1 other article`,
    );
    await store.mutate('entities/create', { name: 'Hossein Dehqan', type: 'person' });
    expect(describeStep(store.getState().undoStack.at(-1)!, titles)).toBe('Create entity Hossein Dehqan');
  });

  it('keys pressed faster than the core answers each undo the next step', async () => {
    await store.tag('claim', ...span('Tehran'));
    await store.tag('event', ...span('signed'));
    await Promise.all([store.undo(), store.undo()]);
    expect(await saved()).toEqual([]);
    expect(store.getState().redoStack.map((c) => c.label)).toEqual(['Tag event', 'Tag claim']);
  });
});

describe('history across reloads', () => {
  it('is kept for the store in the session storage and undone after a reload', async () => {
    await store.tag('claim', ...span('Tehran'));
    await store.tag('event', ...span('signed'));
    await store.undo();
    expect([...storage.items.keys()]).toEqual([historyKey(location)]);

    const reloaded = await openPage();
    expect(labels(reloaded)).toEqual(['Tag claim']);
    expect(reloaded.getState().redoStack.map((c) => c.label)).toEqual(['Tag event']);
    await reloaded.init(); // Started again: the history is not read twice.
    expect(labels(reloaded)).toEqual(['Tag claim']);
    await reloaded.undo();
    expect(await saved()).toEqual([]);
    expect(reloaded.getState().notice?.text).toBe(`Undid: Tag claim in “${titleOf(FIRST)}”`);
    await reloaded.redo();
    await reloaded.redo();
    expect((await saved()).map((a) => a.kind)).toEqual(['claim', 'event']);
  });

  it('an undo pressed while the kept history is still being read undoes the kept step, not nothing', async () => {
    await store.tag('claim', ...span('Tehran'));
    expect(await saved()).toHaveLength(1);

    // A reload, and Ctrl+Z at once: pressed as soon as the store's status is in, when the history kept for it
    // has just begun to be read (the page shows the text meanwhile).
    const page = createWorkspaceStore(directClient(handlers), undefined, { historyStorage: storage });
    let pressed: Promise<void> | null = null;
    page.subscribe(() => {
      if (pressed || !page.getState().status) return;
      pressed = Promise.resolve().then(() => page.undo());
    });
    await page.init();
    expect(pressed).not.toBeNull();
    await pressed;
    expect(await saved()).toEqual([]);
    expect(page.getState().notice?.text).toBe(`Undid: Tag claim in “${titleOf(FIRST)}”`);
    expect(labels(page)).toEqual([]);
    expect(page.getState().redoStack.map((c) => c.label)).toEqual(['Tag claim']);
  });

  it("is another store's own: a page over a store elsewhere starts empty", async () => {
    await store.tag('claim', ...span('Tehran'));
    const temp = await makeTempDir();
    try {
      const other = await openWorkspace({
        storeDir: join(temp.dir, 'store'),
        annotator: 'alice',
        sampleDir: appPaths(findAppRoot(__dirname)).sampleDir,
      });
      const page = createWorkspaceStore(directClient(other.handlers), undefined, { historyStorage: storage });
      await page.init();
      expect(page.getState().status?.location).not.toBe(location);
      expect(page.getState().undoStack).toEqual([]);
    } finally {
      await temp.cleanup();
    }
  });

  it('a kept step the store no longer matches is refused, says so, and is dropped; nothing is half applied', async () => {
    await store.tag('speaker', ...span('General Dehqan'));
    await createEntityFor(store.getState().selectedId!, 'Hossein Dehqan');
    const [entity] = await handlers['entities/list']({});
    // Another window renames the entity meanwhile.
    await handlers['entities/update']({ id: entity!.id, name: 'H. Dehqan' });

    const reloaded = await openPage();
    expect(labels(reloaded)).toEqual(['Tag speaker', 'Create entity Hossein Dehqan']);
    await reloaded.undo();
    expect(reloaded.getState().notice).toMatchObject({
      tone: 'error',
      text: expect.stringMatching(
        /^Could not undo “Create entity Hossein Dehqan” in “.+”: the store changed since this step was made \(.*changed since.*\)\. The step was dropped from the history\.$/,
      ),
    });
    expect(labels(reloaded)).toEqual(['Tag speaker']);
    expect(JSON.parse(storage.items.get(historyKey(location))!).undo).toHaveLength(1);
    // Neither the link nor the entity was taken back.
    expect((await saved())[0]?.entityId).toBe(entity!.id);
    expect(await handlers['entities/list']({})).toMatchObject([{ name: 'H. Dehqan' }]);
    // The tag under it expects a mention with no entity: refused and dropped the same way.
    await reloaded.undo();
    expect(reloaded.getState().notice?.text).toMatch(/^Could not undo “Tag speaker”.*dropped/);
    expect(reloaded.getState().undoStack).toEqual([]);
    expect(await saved()).toHaveLength(1);
  });

  it('a refused step made in this page is kept, as before (only kept steps from before a reload are dropped)', async () => {
    await store.tag('claim', ...span('Tehran'));
    const id = store.getState().selectedId!;
    await handlers['annotations/update']({ articleId: FIRST, id, attributes: { verdict: 'true' } });
    await store.undo();
    expect(store.getState().notice?.text).toMatch(/^Could not undo “Tag claim” in “.+”: .*changed since/);
    expect(labels(store)).toEqual(['Tag claim']);
  });

  it.each([
    ['not JSON', '{', /could not be read \(not JSON\)/],
    ['a wrong shape', JSON.stringify({ version: 1, undo: [{ label: 'x' }], redo: [] }), /at undo\.0\.changes/],
    [
      'a change the model refuses',
      JSON.stringify({
        version: 1,
        undo: [
          { label: 'Tag claim', changes: [{ type: 'annotation', articleId: FIRST, before: null, after: { id: 1 } }] },
        ],
        redo: [],
      }),
      /undo step 1: Invalid change in change set \(change 1\)/,
    ],
  ])(
    'a kept history with %s is refused whole, naming where; the page starts with none',
    async (_what, raw, problem) => {
      storage.items.set(historyKey(location), raw);
      const reloaded = await openPage();
      expect(reloaded.getState().undoStack).toEqual([]);
      expect(reloaded.getState().redoStack).toEqual([]);
      expect(reloaded.getState().notice?.tone).toBe('error');
      expect(reloaded.getState().notice?.text).toContain(historyKey(location));
      expect(reloaded.getState().notice?.text).toMatch(problem);
    },
  );
});

describe('saving the history', () => {
  const step = (n: number) => ({
    label: `Step ${n}`,
    changes: [{ type: 'guidelines' as const, before: `v${n}`, after: `v${n + 1}` }],
  });
  const history = { undo: Array.from({ length: 300 }, (_, n) => step(n)), redo: [] };

  it('keeps the newest steps that fit when the storage is nearly full', () => {
    const small = memoryStorage();
    const setItem = small.setItem;
    small.setItem = (key, value) => {
      if (value.length > 6000) throw new Error('QuotaExceededError');
      setItem(key, value);
    };
    saveHistory(small, 'k', history);
    const kept = JSON.parse(small.items.get('k')!) as { undo: { label: string }[] };
    expect(kept.undo.length).toBeGreaterThan(0);
    expect(kept.undo.length).toBeLessThan(200);
    expect(kept.undo.at(-1)?.label).toBe('Step 299');
  });

  it('removes the saved history when nothing fits, so a reload never brings back an older one', () => {
    const full = memoryStorage();
    full.items.set('k', 'older');
    full.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    saveHistory(full, 'k', history);
    expect(full.items.has('k')).toBe(false);
  });
});
