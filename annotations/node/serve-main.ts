// Before any other: the file thread pool's size is read at the first file operation.
import './file-threads';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isFactmarkError } from '../errors';
import { appPaths, findAppRoot } from './app-paths';
import { startWebServer } from './http-server';
import { defaultUserDataDir, resolveAnnotator, resolvePort, rememberStore, resolveStoreDir } from './store-location';
import { openWorkspace } from './workspace';

const WEB_MODE = "Factmark's web mode";

const USAGE = 'Usage: node dist/server.mjs [--store DIR] [--annotator NAME] [--port N] [--static DIR] [--help]';

const HELP = `Factmark's web mode: the whole app in a browser, served on 127.0.0.1 only

${USAGE}

Options:
  --store DIR       the store (default: $FACTMARK_STORE, else the last project opened, else the app's
                    user-data store; a new store starts with the five sample articles)
  --annotator NAME  whose layer you edit (default: $FACTMARK_ANNOTATOR, the name saved in Settings, or
                    the login name)
  --port N          the port to listen on, 0 for any free one (default: $FACTMARK_PORT, else 4717)
  --static DIR      the renderer's files (default: the built dist/renderer)
  --help            this text

Exit codes: 0 stopped; 2 bad usage, or the store cannot be opened.`;

const OPTIONS = {
  store: { type: 'string' },
  annotator: { type: 'string' },
  port: { type: 'string' },
  static: { type: 'string' },
  help: { type: 'boolean' },
} as const;

/** A command line the server cannot follow: said with the usage line, and the process exits 2 before any store is touched. */
class UsageError extends Error {}

/** The flags, or a usage error for an unknown one, a flag without its value, or a stray argument. */
function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: false }).values;
  } catch (error) {
    if (String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS_'))
      throw new UsageError((error as Error).message);
    throw error;
  }
}

/** `npm run serve`: the whole app in a browser, over loopback HTTP. */
async function main(argv: string[]): Promise<void> {
  const flags = parseCommandLine(argv);
  if (flags.help) {
    console.log(HELP);
    return;
  }
  const root = findAppRoot(dirname(fileURLToPath(import.meta.url)));
  const paths = appPaths(root);
  const userDataDir = defaultUserDataDir();
  const storeDir = resolveStoreDir(flags.store, userDataDir);
  const annotator = resolveAnnotator(flags.annotator);
  const port = resolvePort(flags.port);

  const workspace = await openWorkspace({
    storeDir,
    annotator,
    annotatorGiven: Boolean(flags.annotator || process.env.FACTMARK_ANNOTATOR),
    sampleDir: paths.sampleDir,
    owner: { kind: WEB_MODE },
    // A project cloned in the app is the store the next start opens.
    onSwitch: (dir) => rememberStore(userDataDir, dir),
  });
  const { server, url } = await startWebServer({
    handlers: workspace.handlers,
    staticDir: flags.static ?? paths.rendererDir,
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
  if (error instanceof UsageError) console.error(`factmark server: ${error.message}\n${USAGE}`);
  else console.error(isFactmarkError(error) ? error.message : `Factmark could not start: ${String(error)}`);
  process.exit(2);
});
