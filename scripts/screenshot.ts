// `npx tsx scripts/screenshot.ts [out.png]`: the README's screenshot — the
// sample corpus with a few annotations, taken in headless Chromium.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { dispatch } from '../annotations/dispatch';
import { appPaths, findAppRoot } from '../annotations/node/app-paths';
import { startWebServer } from '../annotations/node/http-server';
import { openWorkspace } from '../annotations/node/workspace';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e-web/web-fixture';
import { REVIEW_ANNOTATORS, REVIEW_ARTICLE, colleagueBundle } from '../tests/support/review-layers';

const out = process.argv[2] ?? 'docs/screenshot.png';
const paths = appPaths(findAppRoot(process.cwd()));
const storeDir = await mkdtemp(join(tmpdir(), 'factmark-shot-'));
const { repo, handlers } = await openWorkspace({ storeDir, annotator: 'alice', sampleDir: paths.sampleDir });
const article = await repo.getArticle('000_0032acaf3c30b9bc');

async function call(name: string, args: unknown): Promise<string> {
  const envelope = await dispatch(handlers, name, args);
  if (!envelope.ok) throw new Error(envelope.error.message);
  return (envelope.result as { value: { id: string } }).value.id;
}

async function tag(
  quote: string,
  kind: string,
  attributes: Record<string, string | boolean>,
  nth = 0,
  entityId?: string,
): Promise<string> {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = article.text.indexOf(quote, start + 1);
  return call('annotations/create', {
    articleId: article.id,
    kind,
    start,
    end: start + quote.length,
    quote,
    attributes,
    entityId,
  });
}

const dehqan = await call('entities/create', {
  name: 'Hossein Dehqan',
  type: 'person',
  aliases: ['General Dehqan'],
  externalId: null,
});
const obeidi = await call('entities/create', {
  name: 'Khaled al-Obeidi',
  type: 'person',
  aliases: ['Khalid al-Obeidi'],
  externalId: null,
});

const hired = await tag(
  '"These hired terrorists (ISIL) are pursuing the interests of the US and Israel in the region,"',
  'claim',
  { verdict: 'opinion', claimType: 'opinion' },
);
const general = await tag('General Dehqan', 'speaker', {}, 0, dehqan);
await tag('a joint press conference', 'event', { eventType: 'statement' });
await tag('Khalid al-Obeidi', 'speaker', {}, 0, obeidi);
await tag('Tehran', 'place', {});
await tag(
  'Iran and Iraq signed a memorandum of understanding (MoU) to broaden defense cooperation between the two Muslim neighboring states',
  'claim',
  { verdict: 'true', checkWorthy: true },
);
await tag('signed', 'event', { eventType: 'agreement signing' });
const quote = await tag(
  '"We do not see any other option than cooperation and being on the same side (with Iran) to uproot the terrorists,"',
  'claim',
  { verdict: 'opinion', claimType: 'opinion' },
);
const speaker = await tag('al-Obeidi', 'speaker', {}, 2, obeidi);
await call('relations/create', {
  articleId: article.id,
  type: 'said-by',
  from: hired,
  to: { kind: 'annotation', id: general },
});
await call('relations/create', {
  articleId: article.id,
  type: 'said-by',
  from: quote,
  to: { kind: 'annotation', id: speaker },
});

// The 2017 MoU signing, reported by two articles.
const mou = await call('events/create', {
  title: 'Iran–Iraq defence MoU signed in Tehran',
  type: 'agreement signing',
  date: '2017-07-23',
  place: 'Tehran',
  participants: [dehqan],
});
for (const [articleId, trigger, claimText] of [
  [
    '002_7feab6871f0e57f9',
    'signed',
    'Iran and Iraq signed a memorandum of understanding (MoU) to boost their defense and military cooperation.',
  ],
  [
    '004_74bfdcc74ec9356c',
    'signed',
    'Iran and Iraq signed an agreement on Sunday to boost cooperation in a host of military fields',
  ],
] as const) {
  const other = await repo.getArticle(articleId);
  const at = other.text.indexOf(trigger);
  const mention = await call('annotations/create', {
    articleId,
    kind: 'event',
    start: at,
    end: at + trigger.length,
    quote: trigger,
    attributes: { eventType: 'agreement signing' },
    eventId: mou,
  });
  // Its agent, as each report gives it: the Iranian minister.
  await call('relations/create', { articleId, type: 'agent', from: mention, to: { kind: 'entity', id: dehqan } });
  const c = other.text.indexOf(claimText);
  await call('annotations/create', {
    articleId,
    kind: 'claim',
    start: c,
    end: c + claimText.length,
    quote: claimText,
    attributes: { verdict: 'true', checkWorthy: true },
  });
}

