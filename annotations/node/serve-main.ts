import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FactmarkError, isFactmarkError } from '../errors';
import { appPaths, findAppRoot } from './app-paths';
import { startWebServer } from './http-server';
import {
  defaultUserDataDir,
  flagValue,
  missingFlagValue,
  resolveAnnotator,
  resolvePort,
  rememberStore,
  resolveStoreDir,
} from './store-location';
import { openWorkspace } from './workspace';

const WEB_MODE = "Factmark's web mode";

/** `npm run serve`: the whole app in a browser, over loopback HTTP. */
async function main(argv: string[]): Promise<void> {
  const root = findAppRoot(dirname(fileURLToPath(import.meta.url)));
  const paths = appPaths(root);
  const missing = missingFlagValue(argv, ['store', 'annotator', 'port', 'static']);
  if (missing) throw new FactmarkError('invalid-argument', missing);
  const userDataDir = defaultUserDataDir();
  const storeDir = resolveStoreDir(flagValue(argv, 'store'), userDataDir);
  const annotator = resolveAnnotator(flagValue(argv, 'annotator'));
  const port = resolvePort(flagValue(argv, 'port'));

  const workspace = await openWorkspace({
    storeDir,
    annotator,
    annotatorGiven: Boolean(flagValue(argv, 'annotator') || process.env.FACTMARK_ANNOTATOR),
    sampleDir: paths.sampleDir,
    owner: { kind: WEB_MODE },
    // A project cloned in the app is the store the next start opens.
    onSwitch: (dir) => rememberStore(userDataDir, dir),
  });
  const { server, url } = await startWebServer({
    handlers: workspace.handlers,
    staticDir: flagValue(argv, 'static') ?? paths.rendererDir,
    port,
  });
  workspace.announce({ kind: WEB_MODE, url });
  console.log(`Factmark web mode: ${url}  (store: ${storeDir})`);
  // On a stop signal, a change under way is finished and the store let go before the process ends.
  const stop = () => {
    server.close();
    void workspace.close().finally(() => process.exit(0));
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(isFactmarkError(error) ? error.message : `Factmark could not start: ${String(error)}`);
  process.exit(2);
});
