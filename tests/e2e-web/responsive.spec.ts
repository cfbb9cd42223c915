import type { WebApp } from './web-fixture';
import { expect, test } from './web-fixture';

/** Calls the web mode's API as the page does. */
async function call(app: WebApp, name: string, args: object): Promise<unknown> {
  const response = await fetch(`${app.url}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const envelope = (await response.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error?.message}`);
  return envelope.result;
}

const MIXED = [
  'Statements from Baghdad',
  '',
  'وقع وزيرا الدفاع الإيراني والعراقي مذكرة تفاهم في طهران.',
  '',
  'The two ministers signed a memorandum in Tehran.',
].join('\n');

test('each paragraph reads in its own direction: an Arabic one right to left, an English one left to right', async ({
  page,
  app,
}) => {
  await call(app, 'import/files', {
    format: 'articles',
    files: [{ name: 'mixed.txt', content: Buffer.from(MIXED).toString('base64') }],
  });
  await page.goto(app.url);
  await page
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('button')
    .filter({ hasText: 'Statements from Baghdad' })
    .click();
  const arabic = page.locator('.cm-line').filter({ hasText: 'مذكرة تفاهم' });
  const english = page.locator('.cm-line').filter({ hasText: 'The two ministers' });
  await expect(arabic).toHaveAttribute('dir', 'auto');
  expect(await arabic.evaluate((line) => getComputedStyle(line).direction)).toBe('rtl');
  expect(await english.evaluate((line) => getComputedStyle(line).direction)).toBe('ltr');
  // The Arabic line starts at the right edge of the text column.
  const [line, content] = await Promise.all([
    arabic.evaluate((l) => {
      const range = document.createRange();
      range.selectNodeContents(l);
      return range.getBoundingClientRect().right;
    }),
    page.locator('.cm-content').evaluate((c) => c.getBoundingClientRect().right),
  ]);
  expect(content - line).toBeLessThan(40);
});
