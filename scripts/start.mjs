// `npm start`: the desktop app where Electron's runtime is installed; the web
// mode, with one sentence saying why, where it is not.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const passThrough = process.argv.slice(2);

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

const electron = electronBinary();
if (electron && existsSync(electron) && !process.env.FACTMARK_WEB) {
  run(electron, ['.', ...passThrough]);
} else {
  console.log(
    process.env.FACTMARK_WEB
      ? 'FACTMARK_WEB is set, so Factmark opens in web mode: visit the address below in a browser.'
      : "Electron's runtime is not installed here (its download was skipped or is unreachable), so Factmark opens in web mode: visit the address below in a browser.",
  );
  run(process.execPath, ['dist/server.mjs', ...passThrough]);
}
