import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Args, Handlers, Results } from '../../../annotations/contract';
import { dispatch } from '../../../annotations/dispatch';
import { openWorkspace } from '../../../annotations/node/workspace';
import type { OperationName } from '../../../annotations/operation-names';
import { ClientError } from '../../../renderer/src/client/factmark-client';
import type { WorkspaceStore } from '../../../renderer/src/state/workspace-store';
import { createWorkspaceStore } from '../../../renderer/src/state/workspace-store';
import { makeTempDir } from '../../support/temp-dir';

const SAMPLE_DIR = fileURLToPath(new URL('../../../annotations/sample-corpus', import.meta.url));

let cleanup: () => Promise<void>;
let store: WorkspaceStore;
/** While set, the core's answers wait for it. */
let held: Promise<void> | null = null;

beforeEach(async () => {
  const temp = await makeTempDir();
  cleanup = temp.cleanup;
  const { handlers } = await openWorkspace({
    storeDir: join(temp.dir, 'store'),
    annotator: 'alice',
    sampleDir: SAMPLE_DIR,
  });
  const send = async <K extends OperationName>(name: K, args: Args<K>): Promise<Results[K]> => {
    if (held) await held;
    const envelope = await dispatch(handlers as Handlers, name, JSON.parse(JSON.stringify(args)));
    if (!envelope.ok) throw new ClientError(envelope.error);
    return JSON.parse(JSON.stringify(envelope.result)) as Results[K];
  };
  store = createWorkspaceStore({
    transport: 'http',
    send,
    saveFile: async () => ({ saved: true }),
    onCommand: () => () => undefined,
  });
  await store.init();
});
afterEach(() => cleanup());

it('linking selects the span linked from at once; a span chosen before the core answers stays chosen', async () => {
  const text = store.getState().article!.text;
  const at = (needle: string) => [text.indexOf(needle), text.indexOf(needle) + needle.length] as const;
  await store.tag('claim', ...at('These hired terrorists'));
  const claim = store.getState().selectedId!;
  await store.tag('speaker', ...at('General Dehqan'));
  const speaker = store.getState().selectedId!;

  store.select(claim);
  store.startLinking(claim);
  let release = () => undefined as void;
  held = new Promise<void>((resolve) => (release = resolve));
  const linking = store.finishLinking(speaker);
  expect(store.getState().selectedId).toBe(claim);
  expect(store.getState().layer.relations).toHaveLength(1);
  // The user goes on to the speaker while the link is being saved.
  store.reveal(speaker);
  held = null;
  release();
  await linking;
  expect(store.getState().selectedId).toBe(speaker);
  expect(store.getState().layer.relations).toMatchObject([{ from: claim, to: { kind: 'annotation', id: speaker } }]);
});
