import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Args, ExportFile, Handlers, Results } from '../../../annotations/contract';
import { dispatch } from '../../../annotations/dispatch';
import { openWorkspace } from '../../../annotations/node/workspace';
import type { OperationName } from '../../../annotations/operation-names';
import { ClientError } from '../../../renderer/src/client/factmark-client';
import type { FactmarkClient, SaveResult } from '../../../renderer/src/client/factmark-client';
import type { WorkspaceStore } from '../../../renderer/src/state/workspace-store';
import { createWorkspaceStore } from '../../../renderer/src/state/workspace-store';
import { makeTempDir } from '../../support/temp-dir';

const SAMPLE_DIR = fileURLToPath(new URL('../../../annotations/sample-corpus', import.meta.url));
const FIRST = '000_0032acaf3c30b9bc';
const THIRD = '002_7feab6871f0e57f9';

/** A client over the real handlers (JSON in, JSON out, errors as ClientError), with hooks to hold or refuse calls. */
function fakeClient(handlers: Handlers) {
  const fake = {
    sent: [] as OperationName[],
    saved: [] as ExportFile[],
    saveResult: { saved: true } as SaveResult,
    /** Runs before an operation reaches the handlers; throw to refuse it. */
    before: async (_name: OperationName): Promise<void> => undefined,
  };
  const client: FactmarkClient = {
    transport: 'http',
    async send<K extends OperationName>(name: K, args: Args<K>): Promise<Results[K]> {
      fake.sent.push(name);
      await fake.before(name);
      const envelope = await dispatch(handlers, name, JSON.parse(JSON.stringify(args)));
      if (!envelope.ok) throw new ClientError(envelope.error);
      return JSON.parse(JSON.stringify(envelope.result)) as Results[K];
    },
    async saveFile(file) {
      fake.saved.push(file);
      return fake.saveResult;
    },
    onCommand: () => () => undefined,
  };
  return { client, fake };
}

let cleanup: () => Promise<void>;
let handlers: Handlers;
let fake: ReturnType<typeof fakeClient>['fake'];
let store: WorkspaceStore;

beforeEach(async () => {
  const temp = await makeTempDir();
  cleanup = temp.cleanup;
  const storeDir = join(temp.dir, 'store');
  ({ handlers } = await openWorkspace({ storeDir, annotator: 'alice', sampleDir: SAMPLE_DIR }));
  const made = fakeClient(handlers);
  fake = made.fake;
  let ids = 0;
  store = createWorkspaceStore(made.client, () => `local-${++ids}`);
});
afterEach(() => cleanup());

const text = () => store.getState().article!.text;
const saved = async () => (await handlers['annotations/list']({ articleId: FIRST })).annotations;
/** [start, end) of the first occurrence of `needle` in the open article. */
const span = (needle: string): [number, number] => {
  const at = text().indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  return [at, at + needle.length];
};

describe('init', () => {
  it('loads the status and opens the first article, without the whole article list', async () => {
    await store.init();
    const state = store.getState();
    expect(state.status?.annotator).toBe('alice');
    expect(fake.sent).not.toContain('articles/list');
    expect(state.article?.id).toBe(FIRST);
    expect(state.titles[FIRST]).toBe(state.article?.title);
    expect(state.article?.text.startsWith('ISIS pursuing US and Israel interests')).toBe(true);
    expect(state.layer.annotations).toEqual([]);
  });

  it('opens the preferred article when the store has it, else the first', async () => {
    await store.init(THIRD);
    expect(store.getState().article?.id).toBe(THIRD);
    expect(store.getState().article).toEqual(await handlers['articles/get']({ articleId: THIRD }));
    const second = createWorkspaceStore(fakeClient(handlers).client);
    await second.init('no-such-article');
    expect(second.getState().article?.id).toBe(FIRST);
  });
});

describe('previous and next article', () => {
  it('steps through the list as the server orders it, stopping at its ends, never asking for the whole list', async () => {
    const order = (await handlers['articles/list']({})).map((a) => a.id);
    await store.init(order[1]);
    await store.stepArticle(1);
    expect(store.getState().article?.id).toBe(order[2]);
    await store.stepArticle(-1);
    await store.stepArticle(-1);
    expect(store.getState().article?.id).toBe(order[0]);
    await store.stepArticle(-1);
    expect(store.getState().article?.id).toBe(order[0]);
    await store.openArticle(order.at(-1)!);
    await store.stepArticle(1);
    expect(store.getState().article?.id).toBe(order.at(-1));
    expect(store.getState().notice).toBeNull();
    expect(fake.sent).not.toContain('articles/list');
  });

  it('a step asked for before the last has come steps on from it', async () => {
    const order = (await handlers['articles/list']({})).map((a) => a.id);
    await store.init(order[0]);
    await Promise.all([store.stepArticle(1), store.stepArticle(1), store.stepArticle(1)]);
    expect(store.getState().article?.id).toBe(order[3]);
  });
});

