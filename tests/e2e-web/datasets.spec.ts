import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './web-fixture';
import { tag } from './page-helpers';

test('imports files chosen or dropped on the window, with a report per file, and the new articles open', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(page.getByRole('navigation', { name: 'Articles' }).getByRole('button')).toHaveCount(5);

  // Dropped on the window.
  const drop = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File(['Dropped headline\n\nDropped body 👍.'], 'dropped.txt', { type: 'text/plain' }));
    data.items.add(new File([new Uint8Array([0, 1, 2])], 'blob.txt'));
    return data;
  });
  await page.locator('.app').dispatchEvent('drop', { dataTransfer: drop });
  const dialog = page.getByRole('dialog', { name: 'Import' });
  await expect(dialog).toContainText('2 file(s) chosen');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  const report = dialog.getByRole('list', { name: 'Import report' });
  await expect(report).toContainText('dropped.txt: imported 1');
  await expect(report).toContainText('blob.txt: nothing imported');
  await expect(report).toContainText('skipped: binary file (it contains NUL bytes)');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('navigation', { name: 'Articles' }).getByRole('button')).toHaveCount(6);

  // Chosen with the Import… button: an HTML page, a JSONL batch with a bad line, and a duplicate.
  await page.getByRole('button', { name: 'Import…' }).click();
  await dialog.getByLabel('Files to import').setInputFiles([
    {
      name: 'page.html',
      mimeType: 'text/html',
      buffer: Buffer.from('<title>A web page</title><nav>Menu</nav><p>Readable &amp; kept.</p><script>bad()</script>'),
    },
    {
      name: 'batch.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from('{"title":"Line one","text":"First."}\n{nope\n'),
    },
    { name: 'again.txt', mimeType: 'text/plain', buffer: Buffer.from('Dropped headline\n\nDropped body 👍.') },
  ]);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(report).toContainText('page.html: imported 1');
  await expect(report).toContainText('malformed line 2');
  await expect(report).toContainText('again.txt: nothing imported; 1 already in the store');
  await page.screenshot({ path: 'test-results/import-report.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page
    .getByRole('navigation', { name: 'Articles' })
    .getByRole('button')
    .filter({ hasText: 'A web page' })
    .click();
  await expect(page.locator('.cm-content')).toHaveText('Readable & kept.');
});

test('exports brat as a zip of .txt, .ann, annotation.conf and visual.conf', async ({ page, app, downloadsDir }) => {
  await page.goto(app.url);
  await tag(page, '2', 'General Dehqan');
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByLabel('Format').selectOption('brat');
  await dialog.getByRole('radio', { name: 'My layer (alice)' }).check();
  await dialog.getByLabel('Only the open article').check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const path = join(downloadsDir, download.suggestedFilename());
  await download.saveAs(path);
  const files = unzipSync(new Uint8Array(await readFile(path)));
  const names = Object.keys(files).map((n) => n.split('/').pop());
  expect(names.sort()).toEqual([
    '000_0032acaf3c30b9bc.ann',
    '000_0032acaf3c30b9bc.txt',
    'annotation.conf',
    'visual.conf',
  ]);
  const ann = strFromU8(files[Object.keys(files).find((n) => n.endsWith('.ann'))!]!);
  const [, offsets, quote] = ann.trim().split('\t') as [string, string, string];
  const [start, end] = offsets.split(' ').slice(1).map(Number) as [number, number];
  const txt = strFromU8(files[Object.keys(files).find((n) => n.endsWith('.txt'))!]!);
  expect(Array.from(txt).slice(start, end).join('')).toBe(quote);
  expect(quote).toBe('General Dehqan');
});
