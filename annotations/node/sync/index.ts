/** Team projects: a store shared through a git remote, merged record by record. */
export { isContentPath, mergedTree, orderLikeSides, storeContentToTree, treeToStoreContent } from './store-tree';
export type { StoreTree } from './store-tree';
export { ignoreListOf, STORE_IGNORE } from './store-ignore';
export { cloneProject, PENDING_MERGE_PATH, projectRemote, publish, readPendingMerge, sync } from './sync-engine';
export type { PendingMerge, RemoteAccess, SyncOptions, SyncResult } from './sync-engine';
