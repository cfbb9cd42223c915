import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { CredentialKeeper } from './credential-keeper';
import { credentialKey } from './credential-keeper';
import type { GitCredentials } from './git';

/** What Electron's `safeStorage` offers: encryption with a key the OS keychain keeps. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which secret store seals the key; `basic_text` is a fixed key, no keychain at all. */
  getSelectedStorageBackend?(): string;
}

/** Linux backends that seal nothing: with them, credentials are kept for the session only. */
const NO_KEYCHAIN = new Set(['basic_text', 'unknown']);

const KeptFileSchema = z.object({ schemaVersion: z.literal(1), remotes: z.record(z.string(), z.string()) });
const CredentialsSchema = z.union([
  z.strictObject({ username: z.string(), password: z.string() }),
  z.strictObject({ token: z.string(), username: z.string().optional() }),
]);

/**
 * Keeps each remote's credentials encrypted by the OS keychain (through
 * Electron's safeStorage) in `file`, in the app's own folder, never the
 * store's. Null where the OS offers no keychain (on Linux, none behind
 * Electron's fixed-key fallback either): the caller falls back to
 * this session's memory. A kept entry that cannot be decrypted or read is
 * taken as none (the app asks again).
 */
export function keychainKeeper(safe: SafeStorageLike, file: string): CredentialKeeper | null {
  if (!safe.isEncryptionAvailable()) return null;
  if (safe.getSelectedStorageBackend && NO_KEYCHAIN.has(safe.getSelectedStorageBackend())) return null;

  async function read(): Promise<Record<string, string>> {
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) return {};
    try {
      const parsed = KeptFileSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data.remotes : {};
    } catch {
      return {};
    }
  }

  async function write(remotes: Record<string, string>): Promise<void> {
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify({ schemaVersion: 1, remotes }, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, file);
  }

  return {
    kind: 'keychain',
    async get(remote) {
      const sealed = (await read())[credentialKey(remote)];
      if (!sealed) return undefined;
      try {
        const parsed = CredentialsSchema.safeParse(JSON.parse(safe.decryptString(Buffer.from(sealed, 'base64'))));
        return parsed.success ? (parsed.data as GitCredentials) : undefined;
      } catch {
        return undefined;
      }
    },
    async set(remote, credentials) {
      const remotes = await read();
      remotes[credentialKey(remote)] = safe.encryptString(JSON.stringify(credentials)).toString('base64');
      await write(remotes);
    },
    async forget(remote) {
      const remotes = await read();
      if (!(credentialKey(remote) in remotes)) return;
      delete remotes[credentialKey(remote)];
      await write(remotes);
    },
  };
}
