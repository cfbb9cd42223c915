import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChangeSet } from '../../../annotations/changes';
import { createHistorySaver } from '../../../renderer/src/state/saved-history';
import { parseHistory } from '../../../renderer/src/state/saved-history-parse';

function memoryStorage() {
  const items = new Map<string, string>();
  let writes = 0;
  return {
    items,
    get writes() {
      return writes;
    },
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      writes++;
      items.set(key, value);
    },
    removeItem: (key: string) => void items.delete(key),
  };
}

const step = (label: string): ChangeSet => ({
  label,
  changes: [{ type: 'guidelines', before: '', after: label }],
});

/** A browser's idle callbacks and page-hide listeners, run when the test says. */
function browserIdle() {
  const idle: (() => void)[] = [];
  const hide: (() => void)[] = [];
  vi.stubGlobal('requestIdleCallback', (work: () => void) => idle.push(work));
  vi.stubGlobal('addEventListener', (type: string, listener: () => void) => {
    if (type === 'pagehide') hide.push(listener);
  });
  return {
    idle: () => idle.splice(0).forEach((work) => work()),
    hide: () => hide.forEach((listener) => listener()),
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('the undo history saver', () => {
  it('writes a burst of edits once, when the page is idle, with the newest stacks', () => {
    const page = browserIdle();
    const storage = memoryStorage();
    const save = createHistorySaver(storage);
    save('k', { undo: [step('one')], redo: [] });
    save('k', { undo: [step('one'), step('two')], redo: [] });
    save('k', { undo: [step('one'), step('two'), step('three')], redo: [] });
    expect(storage.writes).toBe(0);
    page.idle();
    expect(storage.writes).toBe(1);
    const { history } = parseHistory(storage.getItem('k'), 'k');
    expect(history.undo.map((s) => s.label)).toEqual(['one', 'two', 'three']);
  });

  it('writes what is waiting when the page goes away (a reload keeps the last edit)', () => {
    const page = browserIdle();
    const storage = memoryStorage();
    const save = createHistorySaver(storage);
    save('k', { undo: [step('one')], redo: [] });
    page.hide();
    expect(parseHistory(storage.getItem('k'), 'k').history.undo.map((s) => s.label)).toEqual(['one']);
    // Nothing is written twice.
    page.idle();
    expect(storage.writes).toBe(1);
  });

  it('saves at once where there is no idle time to wait for', () => {
    const storage = memoryStorage();
    const save = createHistorySaver(storage);
    save('k', { undo: [step('one')], redo: [] });
    expect(storage.writes).toBe(1);
  });
});
