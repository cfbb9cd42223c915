import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { test as base, chromium } from '@playwright/test';
import { writeBenchStore } from '../../scripts/bench-store-corpus';

/** Debian's Chromium unless FACTMARK_CHROMIUM names another; Playwright downloads nothing. */
export const CHROMIUM = process.env.FACTMARK_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The features Playwright's own launch disables (its `chromiumSwitches`). Chromium reads only the last
 * `--disable-features` it is given, so the one below replaces Playwright's and must repeat them;
 * tests/e2e-web/chromium-args.spec.ts fails when Playwright disables one that is not here.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * This Chromium prepares its omnibox's popup pages (the plain one and the AI-mode one) for every new window,
 * each a WebUI page in a renderer of its own that competes with the page under test for the processor
 * (~240 ms of processor time per new context measured on two cores); a headless browser never shows them.
 */
export const HEADLESS_UNSEEN_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...HEADLESS_UNSEEN_FEATURES].join(',')}`,
];

export interface WebApp {
  url: string;
  storeDir: string;
  /** Stops the server (the store stays), e.g. to start it again on the same store. */
  stop: () => Promise<void>;
}

/** Runs `dist/server.mjs` with `args` and waits for the address it says it serves on. */
export async function spawnWebServer(args: readonly string[]): Promise<{ url: string; child: ChildProcess }> {
  const child: ChildProcess = spawn(process.execPath, ['dist/server.mjs', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`web server exited with ${String(code)}: ${stderr}`)));
  });
  return { url, child };
}

/** Starts `dist/server.mjs` on a free port over the given store and waits for its address. */
export async function startWebApp(storeDir: string, annotator = 'alice'): Promise<WebApp> {
  const { url, child } = await spawnWebServer(['--port', '0', '--store', storeDir, '--annotator', annotator]);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill();
    });
  return { url, storeDir, stop };
}

/**
 * `run` with a server on a store of `count` articles (the benchmark's, a few
 * of them annotated), written in a temporary folder; the server is stopped
 * and the store removed afterwards, whatever happened.
 */
export async function withLargeStore<T>(count: number, run: (app: WebApp) => Promise<T>): Promise<T> {
  const storeDir = await mkdtemp(join(tmpdir(), 'factmark-e2e-large-'));
  try {
    await writeBenchStore(storeDir, count, { viaRepository: 10, annotated: 5 });
    const app = await startWebApp(storeDir);
    try {
      return await run(app);
    } finally {
      await app.stop();
    }
  } finally {
    await rm(storeDir, { recursive: true, force: true });
  }
}

/** One operation the page asked the server for, with its arguments. */
export interface ApiCall {
  name: string;
  args: Record<string, unknown>;
}

/** The operations `page` asks the server for from now on, in order (the list grows as it asks). */
export function watchApi(page: Page): ApiCall[] {
  const asked: ApiCall[] = [];
  page.on('request', (request) => {
    const at = request.url().indexOf('/api/');
    if (at < 0) return;
    const body = request.postData();
    asked.push({ name: request.url().slice(at + 5), args: body ? (JSON.parse(body) as Record<string, unknown>) : {} });
  });
  return asked;
}

interface Fixtures {
  app: WebApp;
  downloadsDir: string;
}

/** Why the web suite cannot run here, or null when it can. */
function missingRuntime(): string | null {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (install Debian's chromium, or set FACTMARK_CHROMIUM)`;
  if (!existsSync('dist/server.mjs') || !existsSync('dist/renderer/index.html')) {
    return 'the app is not built (run `npm run build`; `npm test` does)';
  }
  return null;
}

export const test = base.extend<Fixtures, { browserInstance: Browser | null }>({
  browserInstance: [
    async ({}, use) => {
      if (missingRuntime()) return use(null);
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  // Each test gets a fresh store (seeded with the sample corpus) and its own server.
  app: async ({}, use) => {
    const storeDir = await mkdtemp(join(tmpdir(), 'factmark-e2e-'));
    const app = await startWebApp(storeDir);
    await use(app);
    await app.stop();
    await rm(storeDir, { recursive: true, force: true });
  },
  downloadsDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'factmark-downloads-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  page: async ({ browserInstance }, use, testInfo) => {
    const missing = missingRuntime();
    if (missing || !browserInstance) {
      // CI must run this suite: there a missing runtime is a failure, not a skip.
      if (process.env.CI) throw new Error(`e2e-web cannot run: ${missing ?? 'no browser'}`);
      console.log(`e2e-web skipped: ${missing ?? 'no browser'}`);
      testInfo.skip(true, missing ?? 'no browser');
      return;
    }
    const context = await browserInstance.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await use(page);
    await context.close();
    if (errors.length > 0) throw new Error(`The page threw: ${errors.join('; ')}`);
  },
});

export { expect } from '@playwright/test';