// Three colleagues' layers on article 001, for the review and dashboard pictures.
const reviewed = await repo.getArticle(REVIEW_ARTICLE);
const bundles = REVIEW_ANNOTATORS.map((name) => ({
  name: `${name}.json`,
  content: Buffer.from(JSON.stringify(colleagueBundle(name, reviewed))).toString('base64'),
}));
const imported = await dispatch(handlers, 'import/files', { format: 'bundle', files: bundles });
if (!imported.ok) throw new Error(imported.error.message);

const { server, url } = await startWebServer({ handlers, staticDir: paths.rendererDir });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(url);
  await page
    .getByRole('region', { name: 'Annotations' })
    .getByRole('button')
    .filter({ hasText: 'These hired terrorists' })
    .click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
  // The same view in dark mode, in a 1024×700 window, and at 200 % zoom (a 1400×900 window's CSS size halved).
  const variants: [string, { width: number; height: number }, 'light' | 'dark'][] = [
    ['-dark', { width: 1400, height: 860 }, 'dark'],
    ['-narrow', { width: 1024, height: 700 }, 'light'],
    ['-narrow-dark', { width: 1024, height: 700 }, 'dark'],
  ];
  for (const [suffix, size, scheme] of variants) {
    await page.setViewportSize(size);
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(300);
    await page.screenshot({ path: out.replace(/\.png$/, `${suffix}.png`) });
  }
  const zoomed = await browser.newPage({ viewport: { width: 700, height: 450 }, deviceScaleFactor: 2 });
  await zoomed.emulateMedia({ colorScheme: 'dark' });
  await zoomed.goto(url);
  await zoomed.locator('.fm-structure-layer .fm-arc').first().waitFor();
  await zoomed.screenshot({ path: out.replace(/\.png$/, '-zoom-dark.png') });
  await zoomed.close();
  await page.setViewportSize({ width: 1400, height: 860 });
  await page.emulateMedia({ colorScheme: 'light' });
  console.log(`wrote its dark, narrow and zoomed variants`);
  const eventShot = out.replace(/\.png$/, '-event.png');
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByRole('navigation', { name: 'Events' }).getByRole('button').first().click();
  await page.getByRole('region', { name: 'Event' }).getByRole('article').first().waitFor();
  await page.screenshot({ path: eventShot });
  console.log(`wrote ${eventShot}`);

  // Four layers on one article: each colleague's labels name them, their marks are dashed, gold has a gold rule.
  const layersShot = out.replace(/\.png$/, '-layers.png');
  await page.getByRole('tab', { name: 'Articles' }).click();
  await page.getByRole('navigation', { name: 'Articles' }).getByRole('button').nth(1).click();
  await page.locator('.fm-structure-layer .fm-label-other').first().waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: layersShot });
  console.log(`wrote ${layersShot}`);

  const reviewShot = out.replace(/\.png$/, '-review.png');
  await page.getByRole('button', { name: 'Review' }).click();
  // The review page loads on first use: keys pressed before it is there would go nowhere.
  await page
    .getByRole('region', { name: 'Review' })
    .getByText(/differences decided/)
    .waitFor();
  await page.keyboard.press('j');
  await page.keyboard.press('1');
  await page.keyboard.press('j');
  await page.getByRole('region', { name: 'Review' }).getByText('1 of 4 differences decided').waitFor();
  await page.screenshot({ path: reviewShot });
  console.log(`wrote ${reviewShot}`);

  const dashboardShot = out.replace(/\.png$/, '-dashboard.png');
  await page.getByRole('button', { name: 'Agreement' }).click();
  await page.getByRole('figure').first().locator('canvas').first().waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: dashboardShot });
  await page.getByRole('table', { name: 'Span agreement per pair' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: dashboardShot.replace(/\.png$/, '-figures.png') });
  console.log(`wrote ${dashboardShot}`);
  if (process.env.FACTMARK_SHOT_HOLD) {
    console.log(`holding ${url}`);
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.FACTMARK_SHOT_HOLD)));
  }
} finally {
  await browser.close();
  server.close();
  await rm(storeDir, { recursive: true, force: true });
}
