import { join } from 'node:path';
import type { Args, Handlers, Results } from '../../annotations/contract';
import { dispatch } from '../../annotations/dispatch';
import { appPaths, findAppRoot } from '../../annotations/node/app-paths';
import { openWorkspace } from '../../annotations/node/workspace';
import type { OperationName } from '../../annotations/operation-names';
import { ClientError } from '../../renderer/src/client/factmark-client';
import type { FactmarkClient } from '../../renderer/src/client/factmark-client';
import { createWorkspaceStore } from '../../renderer/src/state/workspace-store';
import { makeTempDir } from './temp-dir';

/** A client over the real handlers, with the same envelope handling as the transports. */
export function directClient(handlers: Handlers): FactmarkClient {
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

/**
 * A renderer workspace store over a fresh store of the sample corpus, as
 * alice, opened on its first article: the store, the handlers behind it,
 * the article's text, and a cleanup that removes the store.
 */
export async function openSampleWorkspaceStore(
  /** Stands between the store and the handlers (a slow network, a held write). */
  wrap: (client: FactmarkClient) => FactmarkClient = (client) => client,
) {
  const temp = await makeTempDir();
  const { handlers } = await openWorkspace({
    storeDir: join(temp.dir, 'store'),
    annotator: 'alice',
    sampleDir: appPaths(findAppRoot(__dirname)).sampleDir,
  });
  let ids = 0;
  const store = createWorkspaceStore(wrap(directClient(handlers)), () => `local-${++ids}`);
  await store.init();
  return { handlers, store, text: store.getState().article!.text, cleanup: temp.cleanup };
}
