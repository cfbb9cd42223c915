import { afterEach, describe, expect, it } from 'vitest';
import type { Args, Results } from '../../../annotations/contract';
import type { OperationName } from '../../../annotations/operation-names';
import { openSampleWorkspaceStore } from '../../support/workspace-store-harness';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

/** A workspace store whose relation writes wait until `release` is called (a slow disk, a slow network). */
async function storeWithHeldLinks() {
  const held: (() => void)[] = [];
  const opened = await openSampleWorkspaceStore((direct) => ({
    ...direct,
    async send<K extends OperationName>(name: K, args: Args<K>): Promise<Results[K]> {
      if (name === 'relations/create') await new Promise<void>((resolve) => held.push(resolve));
      return direct.send(name, args);
    },
  }));
  cleanup = opened.cleanup;
  const { store, text } = opened;
  const at = (needle: string) => ({ start: text.indexOf(needle), end: text.indexOf(needle) + needle.length });
  return { store, at, release: () => held.splice(0).forEach((go) => go()) };
}

describe('a link is shown at once, as a new span is', () => {
  it('appears before the core answers and stays, with the core’s record, once it does', async () => {
    const { store, at, release } = await storeWithHeldLinks();
    const claim = at('"These hired terrorists');
    const speaker = at('General Dehqan');
    await store.tag('claim', claim.start, claim.end);
    await store.tag('speaker', speaker.start, speaker.end);
    const [c, s] = store.getState().layer.annotations;
    const linking = store.link('said-by', c!.id, { kind: 'annotation', id: s!.id });
    expect(store.getState().layer.relations).toMatchObject([{ type: 'said-by', from: c!.id, to: { id: s!.id } }]);
    release();
    const created = await linking;
    expect(created?.id).toBe(store.getState().layer.relations[0]!.id);
    expect(store.getState().layer.relations).toHaveLength(1);
    expect(store.getState().undoStack.at(-1)?.label).toMatch(/link|said/i);
  });

  it('is taken away again when the core refuses it, with the reason shown', async () => {
    const { store, at, release } = await storeWithHeldLinks();
    const claim = at('"These hired terrorists');
    await store.tag('claim', claim.start, claim.end);
    const [c] = store.getState().layer.annotations;
    // A claim is not said by a claim: the tagset allows no such link.
    const linking = store.link('said-by', c!.id, { kind: 'annotation', id: c!.id });
    expect(store.getState().layer.relations).toHaveLength(1);
    release();
    expect(await linking).toBeNull();
    expect(store.getState().layer.relations).toHaveLength(0);
    expect(store.getState().notice?.tone).toBe('error');
  });
});
