import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { FactmarkError } from '../errors';

/** Where the web mode listens when neither `--port` nor `FACTMARK_PORT` says. */
export const DEFAULT_PORT = 4717;

/** An environment variable's value, an empty one counting as unset. */
const envValue = (env: NodeJS.ProcessEnv, name: string): string | undefined => env[name] || undefined;

/** The folder Electron's `app.getPath('userData')` gives for Factmark, computed without Electron. */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Factmark');
  if (platform === 'win32') return join(envValue(env, 'APPDATA') ?? join(homedir(), 'AppData', 'Roaming'), 'Factmark');
  return join(envValue(env, 'XDG_CONFIG_HOME') ?? join(homedir(), '.config'), 'Factmark');
}

/** In the user data folder: the store the app opened last in place of its own (a project cloned in the app). */
export const CURRENT_STORE_FILE = 'current-store.json';

const CurrentStoreSchema = z.object({ storeDir: z.string().min(1).refine(isAbsolute, 'must be an absolute path') });

/** The store the app switched to last, while it is still a store; else undefined (the file is a hint only). */
export function rememberedStore(userDataDir: string): string | undefined {
  try {
    const parsed = CurrentStoreSchema.safeParse(
      JSON.parse(readFileSync(join(userDataDir, CURRENT_STORE_FILE), 'utf8')),
    );
    if (parsed.success && existsSync(join(parsed.data.storeDir, 'index.json'))) return parsed.data.storeDir;
  } catch {
    // No file, or not one Factmark wrote: the default store.
  }
  return undefined;
}

/** Remembers the store the app now has open, for the next start without --store or FACTMARK_STORE. */
export function rememberStore(userDataDir: string, storeDir: string): void {
  mkdirSync(userDataDir, { recursive: true });
  const path = join(userDataDir, CURRENT_STORE_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify({ storeDir }, null, 2)}\n`);
  renameSync(tmp, path);
}

/**
 * `--store DIR` wins, then `FACTMARK_STORE`, then the store the app switched to last (a project cloned
 * in the app), then `<user data>/store`; an empty one counts as unset.
 */
export function resolveStoreDir(flag: string | undefined, userDataDir: string, env = process.env): string {
  return flag || envValue(env, 'FACTMARK_STORE') || rememberedStore(userDataDir) || join(userDataDir, 'store');
}

/** `--annotator NAME` wins, then `FACTMARK_ANNOTATOR`, then the login name; an empty one counts as unset. */
export function resolveAnnotator(flag: string | undefined, env = process.env): string {
  if (flag) return flag;
  if (env.FACTMARK_ANNOTATOR) return env.FACTMARK_ANNOTATOR;
  try {
    return userInfo().username || 'annotator';
  } catch {
    return 'annotator';
  }
}

/**
 * `--port N` wins, then `FACTMARK_PORT`, then `DEFAULT_PORT`; an empty one
 * counts as unset. 0 asks for any free port; anything but a whole number
 * 0–65535 is refused, naming where it came from.
 */
export function resolvePort(flag: string | undefined, env = process.env): number {
  const [given, source] = flag ? [flag, '--port'] : [envValue(env, 'FACTMARK_PORT'), 'FACTMARK_PORT'];
  if (given === undefined) return DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(given) ? Number(given) : NaN;
  if (!(port <= 65535))
    throw new FactmarkError('invalid-argument', `${source} must be a port number 0–65535, got "${given}"`);
  return port;
}

/**
 * Reads `--name value` or `--name=value` from argv. A next argument that
 * starts with `--` is another flag, not a value: `--name` then gives undefined.
 */
export function flagValue(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(`--${name}`);
  const next = at >= 0 ? argv[at + 1] : undefined;
  if (next !== undefined && !next.startsWith('--')) return next;
  const prefix = `--${name}=`;
  return argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

/** Why one of `names` was given as a bare `--name` with no value after it, or null when none was. */
export function missingFlagValue(argv: readonly string[], names: readonly string[]): string | null {
  const bare = names.find((name) => argv.includes(`--${name}`) && flagValue(argv, name) === undefined);
  return bare === undefined ? null : `--${bare} needs a value: --${bare} VALUE or --${bare}=VALUE`;
}
