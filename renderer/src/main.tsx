// The entry: kept to a few kilobytes, so it runs as soon as the page does.
// It asks for what the first paint shows and draws it as plain DOM when the
// answers come (first-paint/first-paint.ts); then it loads and starts the
// app, which replaces that drawing with its own first frame.
import { articleInAddress } from './article-address';
import { pickClient } from './client/pick-client';
import { createPrefetchingClient, firstPaintRequests } from './client/prefetch-client';
import { drawFirstPaint } from './first-paint/first-paint';

/** How long the app waits for the first paint's answers before it starts without it. */
const FIRST_PAINT_WAIT_MS = 250;

const articleId = articleInAddress(window.location.hash);
const client = createPrefetchingClient(pickClient(window), firstPaintRequests(articleId));
const root = document.getElementById('root');

/** Settles once the first paint is on screen, or once it is clear there will be none soon. */
function firstPaint(): Promise<void> {
  if (!articleId || !root) return Promise.resolve();
  const answers = Promise.all([
    client.peek('articles/get', { articleId }),
    client.peek('annotations/list', { articleId }),
    client.peek('store/status', {}),
  ]);
  const drawn = answers.then(([article, layer, status]) => {
    if (!article || !layer || !status || root.childElementCount > 0) return;
    drawFirstPaint(root, { article, layer, status });
    // The animation callback runs before the frame is painted; the task it queues, after.
    return new Promise<void>((painted) => requestAnimationFrame(() => setTimeout(painted)));
  });
  const late = new Promise<void>((resolve) => setTimeout(resolve, FIRST_PAINT_WAIT_MS));
  // An answer that failed is the app's to report.
  return Promise.race([drawn, late]).catch(() => undefined);
}

// The app's code is fetched once the first paint is on screen: fetched and run alongside, it held the page's
// thread (and, on a machine of two cores, the processor) while the answers waited to be drawn.
void firstPaint()
  .then(() => import('./boot'))
  .then(({ boot }) => boot(client, articleId));
