import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';

/** The folder Electron's `app.getPath('userData')` gives for Factmark, computed without Electron. */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Factmark');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Factmark');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Factmark');
}

/** `--store DIR` wins, then `FACTMARK_STORE`, then `<user data>/store`. */
export function resolveStoreDir(flag: string | undefined, userDataDir: string, env = process.env): string {
  return flag ?? env.FACTMARK_STORE ?? join(userDataDir, 'store');
}

/** `--annotator NAME` wins, then `FACTMARK_ANNOTATOR`, then the login name. */
export function resolveAnnotator(flag: string | undefined, env = process.env): string {
  if (flag) return flag;
  if (env.FACTMARK_ANNOTATOR) return env.FACTMARK_ANNOTATOR;
  try {
    return userInfo().username || 'annotator';
  } catch {
    return 'annotator';
  }
}

/** Reads `--name value` or `--name=value` from argv. */
export function flagValue(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(`--${name}`);
  if (at >= 0) return argv[at + 1];
  const prefix = `--${name}=`;
  return argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}
