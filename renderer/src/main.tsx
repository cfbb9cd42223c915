// The entry: kept to a few kilobytes, so it runs as soon as the page does.
// It asks for what the first paint shows, then loads the app, whose code
// the page has been fetching alongside (index.html preloads it).
import { articleInAddress } from './article-address';
import { pickClient } from './client/pick-client';
import { createPrefetchingClient, firstPaintRequests } from './client/prefetch-client';

const articleId = articleInAddress(window.location.hash);
const client = createPrefetchingClient(pickClient(window), firstPaintRequests(articleId));
void import('./boot').then(({ boot }) => boot(client, articleId));
