import { callApi } from './web-api';
import type { Page } from '@playwright/test';
import { expect, test } from './web-fixture';
import { details, saved, tag } from './page-helpers';
import { expectNoSeriousViolations } from './axe-scan';

/** A claim with a verdict said by a speaker linked to an entity, and an event linked to an event record. */
async function annotate(page: Page): Promise<void> {
  await tag(page, '1', 'These hired terrorists');
  await details(page).getByLabel('Verdict').selectOption('false');
  await tag(page, '2', 'General Dehqan');
  await details(page).getByRole('button', { name: 'Create entity “General Dehqan”' }).click();
  await tag(page, '3', 'a joint press conference');
  await details(page).getByLabel('New event title').fill('Joint press conference, Tehran');
  await details(page).getByRole('button', { name: 'New event record' }).click();
  await saved(page);
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} mode`, () => {
    test.beforeEach(async ({ page, app }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(app.url);
      await annotate(page);
    });

    test('the editor, the tagset page with an error toast, the guidelines, entity and event pages', async ({
      page,
    }) => {
      await expectNoSeriousViolations(page, 'editor');
      await page.getByRole('button', { name: 'Tagset' }).click();
      await expect(page.getByRole('region', { name: 'Tagset' })).toBeVisible();
      await expectNoSeriousViolations(page, 'tagset page');
      await page.getByRole('region', { name: 'Tagset' }).getByLabel('Hotkey of Event').fill('1');
      await page.getByRole('button', { name: 'Save tagset' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'used by more than one kind' })).toBeVisible();
      await expectNoSeriousViolations(page, 'error toast');
      await page.getByRole('button', { name: 'Guidelines' }).click();
      await expect(page.getByRole('region', { name: 'Guidelines' }).locator('article')).toBeVisible();
      await expectNoSeriousViolations(page, 'guidelines page');
      await page.getByRole('tab', { name: 'Entities' }).click();
      await page.getByRole('navigation', { name: 'Entities' }).getByRole('button').first().click();
      await expect(page.getByRole('region', { name: 'Entity' })).toBeVisible();
      await expectNoSeriousViolations(page, 'entity page');
      await page.getByRole('tab', { name: 'Events' }).click();
      await page.getByRole('navigation', { name: 'Events' }).getByRole('button').first().click();
      await expect(page.getByRole('region', { name: 'Event' })).toBeVisible();
      await expectNoSeriousViolations(page, 'event page');
    });

    test('the review page and the agreement dashboard', async ({ page }) => {
      await page.getByRole('button', { name: 'Review' }).click();
      await expect(page.locator('.editor-column')).not.toBeEmpty();
      await expectNoSeriousViolations(page, 'review page');
      await page.getByRole('button', { name: 'Agreement' }).click();
      await expect(
        page.locator('.editor-column canvas, .editor-column svg, .editor-column table').first(),
      ).toBeVisible();
      await expectNoSeriousViolations(page, 'agreement dashboard');
    });

    test('a team project: the lead’s article list with assignments and ticked rows, the team in the settings, progress against assignments', async ({
      page,
      app,
    }) => {
      const ids = (await callApi<{ id: string }[]>(app, 'articles/list', {})).map((a) => a.id);
      await callApi(app, 'team/member', { name: 'alice', role: 'lead' });
      await callApi(app, 'team/assign', { annotator: 'alice', articleIds: ids.slice(0, 2), assigned: true });
      await callApi(app, 'team/assign', { annotator: 'bob', articleIds: ids.slice(1, 4), assigned: true });
      await callApi(app, 'documentLabels/set', { articleId: ids[0], done: true });
      await page.reload();
      const list = page.getByRole('navigation', { name: 'Articles' });
      await expect(list.getByTestId('assigned-progress')).toHaveText('1 of 2 assigned done');
      await list
        .getByRole('checkbox', { name: /^Select “/ })
        .nth(1)
        .check();
      await expect(list.getByRole('group', { name: 'Assign articles' })).toContainText('1 selected');
      await expectNoSeriousViolations(page, 'article list with assignments');
      await page.getByRole('button', { name: 'alice…' }).click();
      await expect(page.getByRole('dialog', { name: 'Settings' }).getByLabel('Role of bob')).toBeVisible();
      await expectNoSeriousViolations(page, 'settings with the team');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Agreement' }).click();
      await expect(page.getByRole('table', { name: 'Progress per annotator' })).toBeVisible();
      await expectNoSeriousViolations(page, 'dashboard with assignments');
    });

    test('every dialog (Import, Export, Settings, Team project, shortcuts, the kind picker) and a toast', async ({
      page,
    }) => {
      const dialogs: [string, () => Promise<void>][] = [
        ['Import', () => page.getByRole('button', { name: 'Import…' }).click()],
        ['Export', () => page.getByRole('button', { name: 'Export…' }).click()],
        ['Settings', () => page.getByRole('button', { name: 'alice…' }).click()],
        [
          'Team project',
          () => page.locator('.sync-control').getByRole('button', { name: 'Sync', exact: true }).click(),
        ],
        ['Keyboard shortcuts', () => page.keyboard.press('?')],
        ['Tag as', () => page.keyboard.press('/')],
      ];
      for (const [name, open] of dialogs) {
        await page.locator('.cm-content').focus();
        await open();
        const dialog = page.getByRole('dialog', { name });
        await expect(dialog).toBeVisible();
        // The page behind it was scanned as it is in the first test; what opening adds is the dialog.
        await expectNoSeriousViolations(page, `${name} dialog`, '[role="dialog"]');
        await page.keyboard.press('Escape');
        await expect(dialog).toHaveCount(0);
      }
      await page.locator('.cm-content').focus();
      await page.keyboard.press('Escape');
      await page.keyboard.press('1');
      await expect(page.locator('.toast-stack .toast.info')).toBeVisible();
      await expectNoSeriousViolations(page, 'information toast', '.toast-stack');
    });
  });
}
