import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

interface FakeWindow {
  options: { webPreferences: Record<string, unknown> };
  contentsEvents: string[];
  calls: string[];
}

/** A stand-in for the parts of Electron the main process uses, recording what it is asked. */
const electron = vi.hoisted(() => ({
  gotLock: true,
  isPackaged: false,
  calls: [] as string[],
  appEvents: new Map<string, Listener>(),
  errorBoxes: [] as Array<[string, string]>,
  windows: [] as FakeWindow[],
  menu: [] as Array<{ label?: string; role?: string; submenu?: Array<{ role?: string }> }>,
  permissionHandlers: new Map<string, Listener>(),
  openWorkspace: { options: [] as unknown[], fails: null as null | { code: 'conflict'; message: string } },
}));

vi.mock('electron', () => {
  const record =
    <T>(name: string, result?: T) =>
    () => {
      electron.calls.push(name);
      return result;
    };
  class BrowserWindow implements FakeWindow {
    contentsEvents: string[] = [];
    calls: string[] = [];
    webContents = {
      on: (event: string) => this.contentsEvents.push(event),
      setWindowOpenHandler: () => this.contentsEvents.push('setWindowOpenHandler'),
      send: () => undefined,
    };
    constructor(public options: FakeWindow['options']) {
      electron.windows.push(this);
    }
    loadURL = async () => undefined;
    on = () => this;
    isMinimized = () => true;
    restore = () => this.calls.push('restore');
    show = () => this.calls.push('show');
    focus = () => this.calls.push('focus');
  }
  const app = {
    get isPackaged() {
      return electron.isPackaged;
    },
    requestSingleInstanceLock: () => {
      electron.calls.push('requestSingleInstanceLock');
      return electron.gotLock;
    },
    quit: record('quit'),
    exit: (code: number) => electron.calls.push(`exit ${code}`),
    on: (event: string, listener: Listener) => {
      electron.calls.push(`on ${event}`);
      electron.appEvents.set(event, listener);
    },
    whenReady: () => {
      electron.calls.push('whenReady');
      return Promise.resolve();
    },
    getAppPath: () => '/app',
    getPath: () => '/user-data',
  };
  const defaultSession = {
    setPermissionRequestHandler: (handler: Listener) => electron.permissionHandlers.set('request', handler),
    setPermissionCheckHandler: (handler: Listener) => electron.permissionHandlers.set('check', handler),
    setDevicePermissionHandler: (handler: Listener) => electron.permissionHandlers.set('device', handler),
  };
  return {
    app,
    BrowserWindow,
    session: { defaultSession },
    dialog: { showErrorBox: (title: string, message: string) => electron.errorBoxes.push([title, message]) },
    Menu: {
      buildFromTemplate: (template: typeof electron.menu) => (electron.menu = template),
      setApplicationMenu: () => undefined,
    },
    shell: { openPath: async () => '' },
    ipcMain: { handle: () => undefined },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(text),
      decryptString: (sealed: Buffer) => sealed.toString(),
    },
  };
});

vi.mock('../../../annotations/node/workspace', () => ({
  openWorkspace: async (options: unknown) => {
    electron.openWorkspace.options.push(options);
    const failure = electron.openWorkspace.fails;
    if (failure) {
      // The same module instance main.ts loaded, so its `instanceof` check holds.
      const { FactmarkError } = await import('../../../annotations/errors');
      throw new FactmarkError(failure.code, failure.message);
    }
    return { handlers: {} };
  },
}));

async function startMain(): Promise<void> {
  vi.resetModules();
  await import('../../../electron/main');
}

describe('the Electron main process', () => {
  beforeEach(() => {
    electron.gotLock = true;
    electron.isPackaged = false;
    electron.calls = [];
    electron.appEvents.clear();
    electron.errorBoxes = [];
    electron.windows = [];
    electron.menu = [];
    electron.permissionHandlers.clear();
    electron.openWorkspace = { options: [], fails: null };
  });

  it('asks for the single-instance lock before anything else, and a second instance just quits', async () => {
    electron.gotLock = false;
    await startMain();
    expect(electron.calls).toEqual(['requestSingleInstanceLock', 'quit']);
    expect(electron.openWorkspace.options).toEqual([]);
  });

  it('locks down the session and the window, and says who holds the store', async () => {
    await startMain();
    expect(electron.calls[0]).toBe('requestSingleInstanceLock');
    expect([...electron.appEvents.keys()]).toEqual(
      expect.arrayContaining(['second-instance', 'session-created', 'web-contents-created']),
    );
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));

    const granted: boolean[] = [];
    electron.permissionHandlers.get('request')!(null, 'notifications', (ok: boolean) => granted.push(ok));
    expect(granted).toEqual([false]);
    expect(electron.permissionHandlers.get('check')!(null, 'clipboard-read', 'file://', {})).toBe(false);
    expect(electron.permissionHandlers.get('device')!({})).toBe(false);

    const [window] = electron.windows;
    expect(window!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: true,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(window!.contentsEvents).toEqual(
      expect.arrayContaining([
        'will-navigate',
        'will-frame-navigate',
        'will-redirect',
        'will-attach-webview',
        'setWindowOpenHandler',
      ]),
    );
    expect(electron.openWorkspace.options[0]).toMatchObject({ owner: { kind: 'the Factmark desktop app' } });
    // A team project's credentials go to the OS keychain, in the app's folder, never the store's.
    const { credentials } = electron.openWorkspace.options[0] as { credentials?: { kind: string } };
    expect(credentials?.kind).toBe('keychain');

    electron.appEvents.get('second-instance')!();
    expect(window!.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('has developer tools in development only', async () => {
    await startMain();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    const viewRoles = () => electron.menu.find((item) => item.label === 'View')?.submenu?.map((item) => item.role);
    expect(viewRoles()).toContain('toggleDevTools');

    electron.windows = [];
    electron.isPackaged = true;
    await startMain();
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    expect(electron.windows[0]!.options.webPreferences.devTools).toBe(false);
    expect(viewRoles()).not.toContain('toggleDevTools');
    expect(viewRoles()).toContain('reload');
  });

  it('shows which process holds a locked store, and opens no window', async () => {
    const message =
      'The store /s is open in Factmark web mode at http://127.0.0.1:5174 (process 4242 on host, since 2026-11-30 10:00 UTC); close it first, or open another store with --store.';
    electron.openWorkspace.fails = { code: 'conflict', message };
    await startMain();
    await vi.waitFor(() => expect(electron.calls).toContain('exit 2'));
    expect(electron.errorBoxes).toEqual([['Factmark cannot open its store', message]]);
    expect(electron.windows).toEqual([]);
  });
});
