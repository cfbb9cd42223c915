import type * as NodeOs from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import {
  CURRENT_STORE_FILE,
  defaultUserDataDir,
  flagValue,
  missingFlagValue,
  rememberedStore,
  rememberStore,
  resolveAnnotator,
  resolvePort,
  resolveStoreDir,
} from '../../annotations/node/store-location';
import { makeTempDir } from '../support/temp-dir';

/** The home folder and login name the module sees, set per test. */
const os = vi.hoisted(() => ({ home: '/home/tester', user: (): { username: string } => ({ username: 'tester' }) }));

vi.mock('node:os', async (importOriginal) => {
  const actual = await importOriginal<typeof NodeOs>();
  return { ...actual, homedir: () => os.home, userInfo: () => os.user() };
});

beforeEach(() => {
  os.home = '/home/tester';
  os.user = () => ({ username: 'tester' });
});
afterEach(() => vi.unstubAllEnvs());

describe('defaultUserDataDir', () => {
  it('uses ~/.config/Factmark on Linux when XDG_CONFIG_HOME is unset', () => {
    expect(defaultUserDataDir({}, 'linux')).toBe(join('/home/tester', '.config', 'Factmark'));
    os.home = '/srv/other';
    expect(defaultUserDataDir({}, 'linux')).toBe(join('/srv/other', '.config', 'Factmark'));
  });

  it('uses XDG_CONFIG_HOME on Linux when it is set', () => {
    expect(defaultUserDataDir({ XDG_CONFIG_HOME: '/xdg/config' }, 'linux')).toBe(join('/xdg/config', 'Factmark'));
  });

  it('treats other Unix platforms like Linux', () => {
    expect(defaultUserDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'freebsd')).toBe(join('/xdg', 'Factmark'));
  });

  it('uses ~/Library/Application Support/Factmark on macOS, whatever XDG_CONFIG_HOME says', () => {
    expect(defaultUserDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'darwin')).toBe(
      join('/home/tester', 'Library', 'Application Support', 'Factmark'),
    );
  });

  it('uses %APPDATA%\\Factmark on Windows, or the roaming folder under the home when APPDATA is unset', () => {
    expect(defaultUserDataDir({ APPDATA: '/users/t/AppData/Roaming' }, 'win32')).toBe(
      join('/users/t/AppData/Roaming', 'Factmark'),
    );
    expect(defaultUserDataDir({}, 'win32')).toBe(join('/home/tester', 'AppData', 'Roaming', 'Factmark'));
  });

  it('treats an empty XDG_CONFIG_HOME or APPDATA as unset', () => {
    expect(defaultUserDataDir({ XDG_CONFIG_HOME: '' }, 'linux')).toBe(join('/home/tester', '.config', 'Factmark'));
    expect(defaultUserDataDir({ APPDATA: '' }, 'win32')).toBe(join('/home/tester', 'AppData', 'Roaming', 'Factmark'));
  });

  it('reads process.env and process.platform when given nothing', () => {
    vi.stubEnv('XDG_CONFIG_HOME', '/from/process/env');
    vi.stubEnv('APPDATA', '/from/process/appdata');
    const expected = {
      darwin: join('/home/tester', 'Library', 'Application Support', 'Factmark'),
      win32: join('/from/process/appdata', 'Factmark'),
    }[process.platform as string];
    expect(defaultUserDataDir()).toBe(expected ?? join('/from/process/env', 'Factmark'));
  });
});

