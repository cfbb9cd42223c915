// Before any other: the file thread pool's size is read at the first file operation.
import '../annotations/node/file-threads';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MenuItemConstructorOptions } from 'electron';
import { app, BrowserWindow, dialog, Menu, safeStorage, session, shell } from 'electron';
import { isFactmarkError } from '../annotations/errors';
import { appPaths } from '../annotations/node/app-paths';
import {
  flagValue,
  missingFlagValue,
  rememberStore,
  resolveAnnotator,
  resolveStoreDir,
} from '../annotations/node/store-location';
import { keychainKeeper } from '../annotations/node/keychain-keeper';
import { openWorkspace } from '../annotations/node/workspace';
import { serveOverIpc } from './ipc-adapter';
import { allowsDevTools, lockDownContents, lockDownSession } from './security-policy';

/** One Factmark per user profile: a second launch hands over to the first (see 'second-instance') and quits. */
const isFirstInstance = app.requestSingleInstanceLock();

let mainWindow: BrowserWindow | null = null;

function createWindow(rendererUrl: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Factmark',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: allowsDevTools(app.isPackaged),
      // Middle-click would otherwise be a way to open links; nothing in the page uses it.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  lockDownContents(window.webContents);
  void window.loadURL(rendererUrl);
  return window;
}

function buildMenu(storeDir: string): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      {
        label: 'File',
        submenu: [
          {
            label: 'Import…',
            accelerator: 'CmdOrCtrl+O',
            click: () => mainWindow?.webContents.send('factmark:command', 'import'),
          },
          {
            label: 'Export…',
            accelerator: 'CmdOrCtrl+E',
            click: () => mainWindow?.webContents.send('factmark:command', 'export'),
          },
          { type: 'separator' },
          { label: 'Show Store Folder', click: () => void shell.openPath(storeDir) },
          { role: 'quit' },
        ],
      },
      { role: 'editMenu' },
      viewMenu(allowsDevTools(app.isPackaged)),
    ]),
  );
}

/** The standard View menu, with developer tools only where the window allows them. */
function viewMenu(devTools: boolean): MenuItemConstructorOptions {
  return {
    label: 'View',
    submenu: [
      { role: 'reload' },
      { role: 'forceReload' },
      ...(devTools ? [{ role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
}

function showMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function start(): Promise<void> {
  lockDownSession(session.defaultSession);
  const root = app.getAppPath();
  const paths = appPaths(root);
  const argv = process.argv;
  const missing = missingFlagValue(argv, ['store', 'annotator']);
  if (missing) {
    dialog.showErrorBox('Factmark cannot start', missing);
    app.exit(2);
    return;
  }
  const storeDir = resolveStoreDir(flagValue(argv, 'store'), app.getPath('userData'));
  const rendererUrl = pathToFileURL(join(paths.rendererDir, 'index.html')).toString();
  try {
    const { handlers } = await openWorkspace({
      storeDir,
      annotator: resolveAnnotator(flagValue(argv, 'annotator')),
      annotatorGiven: Boolean(flagValue(argv, 'annotator') || process.env.FACTMARK_ANNOTATOR),
      sampleDir: paths.sampleDir,
      owner: { kind: 'the Factmark desktop app' },
      // A team project's credentials, sealed by the OS keychain in the app's folder (never the store's).
      credentials: keychainKeeper(safeStorage, join(app.getPath('userData'), 'credentials.json')) ?? undefined,
      // A project cloned in the app is the store the next start opens.
      onSwitch: (dir) => rememberStore(app.getPath('userData'), dir),
    });
    serveOverIpc(handlers, () => mainWindow, rendererUrl);
  } catch (error) {
    // A FactmarkError's message is the sentence to show; for 'conflict' it names the process holding the store.
    dialog.showErrorBox('Factmark cannot open its store', isFactmarkError(error) ? error.message : String(error));
    app.exit(2);
    return;
  }
  buildMenu(storeDir);
  mainWindow = createWindow(rendererUrl);
  mainWindow.on('closed', () => (mainWindow = null));
}

if (!isFirstInstance) {
  app.quit();
} else {
  app.on('second-instance', showMainWindow);
  app.on('session-created', lockDownSession);
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}
