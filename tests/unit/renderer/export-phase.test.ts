import { describe, expect, it } from 'vitest';
import type { Args, Results } from '../../../annotations/contract';
import type { OperationName } from '../../../annotations/operation-names';
import type { FactmarkClient } from '../../../renderer/src/client/factmark-client';
import { createWorkspaceStore } from '../../../renderer/src/state/workspace-store';

describe('an export followed from the app', () => {
  it('hands the phase the server reports (reading, then writing) to whoever follows it', async () => {
    const seen: [number, number, string | undefined][] = [];
    let heard: () => void = () => undefined;
    const progressHeard = new Promise<void>((resolve) => (heard = resolve));
    const client: FactmarkClient = {
      transport: 'http',
      async send<K extends OperationName>(name: K, _args: Args<K>): Promise<Results[K]> {
        if (name === 'jobs/progress') return { done: 3, total: 10, phase: 'writing' } as Results[K];
        if (name === 'export/file') {
          // The export answers once its progress has been asked for and told.
          await progressHeard;
          return {
            fileName: 'out.jsonl',
            mediaType: 'application/x-ndjson',
            encoding: 'utf8',
            content: '',
          } as Results[K];
        }
        throw new Error(`unexpected ${name}`);
      },
      saveFile: async () => ({ saved: true }),
      onCommand: () => () => undefined,
    };
    const store = createWorkspaceStore(client, () => 'job-1');
    const saved = await store.exportData({ format: 'jsonl' }, (done, total, phase) => {
      seen.push([done, total, phase]);
      heard();
    });
    expect(saved).toBe(true);
    expect(seen[0]).toEqual([3, 10, 'writing']);
  });
});