describe('the store the app switched to', () => {
  let temp: { dir: string; cleanup: () => Promise<void> } | undefined;
  afterEach(async () => temp?.cleanup());

  it('is opened at the next start without --store or FACTMARK_STORE, while it is a store', async () => {
    temp = await makeTempDir('factmark-current-store-');
    const userData = join(temp.dir, 'user-data');
    const clone = join(temp.dir, 'project');
    expect(resolveStoreDir(undefined, userData, {})).toBe(join(userData, 'store'));
    await mkdir(clone, { recursive: true });
    rememberStore(userData, clone);
    // Not a store yet (no index.json): the default.
    expect(resolveStoreDir(undefined, userData, {})).toBe(join(userData, 'store'));
    await writeFile(join(clone, 'index.json'), '{}');
    expect(resolveStoreDir(undefined, userData, {})).toBe(clone);
    expect(resolveStoreDir('/flag/store', userData, {})).toBe('/flag/store');
    expect(resolveStoreDir(undefined, userData, { FACTMARK_STORE: '/env/store' })).toBe('/env/store');
  });

  it('is only a hint: a damaged or foreign file means the default store', async () => {
    temp = await makeTempDir('factmark-current-store-');
    const userData = temp.dir;
    for (const text of ['{ not json', '{"storeDir": 3}', '{"storeDir": "relative/store"}', '[]']) {
      await writeFile(join(userData, CURRENT_STORE_FILE), text);
      expect(rememberedStore(userData), text).toBeUndefined();
      expect(resolveStoreDir(undefined, userData, {})).toBe(join(userData, 'store'));
    }
  });
});

describe('resolveStoreDir', () => {
  const userData = '/data/Factmark';

  it('prefers the --store flag over FACTMARK_STORE and the user data folder', () => {
    expect(resolveStoreDir('/flag/store', userData, { FACTMARK_STORE: '/env/store' })).toBe('/flag/store');
  });

  it('uses FACTMARK_STORE when there is no flag', () => {
    expect(resolveStoreDir(undefined, userData, { FACTMARK_STORE: '/env/store' })).toBe('/env/store');
  });

  it('falls back to <user data>/store', () => {
    expect(resolveStoreDir(undefined, userData, {})).toBe(join(userData, 'store'));
  });

  it('treats an empty FACTMARK_STORE or an empty --store= as unset', () => {
    expect(resolveStoreDir(undefined, userData, { FACTMARK_STORE: '' })).toBe(join(userData, 'store'));
    expect(resolveStoreDir('', userData, { FACTMARK_STORE: '/env/store' })).toBe('/env/store');
    expect(resolveStoreDir('', userData, { FACTMARK_STORE: '' })).toBe(join(userData, 'store'));
  });

  it('reads process.env when no env is given', () => {
    vi.stubEnv('FACTMARK_STORE', '/process/env/store');
    expect(resolveStoreDir(undefined, userData)).toBe('/process/env/store');
  });
});

describe('resolveAnnotator', () => {
  it('prefers the --annotator flag, then FACTMARK_ANNOTATOR, then the login name', () => {
    expect(resolveAnnotator('flag-name', { FACTMARK_ANNOTATOR: 'env-name' })).toBe('flag-name');
    expect(resolveAnnotator(undefined, { FACTMARK_ANNOTATOR: 'env-name' })).toBe('env-name');
    expect(resolveAnnotator(undefined, {})).toBe('tester');
  });

  it('skips an empty flag and an empty FACTMARK_ANNOTATOR', () => {
    expect(resolveAnnotator('', { FACTMARK_ANNOTATOR: 'env-name' })).toBe('env-name');
    expect(resolveAnnotator('', { FACTMARK_ANNOTATOR: '' })).toBe('tester');
  });

  it('says "annotator" when the login name is empty or cannot be read', () => {
    os.user = () => ({ username: '' });
    expect(resolveAnnotator(undefined, {})).toBe('annotator');
    os.user = () => {
      throw new Error('uv_os_get_passwd returned ENOENT');
    };
    expect(resolveAnnotator(undefined, {})).toBe('annotator');
  });

  it('reads process.env when no env is given', () => {
    vi.stubEnv('FACTMARK_ANNOTATOR', 'from-process');
    expect(resolveAnnotator(undefined)).toBe('from-process');
  });
});

