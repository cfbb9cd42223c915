import type { LowdbRepository } from './lowdb-repository';
import { openLowdbRepository } from './lowdb-repository';

/** Who holds a store the command line opened (a store open in the app or the web mode is refused with who has it). */
export const COMMAND_LINE_OWNER = { kind: 'the factmark command line' } as const;

/**
 * The store, held for one command. A command ends soon, so the search index
 * neither reads the corpus in the background (closing would wait for it) nor
 * indexes what the command adds: the app's next start reads what the index
 * lacks, and a search meanwhile reads it itself.
 */
export function openCommandStore(storeDir: string): Promise<LowdbRepository> {
  return openLowdbRepository(storeDir, { owner: COMMAND_LINE_OWNER, indexInBackground: false });
}
