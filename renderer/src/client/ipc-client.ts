import type { Envelope, ExportFile } from '../../../annotations/contract';
import type { OperationName } from '../../../annotations/operation-names';
import type { FactmarkClient, SaveResult } from './factmark-client';
import { unwrap } from './factmark-client';

/** What the Electron preload exposes on `window.factmark`. */
export interface FactmarkBridge {
  operations: Record<OperationName, (args: unknown) => Promise<Envelope>>;
  saveFile(file: ExportFile): Promise<Envelope<SaveResult>>;
  onCommand(listener: (command: string) => void): () => void;
}

export function createIpcClient(bridge: FactmarkBridge): FactmarkClient {
  return {
    transport: 'ipc',
    async send(name, args) {
      return unwrap((await bridge.operations[name](args)) as Envelope<never>);
    },
    async saveFile(file) {
      return unwrap(await bridge.saveFile(file));
    },
    onCommand: (listener) => bridge.onCommand(listener),
  };
}
