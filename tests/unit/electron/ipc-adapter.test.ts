import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appPaths, findAppRoot } from '../../../annotations/node/app-paths';
import { openWorkspace } from '../../../annotations/node/workspace';
import { makeTempDir } from '../../support/temp-dir';

type Handler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<unknown>;

const electron = vi.hoisted(() => ({
  handlers: new Map<string, Handler>(),
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  savePath: '' as string,
}));

vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: Handler) => electron.handlers.set(channel, handler) },
  dialog: { showSaveDialog: async () => ({ canceled: electron.savePath === '', filePath: electron.savePath }) },
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => electron.invoked.push(args),
    on: () => undefined,
    removeListener: () => undefined,
  },
}));

const RENDERER = 'file:///app/dist/renderer/index.html';
const own = { senderFrame: { url: RENDERER } };
const foreign = { senderFrame: { url: 'https://example.com/' } };

describe('the Electron IPC adapter', () => {
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    ({ dir, cleanup } = await makeTempDir());
    electron.handlers.clear();
    const { sampleDir } = appPaths(findAppRoot(__dirname));
    const { handlers } = await openWorkspace({ storeDir: join(dir, 'store'), annotator: 'alice', sampleDir });
    const { serveOverIpc } = await import('../../../electron/ipc-adapter');
    serveOverIpc(handlers, () => null, RENDERER);
  });
  afterEach(() => cleanup());

  it('serves the contract to its own page, with the same envelope as HTTP', async () => {
    const invoke = electron.handlers.get('factmark:invoke')!;
    const result = (await invoke(own, 'articles/list', {})) as { ok: boolean; result: unknown[] };
    expect(result.ok).toBe(true);
    expect(result.result).toHaveLength(5);
    expect(await invoke(own, 'articles/get', { articleId: 42 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
  });

  it('refuses calls from any other page', async () => {
    const invoke = electron.handlers.get('factmark:invoke')!;
    expect(await invoke(foreign, 'articles/list', {})).toMatchObject({
      ok: false,
      error: { message: /not the Factmark window/ },
    });
    expect(await invoke({ senderFrame: null }, 'articles/list', {})).toMatchObject({ ok: false });
  });

  it('saves an export where the user chose, and nothing when they cancel', async () => {
    const save = electron.handlers.get('factmark:save-file')!;
    const file = { fileName: 'x.jsonl', mediaType: 'application/x-ndjson', content: '{"a":1}\n', encoding: 'utf8' };
    electron.savePath = '';
    expect(await save(own, file)).toEqual({ ok: true, result: { saved: false } });
    electron.savePath = join(dir, 'chosen.jsonl');
    expect(await save(own, file)).toEqual({ ok: true, result: { saved: true, path: electron.savePath } });
    expect(await readFile(electron.savePath, 'utf8')).toBe('{"a":1}\n');
    expect(await save(own, { fileName: '', content: 3 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
    const zipPath = join(dir, 'chosen.zip');
    electron.savePath = zipPath;
    await save(own, {
      fileName: 'x.zip',
      mediaType: 'application/zip',
      content: Buffer.from([0x50, 0x4b, 0xff]).toString('base64'),
      encoding: 'base64',
    });
    expect([...(await readFile(zipPath))]).toEqual([0x50, 0x4b, 0xff]);
    expect(await save(foreign, file)).toMatchObject({ ok: false });
  });
});

describe('the Electron preload', () => {
  it('exposes exactly the contract’s operations and a save function, never ipcRenderer', async () => {
    await import('../../../electron/preload');
    const { OPERATION_NAMES } = await import('../../../annotations/operation-names');
    const api = electron.exposed.get('factmark') as {
      operations: Record<string, (a: unknown) => Promise<unknown>>;
      saveFile: unknown;
    };
    expect(Object.keys(api).sort()).toEqual(['onCommand', 'operations', 'saveFile']);
    expect(Object.keys(api.operations).sort()).toEqual([...OPERATION_NAMES].sort());
    await api.operations['annotations/create']!({ x: 1 });
    expect(electron.invoked.at(-1)).toEqual(['factmark:invoke', 'annotations/create', { x: 1 }]);
  });
});
