import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElectronApplication } from '@playwright/test';
import { _electron as electron, expect, test } from '@playwright/test';

/** The Electron runtime's path, or why there is none (its download is skipped on offline machines). */
function electronRuntime(): { path: string } | { missing: string } {
  try {
    const path = createRequire(import.meta.url)('electron') as string;
    if (!existsSync(path)) return { missing: `the Electron runtime ${path} does not exist` };
    return { path };
  } catch (error) {
    return {
      missing: `Electron's runtime is not installed (${(error as Error).message}); install it, or set ELECTRON_OVERRIDE_DIST_PATH`,
    };
  }
}

const runtime = electronRuntime();
if ('missing' in runtime) console.log(`e2e-electron skipped: ${runtime.missing}`);
test.skip('missing' in runtime, 'missing' in runtime ? runtime.missing : '');

let app: ElectronApplication;
let userData: string;

/** The command line of a Factmark on the test's user data and store. */
const appArgs = () => [
  '.',
  `--user-data-dir=${userData}`,
  '--store',
  join(userData, 'store'),
  '--annotator',
  'alice',
  '--no-sandbox',
];

test.beforeEach(async () => {
  if (!('path' in runtime)) return;
  userData = await mkdtemp(join(tmpdir(), 'factmark-electron-'));
  app = await electron.launch({ executablePath: runtime.path, args: appArgs() });
});

test.afterEach(async () => {
  await app?.close();
  if (userData) await rm(userData, { recursive: true, force: true });
});

test('opens the sample corpus in a locked-down window and saves a claim over IPC', async () => {
  const window = await app.firstWindow();
  await expect(window.getByRole('navigation', { name: 'Articles' }).getByRole('button')).toHaveCount(5);
  // No Node in the page: no require, no process (nodeIntegration off, sandbox and contextIsolation on).
  expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  expect(await window.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
  expect(
    await window.evaluate(() =>
      Object.keys((window as unknown as { factmark: { operations: object } }).factmark.operations).sort(),
    ),
  ).toContain('annotations/create');

  await window.locator('.cm-content').click();
  await window.keyboard.press('Control+Home');
  for (let i = 0; i < 4; i++) await window.keyboard.press('Shift+ArrowRight');
  await window.keyboard.press('1');
  await expect(window.locator('.fm-mark-claim')).toHaveText('ISIS');
  await expect(window.getByTestId('save-state')).toHaveText('All changes saved');

  await app.close();
  app = await electron.launch({
    executablePath: (runtime as { path: string }).path,
    args: ['.', `--user-data-dir=${userData}`, '--store', join(userData, 'store'), '--no-sandbox'],
  });
  const again = await app.firstWindow();
  await expect(again.locator('.fm-mark-claim')).toHaveText('ISIS');
});

test('a second launch on the same user data hands over to the first and quits', async () => {
  const page = await app.firstWindow();
  await expect(page.getByRole('navigation', { name: 'Articles' }).getByRole('button')).toHaveCount(5);
  const second = spawn((runtime as { path: string }).path, appArgs(), { stdio: 'ignore' });
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the second instance did not quit within 15 s')), 15_000);
    second.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  expect(exitCode).toBe(0);
  // The first one is still there, with its store, and no second window opened.
  await expect(page.getByRole('navigation', { name: 'Articles' }).getByRole('button')).toHaveCount(5);
  expect(app.windows()).toHaveLength(1);
});

test('denies every permission request, and the page cannot navigate away', async () => {
  const page = await app.firstWindow();
  await expect(page.getByRole('navigation', { name: 'Articles' }).getByRole('button')).toHaveCount(5);
  expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied');
  expect(await page.evaluate(() => Notification.permission)).toBe('denied');

  const home = page.url();
  await page.evaluate(() => globalThis.location.assign('https://example.com/'));
  await page.waitForTimeout(500);
  expect(page.url()).toBe(home);
  await expect(page.getByRole('navigation', { name: 'Articles' }).getByRole('button')).toHaveCount(5);
});

test('offers to publish or clone a team project over IPC, keeping credentials in the keychain where there is one', async () => {
  const page = await app.firstWindow();
  await expect(page.getByTestId('sync-status')).toHaveText('Not shared');
  await page.locator('.sync-control').getByRole('button', { name: 'Sync', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Team project' });
  await expect(dialog.getByRole('form', { name: 'Publish this store' })).toBeVisible();
  // The main process says which: the system keychain, or (Linux without a secret store) the session only.
  const keychain = await app.evaluate(({ safeStorage }) => {
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
    return safeStorage.isEncryptionAvailable() && backend !== 'basic_text' && backend !== 'unknown';
  });
  await expect(dialog.getByRole('form', { name: 'Publish this store' })).toContainText(
    keychain ? 'Remember in the system keychain' : 'Remember until Factmark stops',
  );
  // A refused publication (nothing listens on port 9) says why and leaves the store unshared.
  const publish = dialog.getByRole('form', { name: 'Publish this store' });
  await publish.getByLabel('URL of an empty repository').fill('http://127.0.0.1:9/project.git');
  await publish.getByRole('button', { name: 'Publish' }).click();
  await expect(dialog.getByTestId('sync-outcome')).toContainText('Cannot reach the remote');
  await expect(page.getByTestId('sync-status')).toHaveText('Not shared');
});
