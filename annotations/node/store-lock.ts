import { mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/**
 * The lock, inside the store: `store.lock/held/` is proper-lockfile's lock
 * (made with mkdir, atomic on every file system, and kept empty: its mtime
 * is how proper-lockfile keeps it fresh, and rmdir removes it when the
 * process ends or the lock goes stale); `store.lock/owner.json` beside it
 * says who holds it.
 */
export const LOCK_NAME = 'store.lock';
const HELD = 'held';
const OWNER_FILE = 'owner.json';

function readOwner(lockDir: string): OwnerRecord | null {
  try {
    return JSON.parse(readFileSync(join(lockDir, OWNER_FILE), 'utf8')) as OwnerRecord;
  } catch {
    return null;
  }
}

function writeOwner(lockDir: string, record: OwnerRecord): void {
  const tmp = join(lockDir, `.${OWNER_FILE}.${process.pid}.tmp`);
  writeFileSync(tmp, JSON.stringify(record));
  renameSync(tmp, join(lockDir, OWNER_FILE));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const mtimeOf = (path: string) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
};

/**
 * The holder, if it said who it is: an owner file older than the lock itself,
 * when the lock was taken moments ago, is its predecessor's, not yet replaced.
 * (proper-lockfile sets the lock's mtime up to a second ahead.)
 */
function currentOwner(lockDir: string): OwnerRecord | null {
  const owner = readOwner(lockDir);
  const held = mtimeOf(join(lockDir, HELD));
  const said = mtimeOf(join(lockDir, OWNER_FILE));
  if (owner && held !== null && said !== null && Date.now() - held < 3000 && held > said + 1500) return null;
  return owner;
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
export async function lockStore(dir: string, owner: StoreOwner, { staleMs = 120_000 } = {}): Promise<StoreLock> {
  const lockDir = join(dir, LOCK_NAME);
  const heldDir = join(lockDir, HELD);
  mkdirSync(lockDir, { recursive: true });
  let lost: Error | null = null;
  const options = {
    lockfilePath: heldDir,
    realpath: false,
    // Refreshed every staleMs / 2: a blocked event loop or a sleeping laptop has that long.
    stale: staleMs,
    onCompromised: (error: Error) => {
      lost = error;
    },
  };
  const refused = () => {
    const holder = currentOwner(lockDir);
    return new StoreLockedError(describeOwner(dir, holder), holder);
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const holder = currentOwner(lockDir);
    const deadHere = holder && holder.host === hostname() && holder.pid !== process.pid && !isAlive(holder.pid);
    if (!deadHere) throw refused();
    try {
      rmdirSync(heldDir);
    } catch {
      throw refused();
    }
    try {
      release = await lockfile.lock(dir, options);
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code !== 'ELOCKED') throw again;
      throw refused();
    }
  }
  const record: OwnerRecord = { ...owner, pid: process.pid, host: hostname(), since: new Date().toISOString() };
  writeOwner(lockDir, record);
  return {
    get lost() {
      return lost;
    },
    announce(next) {
      const { pid, host, since } = record;
      writeOwner(lockDir, { ...next, pid, host, since });
    },
    async release() {
      rmSync(join(lockDir, OWNER_FILE), { force: true });
      await release().catch(() => undefined);
    },
  };
}
