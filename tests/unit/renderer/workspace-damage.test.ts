import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Args, ExportFile, Handlers, Results } from '../../../annotations/contract';
import { dispatch } from '../../../annotations/dispatch';
import type { Workspace } from '../../../annotations/node/workspace';
import { openWorkspace } from '../../../annotations/node/workspace';
import type { OperationName } from '../../../annotations/operation-names';
import type { FactmarkClient } from '../../../renderer/src/client/factmark-client';
import { ClientError } from '../../../renderer/src/client/factmark-client';
import { createWorkspaceStore } from '../../../renderer/src/state/workspace-store';
import { makeTempDir } from '../../support/temp-dir';

const SAMPLE_DIR = fileURLToPath(new URL('../../../annotations/sample-corpus', import.meta.url));
const FIRST = '000_0032acaf3c30b9bc';
const DAMAGED = '002_7feab6871f0e57f9';

/** The real handlers behind JSON, as a transport carries them; files offered for saving are kept. */
function clientOver(handlers: Handlers, saved: ExportFile[]): FactmarkClient {
  return {
    transport: 'http',
    async send<K extends OperationName>(name: K, args: Args<K>): Promise<Results[K]> {
      const envelope = await dispatch(handlers, name, JSON.parse(JSON.stringify(args)));
      if (!envelope.ok) throw new ClientError(envelope.error);
      return JSON.parse(JSON.stringify(envelope.result)) as Results[K];
    },
    async saveFile(file) {
      saved.push(file);
      return { saved: true };
    },
    onCommand: () => () => undefined,
  };
}

let storeDir: string;
let cleanup: () => Promise<void>;
let workspace: Workspace;
const open = async () => (workspace = await openWorkspace({ storeDir, annotator: 'alice', sampleDir: SAMPLE_DIR }));

beforeEach(async () => {
  const temp = await makeTempDir();
  cleanup = temp.cleanup;
  storeDir = join(temp.dir, 'store');
  await open();
});
afterEach(async () => {
  await workspace.close();
  await cleanup();
});

/** Two edits of DAMAGED (so its last good copy holds the first), then garbage in its annotations file, then a restart. */
async function damageAfterTwoEdits() {
  const { handlers } = workspace;
  const text = (await handlers['articles/get']({ articleId: DAMAGED })).text;
  const tag = (kind: string, needle: string) => {
    const start = text.indexOf(needle);
    return handlers['annotations/create']({
      articleId: DAMAGED,
      kind,
      start,
      end: start + needle.length,
      quote: needle,
    });
  };
  await tag('speaker', 'Hossein Dehqan');
  const goodCopy = await handlers['annotations/list']({ articleId: DAMAGED });
  await tag('place', 'Tehran');
  await workspace.close();
  await writeFile(join(storeDir, 'layers', DAMAGED, 'alice.json'), 'not json at all');
  await open();
  return goodCopy;
}

it('opening a damaged article shows its problem instead of the editor; restoring opens its last good copy', async () => {
  const goodCopy = await damageAfterTwoEdits();
  const store = createWorkspaceStore(clientOver(workspace.handlers, []));
  await store.init();
  expect(store.getState().article?.id).toBe(FIRST);

  await store.openArticle(DAMAGED);
  const state = store.getState();
  expect(state.article).toBeNull();
  expect(state.layer.annotations).toEqual([]);
  expect(state.damaged).toEqual({
    articleId: DAMAGED,
    title: (await workspace.handlers['articles/list']({})).find((a) => a.id === DAMAGED)!.title,
    problem: {
      file: join(storeDir, 'layers', DAMAGED, 'alice.json'),
      reason: expect.stringMatching(/not valid JSON/),
      articleId: DAMAGED,
      restorable: true,
    },
  });
  // The panel says it all: no notice repeats it.
  expect(state.notice).toBeNull();
  expect(state.status?.problems.map((p) => p.articleId)).toEqual([DAMAGED]);

  await store.restore(DAMAGED);
  expect(store.getState().damaged).toBeNull();
  expect(store.getState().article?.id).toBe(DAMAGED);
  expect(store.getState().layer.annotations).toEqual(goodCopy.annotations);
  expect(store.getState().status?.problems).toEqual([]);
  expect(store.getState().notice?.text).toMatch(/Restored the last good copy/);
});

it('a corpus-wide read that left an article out refreshes the status, so the list can mark it', async () => {
  await damageAfterTwoEdits();
  const saved: ExportFile[] = [];
  const store = createWorkspaceStore(clientOver(workspace.handlers, saved));
  await store.init();
  expect(store.getState().status?.problems).toEqual([]);

  const result = await store.query('search/query', { text: 'Tehran' });
  expect(result?.leftOut?.map((l) => l.articleId)).toEqual([DAMAGED]);
  expect(store.getState().status?.problems.map((p) => p.articleId)).toEqual([DAMAGED]);

  // An export says what it left out; the file saved carries only the file's own fields.
  expect(await store.exportData({ format: 'doccano' })).toBe(true);
  expect(Object.keys(saved[0]!).sort()).toEqual(['content', 'encoding', 'fileName', 'mediaType']);
  expect(store.getState().notice).toEqual({
    tone: 'error',
    text: expect.stringMatching(
      /^Exported factmark-doccano-.*\.jsonl\. Left out 1 damaged article\(s\): Iran and Iraq/,
    ),
  });
});
