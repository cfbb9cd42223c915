import type { FactmarkClient } from './factmark-client';
import { createHttpClient } from './http-client';
import type { FactmarkBridge } from './ipc-client';
import { createIpcClient } from './ipc-client';

/** Chooses the transport once, at start-up: the Electron bridge if the preload put one there, else HTTP. */
export function pickClient(win: Window & { factmark?: FactmarkBridge }): FactmarkClient {
  return win.factmark ? createIpcClient(win.factmark) : createHttpClient(win.location.origin, win.document);
}