describe('tag', () => {
  beforeEach(() => store.init());

  it('trims white space and line breaks, creates a claim quoting the text, and ends with nothing pending', async () => {
    const pending: number[] = [];
    store.subscribe(() => pending.push(store.getState().pendingWrites));
    const [start] = span('Iranian DM Says');
    const end = text().indexOf('"These');
    expect(text().slice(start, end)).toBe('Iranian DM Says\n\n');
    await store.tag('claim', start - 1, end);
    const [created] = store.getState().layer.annotations;
    expect(created).toMatchObject({ kind: 'claim', start, end: start + 15, annotator: 'alice' });
    expect(created!.quote).toBe(text().slice(created!.start, created!.end));
    expect(created!.attributes).toEqual({ verdict: null, checkWorthy: null, claimType: null });
    expect(store.getState().selectedId).toBe(created!.id);
    expect(await saved()).toEqual([created]);
    expect(Math.max(...pending)).toBe(1);
    expect(store.getState().pendingWrites).toBe(0);
    expect(store.getState().undoStack.map((c) => c.label)).toEqual(['Tag claim']);
  });

  it('on an all-white-space selection says so and creates nothing', async () => {
    const start = text().indexOf('\n\n');
    await store.tag('claim', start, start + 2);
    expect(store.getState().notice).toEqual({ tone: 'info', text: expect.stringMatching(/Select some text first/) });
    expect(store.getState().layer.annotations).toEqual([]);
    expect(fake.sent).not.toContain('annotations/create');
    expect(await saved()).toEqual([]);
    expect(store.getState().undoStack).toEqual([]);
  });

  it('shows the draft at once, and removes it with an error notice when the create is refused', async () => {
    let refuse!: (error: Error) => void;
    fake.before = (name) =>
      name === 'annotations/create' ? new Promise<void>((_resolve, reject) => (refuse = reject)) : Promise.resolve();
    const tagging = store.tag('claim', ...span('General Dehqan'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().layer.annotations.map((a) => a.quote)).toEqual(['General Dehqan']);
    expect(store.getState().pendingWrites).toBe(1);
    refuse(new ClientError({ code: 'invalid-argument', message: 'The core said no' }));
    await tagging;
    expect(store.getState().layer.annotations).toEqual([]);
    expect(store.getState().notice).toEqual({ tone: 'error', text: 'The core said no' });
    expect(store.getState().pendingWrites).toBe(0);
    expect(store.getState().undoStack).toEqual([]);
    expect(await saved()).toEqual([]);
  });

  it('rolls back a kind the real core does not know, with its message', async () => {
    await store.tag('rumour', ...span('Tehran'));
    expect(store.getState().layer.annotations).toEqual([]);
    expect(store.getState().notice).toMatchObject({
      tone: 'error',
      text: expect.stringMatching(/Unknown annotation kind "rumour"/),
    });
    expect(await saved()).toEqual([]);
  });
});

describe('edits after a tag', () => {
  let id: string;
  beforeEach(async () => {
    await store.init();
    await store.tag('claim', ...span('General Dehqan'));
    id = store.getState().selectedId!;
  });

  it('updateAttributes merges the attributes and persists them', async () => {
    await store.updateAttributes(id, { verdict: 'false', checkWorthy: true });
    const expected = { verdict: 'false', checkWorthy: true, claimType: null };
    expect((await saved())[0]?.attributes).toEqual(expected);
    expect(store.getState().layer.annotations[0]?.attributes).toEqual(expected);
    expect(store.getState().pendingWrites).toBe(0);
  });

  it('remove deletes the annotation in the core and locally, and clears the selection', async () => {
    await store.tag('speaker', ...span('Khalid al-Obeidi'));
    const speaker = store.getState().selectedId!;
    await store.remove(id);
    expect((await saved()).map((a) => a.id)).toEqual([speaker]);
    expect(store.getState().layer.annotations.map((a) => a.id)).toEqual([speaker]);
    expect(store.getState().selectedId).toBe(speaker);
    await store.remove(speaker);
    expect(await saved()).toEqual([]);
    expect(store.getState().layer.annotations).toEqual([]);
    expect(store.getState().selectedId).toBeNull();
    expect(store.getState().pendingWrites).toBe(0);
  });

  it('exportData as JSONL hands the JSONL file to saveFile and reports it', async () => {
    fake.saveResult = { saved: true, path: '/home/alice/out.jsonl' };
    expect(await store.exportData({ format: 'jsonl' })).toBe(true);
    expect(fake.saved).toHaveLength(1);
    const file = fake.saved[0]!;
    expect(file).toMatchObject({ mediaType: 'application/x-ndjson', encoding: 'utf8' });
    expect(file.fileName).toMatch(/^factmark-jsonl-\d{4}-\d{2}-\d{2}\.jsonl$/);
    const lines = file.content
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((l) => l.id)).toEqual((await handlers['articles/list']({})).map((a) => a.id));
    expect(lines[0]).toMatchObject({ id: FIRST, offsetUnit: 'utf16', annotations: await saved() });
    expect(store.getState().notice).toEqual({
      tone: 'info',
      text: `Exported ${file.fileName} to /home/alice/out.jsonl`,
    });
  });

  it('exportData reports nothing when the user cancels the save', async () => {
    store.dismissNotice();
    fake.saveResult = { saved: false };
    expect(await store.exportData({ format: 'jsonl', articleIds: [FIRST] })).toBe(false);
    expect(fake.saved[0]!.content.trimEnd().split('\n')).toHaveLength(1);
    expect(store.getState().notice).toBeNull();
  });
});
