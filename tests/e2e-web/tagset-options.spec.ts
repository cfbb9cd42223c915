import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './web-fixture';
import { annotationItems, details, saved, tag } from './page-helpers';

const SHOTS = process.env.FACTMARK_SHOTS;

test('a choice’s options are added, renamed, moved, recoloured and saved in the form; an option in use is kept', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await tag(page, '1', 'These hired terrorists');
  await details(page).getByLabel('Verdict').selectOption('false');
  await saved(page);

  await page.getByRole('button', { name: 'Tagset' }).click();
  const editor = page.getByRole('region', { name: 'Tagset' });
  const toggle = editor.getByRole('button', { name: 'Attributes of Claim' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const verdict = editor.getByRole('table', { name: 'Options of Claim Verdict' });
  await expect(verdict.getByRole('row').filter({ hasText: 'false' }).last()).toContainText('1 annotation');

  // An option in use is not removed: the form says how many annotations hold it.
  await editor.getByRole('button', { name: 'Remove option false of Claim Verdict' }).click();
  await expect(editor.getByRole('alert')).toHaveText(
    'Option "false" is kept: 1 annotation holds it. Change their Verdict first, or rename the option instead.',
  );
  await expect(verdict.getByRole('cell', { name: 'false', exact: true })).toBeVisible();

  // Add, rename (the label; the stored value stays), move up (by keyboard), recolour.
  const newOption = editor.getByLabel('New option of Claim Verdict');
  await newOption.fill('needs review');
  await newOption.press('Enter');
  await expect(newOption).toHaveValue('');
  await editor.getByLabel('Label of option needs review of Claim Verdict').fill('Needs a second look');
  await editor.getByRole('button', { name: 'Move option needs review of Claim Verdict up' }).focus();
  await page.keyboard.press('Enter');
  await editor.getByLabel('Colour of option needs review of Claim Verdict').fill('#d62728');
  // Renaming a used option keeps its value: nothing is orphaned.
  await editor.getByLabel('Label of option false of Claim Verdict').fill('False');
  if (SHOTS) {
    await page.screenshot({ path: `${SHOTS}/tagset-options-light.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: `${SHOTS}/tagset-options-dark.png`, fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
  }
  await editor.getByRole('button', { name: 'Save tagset' }).click();
  await saved(page);

  await page.reload();
  await annotationItems(page).first().click();
  const select = details(page).getByLabel('Verdict');
  await expect(select).toHaveValue('false');
  await expect(select.locator('option')).toHaveText([
    '—',
    'unverified',
    'true',
    'mostly true',
    'mixed',
    'mostly false',
    'False',
    'unverifiable',
    'Needs a second look',
    'opinion',
  ]);
  await select.selectOption({ label: 'Needs a second look' });
  await saved(page);
  await expect(select).toHaveValue('needs review');
  await expect(details(page).locator('.swatch')).toHaveCSS('background-color', 'rgb(214, 39, 40)');
});

test('attributes are added and removed with their default left unset; a draft that does not validate is not saved', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await tag(page, '1', 'These hired terrorists');
  await page.getByRole('button', { name: 'Tagset' }).click();
  const editor = page.getByRole('region', { name: 'Tagset' });
  await editor.getByRole('button', { name: 'Attributes of Claim' }).click();

  // A new yes/no attribute: its default stays unset, never "no".
  await editor.getByLabel('Id of a new attribute of Claim').fill('retracted');
  await editor.getByLabel('Label of a new attribute of Claim').fill('Retracted');
  await editor.getByLabel('Type of a new attribute of Claim').selectOption('boolean');
  await editor.getByRole('button', { name: 'Add attribute' }).click();
  await expect(editor.getByLabel('Default of Claim Retracted')).toHaveValue('');
  // A default picked and taken back is unset again.
  await editor.getByLabel('Default of Claim Claim type').selectOption('factual');
  await editor.getByLabel('Default of Claim Claim type').selectOption('');

  // An empty attribute label does not validate: the error says which, and nothing is saved.
  await editor.getByLabel('Label of attribute checkWorthy of Claim').fill('');
  await editor.getByRole('button', { name: 'Save tagset' }).click();
  await expect(page.getByRole('alert')).toContainText('kinds.0.attributes.1.label: must not be empty');
  await editor.getByLabel('Label of attribute checkWorthy of Claim').fill('Worth checking');
  await editor.getByRole('button', { name: 'Remove attribute claimType of Claim' }).click();
  await editor.getByRole('button', { name: 'Save tagset' }).click();
  await saved(page);

  await page.reload();
  await annotationItems(page).first().click();
  await expect(details(page).getByLabel('Retracted')).toHaveValue('');
  await expect(details(page).getByLabel('Worth checking')).toHaveValue('');
  await expect(details(page).getByLabel('Claim type')).toHaveCount(0);
});

test('a kind colour too faint for a theme, or confusable with another kind, is flagged in its row', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Tagset' }).click();
  const editor = page.getByRole('region', { name: 'Tagset' });
  const warnings = editor.locator('.colour-warnings');
  await expect(editor.getByLabel('Colour of Claim')).toBeVisible();
  await expect(warnings).toHaveCount(0);

  await editor.getByLabel('Colour of Speaker').fill('#ffd700');
  await expect(editor.getByLabel('Colour of Speaker')).toHaveAccessibleDescription(
    /^Too faint on the light background: 1\.\d:1, below 3:1$/,
  );
  await editor.getByLabel('Colour of Claim').fill('#d62728');
  await editor.getByLabel('Colour of Event').fill('#2ca02c');
  await expect(editor.getByLabel('Colour of Claim')).toHaveAccessibleDescription(
    /Hard to tell from Event with (protanopia|deuteranopia)/,
  );
  await expect(editor.getByLabel('Colour of Event')).toHaveAccessibleDescription(
    /Hard to tell from Claim with (protanopia|deuteranopia)/,
  );
  await expect(warnings.filter({ hasText: 'Hard to tell from Event' })).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/tagset-colour-warnings.png`, fullPage: true });
  await editor.getByRole('button', { name: 'Reset' }).click();
  await expect(warnings).toHaveCount(0);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the open attribute and option forms, with colour warnings, pass an axe scan in ${scheme} mode`, async ({
    page,
    app,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Tagset' }).click();
    const editor = page.getByRole('region', { name: 'Tagset' });
    await editor.getByRole('button', { name: 'Attributes of Claim' }).click();
    await editor.getByRole('button', { name: 'Attributes of Event' }).click();
    await editor.getByLabel('Colour of option false of Claim Verdict').fill('#d62728');
    await editor.getByLabel('Colour of Speaker').fill('#ffd700');
    await editor.getByLabel('New option of Claim Verdict').fill('mixed');
    await expect(editor.getByRole('alert')).toHaveText('Verdict already has an option "mixed"');
    await expect(editor.locator('.options-editor td.meta').first()).not.toHaveText('…');
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .include('.tagset-editor')
      .analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      'serious or critical axe violations',
    ).toEqual([]);
  });
}
