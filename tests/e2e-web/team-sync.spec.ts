import { callApi } from './web-api';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import type { Entity } from '../../annotations/model';
import type { Tagset } from '../../annotations/tagset';
import { gitUnavailableReason, startGitServer } from '../support/git-server';
import type { GitTestServer } from '../support/git-server';
import { expectNoSeriousViolations } from './axe-scan';
import { openArticle, saved, tag } from './page-helpers';
import type { WebApp } from './web-fixture';
import { CHROMIUM, CHROMIUM_ARGS, expect, startWebApp, test } from './web-fixture';
import { chromium } from '@playwright/test';

const unavailable = gitUnavailableReason();
if (unavailable) console.log(`team sync e2e skipped: ${unavailable}`);

const credentials = { username: 'team', password: 'pa55-w0rd-secret' };

const syncStatus = (page: Page) => page.getByTestId('sync-status');
const dialog = (page: Page) => page.getByRole('dialog', { name: 'Team project' });

async function fillCredentials(form: ReturnType<Page['getByRole']>): Promise<void> {
  await form.getByLabel('User name').fill(credentials.username);
  await form.getByLabel('Password or access token').fill(credentials.password);
}

/** Clicks Sync and waits for the top bar to say the project is synced. */
async function syncAndWait(page: Page): Promise<void> {
  await page.locator('.sync-control').getByRole('button', { name: 'Sync', exact: true }).click();
  await expect(syncStatus(page)).toHaveText('Synced');
}

/**
 * A lead and an annotator, each in their own web mode over their own store,
 * share a project through a loopback git server: publish and clone in the
 * app, a colleague's work arriving with the Sync button, and conflicts on an
 * entity and on the tagset shown side by side and resolved in the dialog.
 */
