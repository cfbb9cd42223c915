import { afterEach } from 'vitest';
import type { LowdbRepository, RepositoryOptions } from '../../annotations/node/lowdb-repository';
import { openLowdbRepository } from '../../annotations/node/lowdb-repository';

/**
 * Opens a store the way a restarted app would: the store open before (one
 * process holds a store at a time) is closed first. Every store opened is
 * closed after each test.
 */
export function useStoreOpener(): (dir: string, options?: RepositoryOptions) => Promise<LowdbRepository> {
  const open: LowdbRepository[] = [];
  afterEach(async () => {
    for (const repo of open.splice(0)) await repo.close();
  });
  return async (dir, options) => {
    for (const repo of open.splice(0)) await repo.close();
    const repo = await openLowdbRepository(dir, options);
    open.push(repo);
    return repo;
  };
}
