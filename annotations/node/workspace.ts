import type { Handlers } from '../contract';
import { createHandlers } from '../service/index';
import type { LowdbRepository } from './lowdb-repository';
import { openLowdbRepository } from './lowdb-repository';
import { addSampleCorpus } from './sample-corpus';
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
}

export interface Workspace {
  repo: LowdbRepository;
  handlers: Handlers;
  /** Lets the store go: other processes may open it. */
  close(): Promise<void>;
}

/** Opens (or creates, with the sample corpus) the store and builds the handler table over it. */
export async function openWorkspace(options: WorkspaceOptions): Promise<Workspace> {
  const repo = await openLowdbRepository(options.storeDir, { owner: options.owner });
  if (repo.isNew && options.sampleDir) await addSampleCorpus(repo, options.sampleDir);
  return {
    repo,
    handlers: createHandlers(repo, { annotator: options.annotator, annotatorGiven: options.annotatorGiven ?? false }),
    close: () => repo.close(),
  };
}