test.describe('a team project synced from the app', () => {
  test.skip(unavailable !== null, unavailable ?? '');

  let server: GitTestServer;
  let temp: string;
  let lead: WebApp;
  let ana: WebApp;
  let browser: Browser;

  test.beforeAll(async () => {
    server = await startGitServer({ auth: credentials });
    temp = await mkdtemp(join(tmpdir(), 'factmark-team-e2e-'));
    lead = await startWebApp(join(temp, 'lead'), 'lead');
    ana = await startWebApp(join(temp, 'ana', 'store'), 'ana');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  test.afterAll(async () => {
    await browser?.close();
    await lead?.stop();
    await ana?.stop();
    await server?.close();
    await rm(temp, { recursive: true, force: true });
  });

  test('publish, clone, sync, and resolve conflicts on an entity and on the tagset', async ({ page }) => {
    test.setTimeout(180_000);
    const url = server.url('project');
    const anaPage = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    const errors: string[] = [];
    anaPage.on('pageerror', (error) => errors.push(error.message));

    // The lead publishes the sample corpus from the dialog.
    await page.goto(lead.url);
    await expect(syncStatus(page)).toHaveText('Not shared');
    await page.locator('.sync-control').getByRole('button', { name: 'Sync', exact: true }).click();
    const publish = dialog(page).getByRole('form', { name: 'Publish this store' });
    // A remote out of reach: the dialog says why, and the store stays unshared.
    await publish.getByLabel('URL of an empty repository').fill('http://127.0.0.1:9/project.git');
    await publish.getByRole('button', { name: 'Publish' }).click();
    await expect(page.getByTestId('sync-outcome')).toContainText('Cannot reach the remote');
    await expect(page.getByTestId('sync-outcome')).toContainText('nothing was lost');
    await expect(syncStatus(page)).toHaveText('Not shared');
    await publish.getByLabel('URL of an empty repository').fill(url);
    await fillCredentials(publish);
    await publish.getByRole('button', { name: 'Publish' }).click();
    await expect(page.getByTestId('sync-outcome')).toContainText('was published to');
    await expect(dialog(page).getByText('kept until Factmark stops')).toBeVisible();
    await dialog(page).getByRole('button', { name: 'Close' }).click();
    await expect(syncStatus(page)).toHaveText('Synced');

    // Ana joins: the clone opens in place of her own store.
    await anaPage.goto(ana.url);
    await anaPage.locator('.sync-control').getByRole('button', { name: 'Sync', exact: true }).click();
    const clone = dialog(anaPage).getByRole('form', { name: 'Clone a project' });
    await clone.getByLabel('URL of the project’s repository').fill(url);
    await fillCredentials(clone);
    await clone.getByRole('button', { name: 'Clone and open' }).click();
    // The page reloads on the clone.
    await expect(syncStatus(anaPage)).toHaveText('Synced');
    await expect(anaPage.getByRole('navigation', { name: 'Articles' }).getByRole('button')).toHaveCount(5);

    // A colleague's work comes in with the Sync button, into the open page.
    await callApi(lead, 'entities/create', { id: 'e-minister', name: 'Hossein Dehghan', type: 'person' });
    await syncAndWait(page);
    await syncAndWait(anaPage);
    await expect
      .poll(async () => (await callApi<Entity[]>(ana, 'entities/list', {})).map((e) => e.name))
      .toContain('Hossein Dehghan');

    // Both rename the entity differently: Ana's sync stops on a conflict and shows both versions.
    await callApi(lead, 'entities/update', { id: 'e-minister', name: 'Hossein Dehqan' });
    await callApi(ana, 'entities/update', { id: 'e-minister', name: 'Hossein Dehghan (minister)' });
    await syncAndWait(page);
    await anaPage.locator('.sync-control').getByRole('button', { name: 'Sync', exact: true }).click();
    await expect(syncStatus(anaPage)).toHaveText('1 conflict to resolve');
    const card = dialog(anaPage).locator('.conflict-card[data-conflict="entity/e-minister"]');
    await expect(card).toContainText('entity "Hossein Dehghan (minister)": changed differently on both sides');
    const nameRow = card.locator('tr.differs').filter({ has: anaPage.locator('th', { hasText: /^name$/ }) });
    await expect(nameRow.locator('td').nth(0)).toHaveText('Hossein Dehghan (minister)');
    await expect(nameRow.locator('td').nth(1)).toHaveText('Hossein Dehqan');
    await anaPage.screenshot({ path: '.test-output/team-sync-entity-conflict.png' });
    await expectNoSeriousViolations(anaPage, 'conflicts side by side');
    // Nothing changed in the store while the conflict waits.
    expect((await callApi<Entity[]>(ana, 'entities/list', {})).find((e) => e.id === 'e-minister')?.name).toBe(
      'Hossein Dehghan (minister)',
    );
    const apply = dialog(anaPage).getByRole('button', { name: 'Apply the choices and sync' });
    await expect(apply).toBeDisabled();
    await card.getByLabel('Take the project’s version').check();
    await apply.click();
    await expect(anaPage.getByTestId('sync-outcome')).toContainText('merged with your colleagues’');
    await expect(syncStatus(anaPage)).toHaveText('Synced');
    expect((await callApi<Entity[]>(ana, 'entities/list', {})).find((e) => e.id === 'e-minister')?.name).toBe(
      'Hossein Dehqan',
    );
    await dialog(anaPage).getByRole('button', { name: 'Close' }).click();

    // The lead removes the kind "date" from the tagset; Ana, offline, tags a date with it.
    const { tagset } = await callApi<{ tagset: Tagset }>(lead, 'store/status', {});
    const withoutDate: Tagset = {
      ...tagset,
      kinds: tagset.kinds.filter((k) => k.kind !== 'date'),
      relations: tagset.relations.filter((r) => r.type !== 'time'),
    };
    await callApi(lead, 'tagset/update', { tagset: withoutDate });
    await syncAndWait(page);
    await openArticle(anaPage, 'Iran and Iraq signed');
    await tag(anaPage, '7', 'Sunday');
    await saved(anaPage);
    await anaPage.locator('.sync-control').getByRole('button', { name: 'Sync', exact: true }).click();
    await expect(syncStatus(anaPage)).toHaveText('1 conflict to resolve');
    const kindCard = dialog(anaPage).locator('.conflict-card[data-conflict="tagset-use/kind/date"]');
    await expect(kindCard).toContainText('kind "date" was removed or changed');
    await expect(kindCard.locator('.conflict-records')).toContainText('ana’s date “Sunday”');
    await anaPage.screenshot({ path: '.test-output/team-sync-tagset-conflict.png' });
    await kindCard.getByLabel('Keep the kind “date” in the tagset').check();
    await dialog(anaPage).getByRole('button', { name: 'Apply the choices and sync' }).click();
    await expect(syncStatus(anaPage)).toHaveText('Synced');

    // The lead's next sync brings the kind back with Ana's date.
    await syncAndWait(page);
    const after = await callApi<{ tagset: Tagset }>(lead, 'store/status', {});
    expect(after.tagset.kinds.map((k) => k.kind)).toContain('date');
    await page.reload();
    await openArticle(page, 'Iran and Iraq signed');
    await expect(page.getByRole('region', { name: 'Layers' })).toContainText('ana');
    expect(errors).toEqual([]);
  });
});
