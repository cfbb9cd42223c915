import { join } from 'node:path';
import type { Handlers } from '../contract';
import { OPERATION_NAMES } from '../operation-names';
import { createHandlers } from '../service/index';
import type { CredentialKeeper } from './credential-keeper';
import { sessionKeeper } from './credential-keeper';
import type { LowdbRepository } from './lowdb-repository';
import { openLowdbRepository } from './lowdb-repository';
import { createProjectRemote } from './project-remote';
import { addSampleCorpus } from './sample-corpus';
import { createAgreementWorkerPool } from './agreement-worker-pool';
import { createSuggestWorkerPool } from './suggest-worker-pool';
import { createUploadFolder } from './upload-folder';
import type { StoreOwner } from './store-lock';

export interface WorkspaceOptions {
  storeDir: string;
  annotator: string;
  /** The name came from a flag or the environment: it wins over the one saved in the settings. */
  annotatorGiven?: boolean;
  /** Folder of the built-in sample corpus, added to a brand-new store. */
  sampleDir?: string;
  /** Who opens the store: named to a second process that finds it taken. */
  owner?: StoreOwner;
  /** Where a team project's credentials are kept: the OS keychain (desktop), else this process's memory. */
  credentials?: CredentialKeeper;
  /** How long one exchange with a git remote may take (tests shorten it). */
  remoteTimeoutMs?: number;
  /** Told when another store was opened in place of this one (a project cloned in the app). */
  onSwitch?: (storeDir: string) => void;
}

export interface Workspace {
  /** The open store: another one after a project is cloned in the app. */
  readonly repo: LowdbRepository;
  readonly storeDir: string;
  /** The operations over whichever store is open. */
  handlers: Handlers;
  /** Says anew who holds the store, now and after a switch to another store. */
  announce(owner: StoreOwner): void;
  /** Lets the store go: other processes may open it. */
  close(): Promise<void>;
}

interface OpenStore {
  storeDir: string;
  repo: LowdbRepository;
  handlers: Handlers;
}

/**
 * Opens (or creates, with the sample corpus) the store and builds the handler
 * table over it. Cloning a team project in the app opens the clone in place
 * of the store: the handlers always reach the store open now.
 */
export async function openWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  const credentials = options.credentials ?? sessionKeeper();
  let owner = options.owner;
  // One worker measures agreement for whichever store is open.
  const agreementMeasurer = createAgreementWorkerPool();
  // And one runs the recommenders for suggestions; FACTMARK_DEBUG_WORKERS=1 tells on stderr what it does.
  const suggestRunner = createSuggestWorkerPool(
    undefined,
    process.env.FACTMARK_DEBUG_WORKERS === '1' ? (event) => console.error(`suggestions worker: ${event}`) : undefined,
  );
  let current: OpenStore;

  async function open(storeDir: string, addSample: boolean): Promise<OpenStore> {
    const repo = await openLowdbRepository(storeDir, { owner });
    try {
      if (repo.isNew && addSample && options.sampleDir) await addSampleCorpus(repo, options.sampleDir);
    } catch (error) {
      await repo.close();
      throw error;
    }
    const remote = createProjectRemote({
      storeDir,
      offline: (work) => repo.offline(work),
      credentials,
      switchTo,
      timeoutMs: options.remoteTimeoutMs,
    });
    const handlers = createHandlers(repo, {
      annotator: options.annotator,
      annotatorGiven: options.annotatorGiven ?? false,
      remote,
      agreementMeasurer,
      suggestRunner,
      uploads: createUploadFolder(join(storeDir, 'local', 'uploads')),
    });
    return { storeDir, repo, handlers };
  }

  /** Opens the other store first (so a failure leaves this one open), then lets this one go. */
  async function switchTo(storeDir: string): Promise<void> {
    const next = await open(storeDir, false);
    const previous = current;
    current = next;
    options.onSwitch?.(storeDir);
    await previous.repo.close();
  }

  current = await open(options.storeDir, true);
  const handlers = Object.fromEntries(
    OPERATION_NAMES.map((name) => [name, (args: never) => (current.handlers[name] as (a: never) => unknown)(args)]),
  ) as unknown as Handlers;
  return {
    get repo() {
      return current.repo;
    },
    get storeDir() {
      return current.storeDir;
    },
    handlers,
    announce(next) {
      owner = next;
      current.repo.announce(next);
    },
    close: async () => {
      await agreementMeasurer.close();
      await suggestRunner.close();
      await current.repo.close();
    },
  };
}
