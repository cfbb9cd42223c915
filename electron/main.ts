import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Menu, shell } from 'electron';
import { isFactmarkError } from '../annotations/errors';
import { appPaths } from '../annotations/node/app-paths';
import { flagValue, missingFlagValue, resolveAnnotator, resolveStoreDir } from '../annotations/node/store-location';
import { openWorkspace } from '../annotations/node/workspace';
import { serveOverIpc } from './ipc-adapter';

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
    },
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
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
      { role: 'viewMenu' },
    ]),
  );
}

async function start(): Promise<void> {
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
    });
    serveOverIpc(handlers, () => mainWindow, rendererUrl);
  } catch (error) {
    dialog.showErrorBox('Factmark cannot open its store', isFactmarkError(error) ? error.message : String(error));
    app.exit(2);
    return;
  }
  buildMenu(storeDir);
  mainWindow = createWindow(rendererUrl);
  mainWindow.on('closed', () => (mainWindow = null));
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});
app.on('window-all-closed', () => app.quit());
void app.whenReady().then(start);
