import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Envelope } from '../../annotations/contract';
import { dispatch } from '../../annotations/dispatch';
import { appPaths, findAppRoot } from '../../annotations/node/app-paths';
import { startWebServer } from '../../annotations/node/http-server';
import { openWorkspace } from '../../annotations/node/workspace';
import type { RawSend } from './contract-cases';

export const { sampleDir } = appPaths(findAppRoot(__dirname));

export interface Transport {
  send: RawSend;
  close: () => Promise<void>;
}

/** The handler table called directly, as the Electron IPC adapter does. */
export async function direct(storeDir: string, annotator = 'alice'): Promise<Transport> {
  const { handlers, close } = await openWorkspace({ storeDir, annotator, sampleDir });
  return { send: (name, args) => dispatch(handlers, name, args), close };
}

/** The same table over the web mode's loopback HTTP server. */
export async function overHttp(storeDir: string, annotator = 'alice'): Promise<Transport> {
  const { handlers, close } = await openWorkspace({ storeDir, annotator, sampleDir });
  const { server, url } = await startWebServer({ handlers, staticDir: join(storeDir, 'no-renderer') });
  const send: RawSend = async (name, args) => {
    const response = await fetch(`${url}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    return (await response.json()) as Envelope;
  };
  return {
    send,
    close: async () => {
      await new Promise<void>((resolve) => (server as Server).close(() => resolve()));
      await close();
    },
  };
}

export const TRANSPORTS = [
  ['direct calls', direct],
  ['HTTP', overHttp],
] as const;
