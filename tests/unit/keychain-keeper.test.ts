import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keychainKeeper } from '../../annotations/node/keychain-keeper';
import type { SafeStorageLike } from '../../annotations/node/keychain-keeper';
import { makeTempDir } from '../support/temp-dir';

/** A stand-in for Electron's safeStorage: reversible, and visibly not the plain text. */
const fakeSafeStorage = (available = true): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (text) => Buffer.from([...Buffer.from(text, 'utf8')].map((b) => b ^ 0x5a)),
  decryptString: (sealed) => Buffer.from([...sealed].map((b) => b ^ 0x5a)).toString('utf8'),
});

let temp: { dir: string; cleanup: () => Promise<void> } | undefined;
afterEach(async () => temp?.cleanup());

describe('credentials kept in the OS keychain', () => {
  it('keeps them sealed by the keychain, by remote without user, and forgets them', async () => {
    temp = await makeTempDir('factmark-keychain-');
    const file = join(temp.dir, 'credentials.json');
    const keeper = keychainKeeper(fakeSafeStorage(), file)!;
    expect(keeper.kind).toBe('keychain');
    await keeper.set('https://git.example.org/team/p.git', { username: 'ana', password: 's3cret-pass' });
    expect(await readFile(file, 'utf8')).not.toContain('s3cret-pass');
    // The same remote written with a user in its URL is the same remote.
    expect(await keeper.get('https://ana@git.example.org/team/p.git')).toEqual({
      username: 'ana',
      password: 's3cret-pass',
    });
    expect(await keeper.get('https://git.example.org/other.git')).toBeUndefined();
    // A second keeper (the app started again) reads them back.
    expect(await keychainKeeper(fakeSafeStorage(), file)!.get('https://git.example.org/team/p.git')).toBeDefined();
    await keeper.forget('https://git.example.org/team/p.git');
    expect(await keeper.get('https://git.example.org/team/p.git')).toBeUndefined();
  });

  it('is not offered where the OS has no keychain, nor over Linux’s fixed-key fallback', () => {
    expect(keychainKeeper(fakeSafeStorage(false), '/nowhere/credentials.json')).toBeNull();
    const backend = (name: string) => ({ ...fakeSafeStorage(), getSelectedStorageBackend: () => name });
    expect(keychainKeeper(backend('basic_text'), '/nowhere/credentials.json')).toBeNull();
    expect(keychainKeeper(backend('gnome_libsecret'), '/nowhere/credentials.json')?.kind).toBe('keychain');
  });

  it('takes a damaged file or entry as no credentials, so the app asks again', async () => {
    temp = await makeTempDir('factmark-keychain-');
    const file = join(temp.dir, 'credentials.json');
    const keeper = keychainKeeper(fakeSafeStorage(), file)!;
    await writeFile(file, '{ not json');
    expect(await keeper.get('https://git.example.org/p.git')).toBeUndefined();
    await writeFile(file, JSON.stringify({ schemaVersion: 1, remotes: { 'https://git.example.org/p.git': 'AAAA' } }));
    expect(await keeper.get('https://git.example.org/p.git')).toBeUndefined();
    // Setting anew over a damaged file works.
    await writeFile(file, '{ not json');
    await keeper.set('https://git.example.org/p.git', { token: 'tok-123' });
    expect(await keeper.get('https://git.example.org/p.git')).toEqual({ token: 'tok-123' });
  });
});