describe('resolvePort', () => {
  it('prefers the --port flag, then FACTMARK_PORT, then 4717', () => {
    expect(resolvePort('8080', { FACTMARK_PORT: '9090' })).toBe(8080);
    expect(resolvePort(undefined, { FACTMARK_PORT: '9090' })).toBe(9090);
    expect(resolvePort(undefined, {})).toBe(4717);
  });

  it('treats an empty FACTMARK_PORT or an empty --port= as unset, not as port 0', () => {
    expect(resolvePort(undefined, { FACTMARK_PORT: '' })).toBe(4717);
    expect(resolvePort('', { FACTMARK_PORT: '9090' })).toBe(9090);
    expect(resolvePort('', { FACTMARK_PORT: '' })).toBe(4717);
  });

  it('takes an explicit 0 (any free port) and 65535', () => {
    expect(resolvePort('0', {})).toBe(0);
    expect(resolvePort(undefined, { FACTMARK_PORT: '65535' })).toBe(65535);
  });

  it('refuses anything but a whole number 0–65535, naming where it came from', () => {
    for (const bad of ['65536', '-1', '80.5', ' ', '0x50', '1e3', 'http'])
      expect(() => resolvePort(bad, {}), bad).toThrow(`--port must be a port number 0–65535, got "${bad}"`);
    expect(() => resolvePort(undefined, { FACTMARK_PORT: ' 80' })).toThrow(/^FACTMARK_PORT must be a port number/);
  });

  it('reads process.env when no env is given', () => {
    vi.stubEnv('FACTMARK_PORT', '5001');
    expect(resolvePort(undefined)).toBe(5001);
    vi.stubEnv('FACTMARK_PORT', '');
    expect(resolvePort(undefined)).toBe(4717);
  });
});

describe('flagValue', () => {
  it('reads "--name value"', () => {
    expect(flagValue(['node', 'cli', '--store', '/s', '--annotator', 'bob'], 'store')).toBe('/s');
    expect(flagValue(['node', 'cli', '--store', '/s', '--annotator', 'bob'], 'annotator')).toBe('bob');
  });

  it('reads "--name=value", keeping any "=" inside the value', () => {
    expect(flagValue(['--store=/tmp/a=b', '--port=0'], 'store')).toBe('/tmp/a=b');
    expect(flagValue(['--store=/tmp/a=b', '--port=0'], 'port')).toBe('0');
    expect(flagValue(['--store='], 'store')).toBe('');
  });

  it('matches the whole flag name only', () => {
    expect(flagValue(['--store-dir', '/x', '--storex=/y', '-store', '/z'], 'store')).toBeUndefined();
    expect(flagValue(['--store-dir=/x'], 'store')).toBeUndefined();
  });

  it('gives undefined when the flag is absent or has no value after it', () => {
    expect(flagValue([], 'store')).toBeUndefined();
    expect(flagValue(['--annotator', 'bob'], 'store')).toBeUndefined();
    expect(flagValue(['--store'], 'store')).toBeUndefined();
  });

  it('does not take the next flag as the value', () => {
    expect(flagValue(['--store', '--annotator', 'x'], 'store')).toBeUndefined();
    expect(flagValue(['--store', '--annotator', 'x'], 'annotator')).toBe('x');
    expect(flagValue(['--store', '--annotator=x', '--store=/s'], 'store')).toBe('/s');
    expect(flagValue(['--annotator', '-bob'], 'annotator')).toBe('-bob');
  });
});

describe('missingFlagValue', () => {
  it('names the first flag given bare, with no value after it', () => {
    expect(missingFlagValue(['--store', '--annotator', 'x'], ['store', 'annotator'])).toBe(
      '--store needs a value: --store VALUE or --store=VALUE',
    );
    expect(missingFlagValue(['--store', '/s', '--annotator'], ['store', 'annotator'])).toMatch(/^--annotator needs/);
  });

  it('is null when every named flag has a value or is absent', () => {
    expect(missingFlagValue(['--store', '/s', '--annotator=bob', '--port'], ['store', 'annotator'])).toBeNull();
    expect(missingFlagValue([], ['store'])).toBeNull();
  });
});
