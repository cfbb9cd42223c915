import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Handlers } from '../../../annotations/contract';
import { COALESCE_MS, mergeMoves } from '../../../renderer/src/state/correct-in-place';
import { openSampleWorkspaceStore } from '../../support/workspace-store-harness';

const FIRST = '000_0032acaf3c30b9bc';

describe('correcting in place in the workspace store', () => {
  let cleanup: () => Promise<void>;
  let handlers: Handlers;
  let store: Awaited<ReturnType<typeof openSampleWorkspaceStore>>['store'];
  let text: string;

  beforeEach(async () => {
    ({ handlers, store, text, cleanup } = await openSampleWorkspaceStore());
  });
  afterEach(() => cleanup());

  const span = (needle: string): [number, number] => [text.indexOf(needle), text.indexOf(needle) + needle.length];
  const saved = async () => (await handlers['annotations/list']({ articleId: FIRST })).annotations;
  const tagged = async (kind: string, needle: string) => {
    await store.tag(kind, ...span(needle));
    return store.getState().selectedId!;
  };

  it('a kind key changes the kind, keeps the links that still apply, names what it dropped, and undoes in one step', async () => {
    const claim = await tagged('claim', 'These hired terrorists');
    await store.updateAttributes(claim, { verdict: 'false' });
    const speaker = await tagged('speaker', 'General Dehqan');
    const event = await tagged('event', 'joint press conference');
    await store.link('said-by', claim, { kind: 'annotation', id: speaker });
    await store.link('agent', event, { kind: 'annotation', id: speaker });
    const steps = store.getState().undoStack.length;

    await store.retag(speaker, 'person');
    expect(store.getState().notice?.text).toBe(
      'Changed Speaker to Person; dropped said by link with “These hired terrorists”',
    );
    expect(store.getState().layer.relations.map((r) => r.type)).toEqual(['agent']);
    expect(store.getState().undoStack).toHaveLength(steps + 1);

    await store.retag(claim, 'event');
    expect(store.getState().notice?.text).toBe('Changed Claim to Event; dropped Verdict “false”');

    await store.undo();
    await store.undo();
    expect(
      store
        .getState()
        .layer.relations.map((r) => r.type)
        .sort(),
    ).toEqual(['agent', 'said-by']);
    expect(await saved()).toEqual(store.getState().layer.annotations);
    expect(store.getState().layer.annotations.find((a) => a.id === claim)?.attributes.verdict).toBe('false');
  });

  it('moves in quick succession make one undo step that puts the span back where it began', async () => {
    const id = await tagged('speaker', 'General Dehqan');
    const [start, end] = span('General Dehqan');
    const steps = store.getState().undoStack.length;
    await store.moveEnds(id, start, end + 1);
    await store.moveEnds(id, start, end + 5);
    expect(store.getState().layer.annotations[0]?.quote).toBe('General Dehqan said');
    expect(store.getState().undoStack).toHaveLength(steps + 1);
    await store.undo();
    expect(store.getState().layer.annotations[0]).toMatchObject({ start, end, quote: 'General Dehqan' });
    expect(await saved()).toEqual(store.getState().layer.annotations);
  });

  it('keys pressed faster than the core answers all count, the span showing each at once', async () => {
    const id = await tagged('speaker', 'General Dehqan');
    const [start, end] = span('General Dehqan');
    const moves = [1, 2, 3, 4, 5].map((n) => {
      const next = store.spanOf(id)!;
      const done = store.moveEnds(id, next.start, next.end + 1);
      expect(store.getState().layer.annotations[0]?.end).toBe(end + n);
      return done;
    });
    await Promise.all(moves);
    expect(store.getState().layer.annotations[0]?.quote).toBe('General Dehqan said');
    expect((await saved())[0]?.quote).toBe('General Dehqan said');
    await store.undo();
    expect((await saved())[0]).toMatchObject({ start, end });
  });

  it('keys pressed in one go are one undo step even when the core answers slower than the pause that splits steps', async () => {
    await cleanup();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      // Each move takes the core longer to answer than the pause between two steps.
      ({ handlers, store, text, cleanup } = await openSampleWorkspaceStore((client) => ({
        ...client,
        send: async (name, args) => {
          const result = await client.send(name, args);
          if (name === 'annotations/update') vi.advanceTimersByTime(COALESCE_MS + 500);
          return result;
        },
      })));
      const id = await tagged('speaker', 'General Dehqan');
      const [start, end] = span('General Dehqan');
      const steps = store.getState().undoStack.length;
      const keys = [1, 2, 3].map(() => {
        const next = store.spanOf(id)!;
        return store.moveEnds(id, next.start, next.end + 1);
      });
      await Promise.all(keys);
      expect(store.getState().layer.annotations[0]?.quote).toBe('General Dehqan sa');
      expect(store.getState().undoStack).toHaveLength(steps + 1);
      await store.undo();
      expect((await saved())[0]).toMatchObject({ start, end });

      // A press after a real pause is a step of its own.
      vi.advanceTimersByTime(COALESCE_MS + 1);
      await store.moveEnds(id, start, end + 1);
      await store.undo();
      expect((await saved())[0]).toMatchObject({ start, end });
      expect(store.getState().undoStack).toHaveLength(steps);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a move pressed before the core has confirmed the new annotation waits for it', async () => {
    const [start, end] = span('General Dehqan');
    const tagging = store.tag('speaker', start, end);
    const id = store.getState().selectedId!;
    // Two keys pressed at once, each from where the one before left the span.
    const keys = [' sai'.length, 1].map((n) => {
      const next = store.spanOf(id)!;
      return store.moveEnds(id, next.start, next.end + n);
    });
    await Promise.all([...keys, tagging]);
    expect((await saved())[0]?.quote).toBe('General Dehqan said');
    expect(store.getState().notice).toBeNull();
  });

  it('a move refused by the core puts the span back and says why', async () => {
    const id = await tagged('speaker', 'General Dehqan');
    const [start] = span('General Dehqan');
    await store.moveEnds(id, start, start);
    expect(store.getState().notice?.text).toMatch(/empty or reversed/);
    expect(store.getState().layer.annotations[0]?.quote).toBe('General Dehqan');
  });

  it('merges only two moves of the same annotation', () => {
    const a = { id: 'x', start: 0, end: 2 } as never;
    const b = { id: 'x', start: 0, end: 3 } as never;
    const c = { id: 'x', start: 0, end: 4 } as never;
    const step = (before: never, after: never) => ({
      label: 'Move',
      changes: [{ type: 'annotation' as const, articleId: FIRST, before, after }],
    });
    expect(mergeMoves(step(a, b), step(b, c))?.changes).toEqual([
      { type: 'annotation', articleId: FIRST, before: a, after: c },
    ]);
    expect(mergeMoves(step(a, b), step(a, c))).toBeNull();
    expect(mergeMoves({ label: 'Tag', changes: [] }, step(b, c))).toBeNull();
  });
});
