import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, startWebApp, test } from './web-fixture';
import { expectMarked } from './page-helpers';
import { selectWithKeyboard, selectWithMouse } from './text-geometry';

interface ExportedArticle {
  id: string;
  text: string;
  annotations: {
    kind: string;
    start: number;
    end: number;
    quote: string;
    annotator: string;
    attributes: Record<string, unknown>;
    entityId: string | null;
  }[];
  entities: { id: string; name: string }[];
}

async function articleText(page: Page): Promise<string> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.cm-content .cm-line'), (line) => line.textContent ?? '').join('\n'),
  );
}

async function offsetOf(page: Page, needle: string): Promise<[number, number]> {
  const text = await articleText(page);
  const start = text.indexOf(needle);
  expect(start, `"${needle}" is in the article`).toBeGreaterThanOrEqual(0);
  return [start, start + needle.length];
}

const saved = (page: Page) => expect(page.getByTestId('save-state')).toHaveText('All changes saved');

test('tags a claim, a speaker and an event, edits them, finds them after a reload and a restart, and exports them', async ({
  page,
  app,
  downloadsDir,
}) => {
  await page.goto(app.url);
  const articles = page.getByRole('navigation', { name: 'Articles' }).getByRole('button');
  await expect(articles).toHaveCount(5);
  await articles.filter({ hasText: 'ISIS pursuing US and Israel interests' }).click();
  await expect(page.locator('.cm-content')).toContainText('These hired terrorists');

  // A claim, selected with the mouse.
  const claim = '"These hired terrorists (ISIL) are pursuing the interests of the US and Israel in the region,"';
  await selectWithMouse(page, ...(await offsetOf(page, claim)));
  await page.keyboard.press('1');
  await expect(page.locator('.fm-mark-claim').first()).toContainText('These hired terrorists');

  // A speaker, selected with the keyboard.
  await selectWithKeyboard(
    page,
    ...((await offsetOf(page, 'General Dehqan said')).map((n, i) => (i === 1 ? n - ' said'.length : n)) as [
      number,
      number,
    ]),
  );
  await page.keyboard.press('2');
  await expectMarked(page, 'speaker', 'General Dehqan');

  // An event, selected with the keyboard.
  await selectWithKeyboard(page, ...(await offsetOf(page, 'a joint press conference')));
  await page.keyboard.press('3');
  await expect(page.locator('.fm-mark-event').first()).toHaveText('a joint press conference');

  const list = page.getByRole('region', { name: 'Annotations' });
  await expect(list.getByRole('button')).toHaveCount(3);

  // Edit each one in the details panel.
  const details = page.getByRole('region', { name: 'Details' });
  await list.getByRole('button').filter({ hasText: 'These hired terrorists' }).click();
  // Nothing is chosen for a new claim: its values are unset, shown as "—", not "no" or a default.
  await expect(details.getByLabel('Verdict')).toHaveValue('');
  await expect(details.getByLabel('Check-worthy')).toHaveValue('');
  await details.getByLabel('Verdict').selectOption('false');
  await details.getByLabel('Check-worthy').selectOption('yes');
  await list.getByRole('button').filter({ hasText: 'General Dehqan' }).click();
  await details.getByLabel('Entity (normalised name)').fill('Hossein Dehqan');
  await details.getByRole('button', { name: 'Create entity “Hossein Dehqan”' }).click();
  await expect(details.getByRole('button', { name: 'Hossein Dehqan' })).toBeVisible();
  await list.getByRole('button').filter({ hasText: 'a joint press conference' }).click();
  await details.getByLabel('Event type').selectOption('meeting');
  await saved(page);

  // Reload: everything is there.
  await page.reload();
  await expect(list.getByRole('button')).toHaveCount(3);
  await expect(list.getByRole('button').filter({ hasText: 'These hired terrorists' })).toContainText('false');
  await expect(list.getByRole('button').filter({ hasText: 'General Dehqan' })).toContainText('Hossein Dehqan');
  await expect(list.getByRole('button').filter({ hasText: 'a joint press conference' })).toContainText('meeting');

  // Quit and start again on the same store: still there.
  await app.stop();
  const again = await startWebApp(app.storeDir);
  try {
    await page.goto(again.url);
    await articles.filter({ hasText: 'ISIS pursuing US and Israel interests' }).click();
    await expect(list.getByRole('button')).toHaveCount(3);
    await list.getByRole('button').filter({ hasText: 'These hired terrorists' }).click();
    await expect(details.getByLabel('Verdict')).toHaveValue('false');
    await expect(details.getByLabel('Check-worthy')).toHaveValue('yes');

    // Export the whole store and read the file.
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByLabel('Format').selectOption('jsonl');
    await dialog.getByRole('radio', { name: 'All layers, each kept apart and named' }).check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^factmark-jsonl-.*\.jsonl$/);
    const file = join(downloadsDir, download.suggestedFilename());
    await download.saveAs(file);
    const lines = (await readFile(file, 'utf8'))
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as ExportedArticle);
    expect(lines).toHaveLength(5);
    const first = lines.find((l) => l.id === '000_0032acaf3c30b9bc')!;
    const byKind = Object.fromEntries(first.annotations.map((a) => [a.kind, a]));
    expect(byKind.claim).toMatchObject({
      quote: claim,
      annotator: 'alice',
      attributes: { verdict: 'false', checkWorthy: true },
    });
    expect(byKind.speaker).toMatchObject({ quote: 'General Dehqan' });
    expect(first.entities.find((e) => e.id === byKind.speaker?.entityId)?.name).toBe('Hossein Dehqan');
    expect(byKind.event).toMatchObject({ quote: 'a joint press conference', attributes: { eventType: 'meeting' } });
    for (const a of first.annotations) expect(first.text.slice(a.start, a.end)).toBe(a.quote);
  } finally {
    await again.stop();
  }
});
