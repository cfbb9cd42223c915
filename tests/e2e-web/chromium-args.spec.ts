// The headless Chromium that every web test and the benchmark run in: the
// switches given to it keep Playwright's own choices, and it spends the
// processor on the page under test, not on pages of its own nobody sees.
import { chromium } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS, expect, test } from './web-fixture';

/** The features named by each `--disable-features` switch, in order. */
function disabledFeatureLists(argv: readonly string[]): string[][] {
  const prefix = '--disable-features=';
  return argv.filter((a) => a.startsWith(prefix)).map((a) => a.slice(prefix.length).split(','));
}

// Both ask for `page`, so that they are skipped, and say why, where the web suite cannot run.
test("the one --disable-features Chromium reads keeps every feature Playwright's own launch disables", async ({
  page,
}) => {
  expect(page).toBeTruthy();
  const server = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const lists = disabledFeatureLists(server.process().spawnargs);
    // Playwright's own switch first, ours last: Chromium reads only the last one.
    expect(lists.length).toBeGreaterThanOrEqual(2);
    const read = lists.at(-1)!;
    const dropped = lists.slice(0, -1).flatMap((list) => list.filter((feature) => !read.includes(feature)));
    expect(dropped, 'features Playwright disables that CHROMIUM_ARGS would turn back on').toEqual([]);
  } finally {
    await server.close();
  }
});

test('a new window opens no page of the browser’s own beside the page under test', async ({
  page,
  browserInstance,
}) => {
  await page.goto('data:text/html,<p>under test</p>');
  await expect(page.locator('p')).toHaveText('under test');
  const session = await browserInstance!.newBrowserCDPSession();
  // The browser's own pages are created with the window, before its first page is loaded.
  const { targetInfos } = (await session.send('Target.getTargets', { filter: [{}] })) as {
    targetInfos: { type: string; url: string }[];
  };
  await session.detach();
  const own = targetInfos.filter((t) => t.url.startsWith('chrome://')).map((t) => `${t.type} ${t.url}`);
  expect(own).toEqual([]);
});
