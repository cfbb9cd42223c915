import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { FactmarkError } from '../errors';

/** Who holds a store open: shown to a second process that finds it taken. */
export interface StoreOwner {
  /** A phrase that ends "the store is open in …": "the Factmark desktop app", "Factmark's web mode". */
  kind: string;
  /** Where the web mode serves, so a client can be sent there. */
  url?: string;
}

export interface OwnerRecord extends StoreOwner {
  pid: number;
  host: string;
  since: string;
}

export interface StoreLock {
  /** Set once the lock was lost (its folder removed or not kept fresh): writing must stop. */
  readonly lost: Error | null;
  /** Says anew who holds the store (the web mode, once it knows its address). */
  announce(owner: StoreOwner): void;
  release(): Promise<void>;
}

/** The store is open in another process: the message is the one sentence that says which. */
export class StoreLockedError extends FactmarkError {
  /** Who holds the store, when it said. */
  readonly owner: OwnerRecord | null;

  constructor(message: string, owner: OwnerRecord | null) {
    super('conflict', message);
    this.name = 'StoreLockedError';
    this.owner = owner;
  }
}

/** The lock folder inside the store: proper-lockfile makes it with mkdir, which is atomic on every file system. */
export const LOCK_NAME = 'store.lock';
const OWNER_FILE = 'owner.json';

/**
 * Owner files of the locks this process holds. proper-lockfile removes its
 * lock folder when the process exits, with rmdir, which fails on a folder
 * that still holds the owner file: this removes them first (listeners of
 * 'exit' run in the order they were added, and this one is added before the
 * first lock is taken).
 */
const heldOwnerFiles = new Set<string>();
let exitHookAdded = false;
function removeOwnerFilesOnExit(): void {
  if (exitHookAdded) return;
  exitHookAdded = true;
  process.on('exit', () => {
    for (const file of heldOwnerFiles) rmSync(file, { force: true });
  });
}

function readOwner(lockDir: string): OwnerRecord | null {
  try {
    return JSON.parse(readFileSync(join(lockDir, OWNER_FILE), 'utf8')) as OwnerRecord;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The sentence a second process shows: which process has the store, since when. */
export function describeOwner(dir: string, owner: OwnerRecord | null): string {
  if (!owner)
    return `The store ${dir} is open in another Factmark process (it is starting or did not say which); close it first, or open another store with --store.`;
  const since = owner.since.replace('T', ' ').slice(0, 16);
  const where = owner.url ? ` at ${owner.url}` : '';
  return `The store ${dir} is open in ${owner.kind}${where} (process ${owner.pid} on ${owner.host}, since ${since} UTC); close it first, or open another store with --store.`;
}

/**
 * Takes the store's lock for this process, or refuses with who holds it.
 * A lock left by a process that died (kill -9, power loss) is taken over: at
 * once when its owner was a process of this machine that no longer runs,
 * otherwise once proper-lockfile finds it stale (not refreshed for two minutes).
 */
export async function lockStore(dir: string, owner: StoreOwner): Promise<StoreLock> {
  const lockDir = join(dir, LOCK_NAME);
  let lost: Error | null = null;
  removeOwnerFilesOnExit();
  const options = {
    lockfilePath: lockDir,
    realpath: false,
    stale: 120_000,
    onCompromised: (error: Error) => {
      lost = error;
    },
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const holder = readOwner(lockDir);
    const deadHere = holder && holder.host === hostname() && holder.pid !== process.pid && !isAlive(holder.pid);
    if (!deadHere) throw new StoreLockedError(describeOwner(dir, holder), holder);
    rmSync(lockDir, { recursive: true, force: true });
    try {
      release = await lockfile.lock(dir, options);
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code !== 'ELOCKED') throw again;
      const now = readOwner(lockDir);
      throw new StoreLockedError(describeOwner(dir, now), now);
    }
  }
  const record: OwnerRecord = { ...owner, pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const ownerFile = join(lockDir, OWNER_FILE);
  writeFileSync(ownerFile, JSON.stringify(record));
  heldOwnerFiles.add(ownerFile);
  return {
    get lost() {
      return lost;
    },
    announce(next) {
      const { pid, host, since } = record;
      writeFileSync(ownerFile, JSON.stringify({ ...next, pid, host, since }));
    },
    async release() {
      // proper-lockfile removes the folder with rmdir: empty it first.
      heldOwnerFiles.delete(ownerFile);
      rmSync(ownerFile, { force: true });
      await release().catch(() => undefined);
    },
  };
}
