// `npm start`: builds the app, then opens the desktop app where Electron's
// runtime is installed, or the web mode, with one sentence saying why, where it
// is not. The command line is checked first, before anything is built.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);

const USAGE = 'Usage: npm start -- [--store DIR] [--annotator NAME] [--port N] [--web] [--help]';

const HELP = `Factmark: builds the app and opens it on its store (a new store starts with the five sample articles)

${USAGE}

Options:
  --store DIR       the store (default: $FACTMARK_STORE, else the last project opened, else the app's
                    user-data store)
  --annotator NAME  whose layer you edit (default: $FACTMARK_ANNOTATOR, the name saved in Settings, or
                    the login name)
  --port N          the web mode's port, 0 for any free one (default: $FACTMARK_PORT, else 4717)
  --web             the web mode even where Electron's runtime is installed (also: FACTMARK_WEB=1)
  --help            this text

Without Electron's runtime (its download was skipped or failed), the web mode opens: visit the address it
prints in a browser.`;

const OPTIONS = {
  store: { type: 'string' },
  annotator: { type: 'string' },
  port: { type: 'string' },
  web: { type: 'boolean' },
  help: { type: 'boolean' },
};

function parseCommandLine(argv) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: false }).values;
  } catch (error) {
    if (!String(error?.code).startsWith('ERR_PARSE_ARGS_')) throw error;
    console.error(`factmark start: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
}

function electronBinary() {
  try {
    return require('electron');
  } catch {
    return null;
  }
}

function run(command, args) {
  const child = spawn(command, args, { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
  // Stopping `npm start` stops the app too, rather than leaving it serving.
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => child.kill(signal));
}

const flags = parseCommandLine(process.argv.slice(2));
if (flags.help) {
  console.log(HELP);
  process.exit(0);
}

// The tests start an app they built already (FACTMARK_START_BUILT=1).
if (!process.env.FACTMARK_START_BUILT) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const passed = [
  ...(flags.store !== undefined ? ['--store', flags.store] : []),
  ...(flags.annotator !== undefined ? ['--annotator', flags.annotator] : []),
];
const web = flags.web || Boolean(process.env.FACTMARK_WEB);
const electron = electronBinary();
if (electron && existsSync(electron) && !web) {
  run(electron, ['.', ...passed]);
} else {
  console.log(
    web
      ? 'The web mode was asked for, so Factmark opens in web mode: visit the address below in a browser.'
      : "Electron's runtime is not installed here (its download was skipped or is unreachable), so Factmark opens in web mode: visit the address below in a browser.",
  );
  run(process.execPath, ['dist/server.mjs', ...passed, ...(flags.port !== undefined ? ['--port', flags.port] : [])]);
}
