import type { Args, Envelope, ExportFile, Results } from '../../../annotations/contract';
import type { WireError } from '../../../annotations/errors';
import type { OperationName } from '../../../annotations/operation-names';

/** An error that came back through the contract, with its code. */
export class ClientError extends Error {
  readonly code: WireError['code'];

  constructor(error: WireError) {
    super(error.message);
    this.name = 'ClientError';
    this.code = error.code;
  }
}

export type SaveResult = { saved: false } | { saved: true; path?: string };

/** The renderer's one way to reach the core, whatever the transport. */
export interface FactmarkClient {
  readonly transport: 'ipc' | 'http';
  send<K extends OperationName>(name: K, args: Args<K>): Promise<Results[K]>;
  /** Lets the user save an exported file where they choose. */
  saveFile(file: ExportFile): Promise<SaveResult>;
  /** Commands from the desktop menu (none in the web mode); returns an unsubscribe function. */
  onCommand(listener: (command: string) => void): () => void;
}

export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.result;
  throw new ClientError(envelope.error);
}
