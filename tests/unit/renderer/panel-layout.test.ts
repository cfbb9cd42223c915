import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_PANEL_WIDTH,
  MIN_PANEL_WIDTH,
  STORAGE_KEY,
  UNSET_LAYOUT,
  createPanelLayoutStore,
  parseLayout,
} from '../../../renderer/src/layout/panel-layout';
import type { LayoutStorage } from '../../../renderer/src/layout/panel-layout';

function memoryStorage(initial: Record<string, string> = {}): LayoutStorage & { items: Record<string, string> } {
  const items = { ...initial };
  return {
    items,
    getItem: (key) => items[key] ?? null,
    setItem: (key, value) => {
      items[key] = value;
    },
  };
}

describe('side panel layout', () => {
  it('starts unset, not closed: a panel nobody toggled follows the window', () => {
    const store = createPanelLayoutStore(memoryStorage());
    expect(store.getState()).toEqual({ left: null, right: null, leftWidth: null, rightWidth: null });
  });

  it('remembers a toggle and a width in storage, and a new store reads them back', () => {
    const storage = memoryStorage();
    const store = createPanelLayoutStore(storage);
    let calls = 0;
    store.subscribe(() => calls++);
    store.setOpen('left', false);
    store.setWidth('right', 300.4);
    expect(calls).toBe(2);
    const again = createPanelLayoutStore(storage);
    expect(again.getState()).toEqual({ left: false, right: null, leftWidth: null, rightWidth: 300 });
  });

  it('gives a panel back to the window when its choice is cleared', () => {
    const storage = memoryStorage();
    const store = createPanelLayoutStore(storage);
    store.setOpen('left', true);
    store.setOpen('left', null);
    expect(createPanelLayoutStore(storage).getState().left).toBeNull();
  });

  it('keeps any width it is given within the limits', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom('left', 'right'), (width, side) => {
        const store = createPanelLayoutStore(memoryStorage());
        store.setWidth(side as 'left' | 'right', width);
        const stored = store.getState()[side === 'left' ? 'leftWidth' : 'rightWidth'];
        expect(stored).not.toBeNull();
        expect(stored!).toBeGreaterThanOrEqual(MIN_PANEL_WIDTH);
        expect(stored!).toBeLessThanOrEqual(MAX_PANEL_WIDTH);
      }),
    );
  });

  it.each([
    ['not JSON', '{left: false', 'is not JSON'],
    ['a width out of range', JSON.stringify({ ...UNSET_LAYOUT, leftWidth: 5000 }), 'at leftWidth'],
    ['a string for a toggle', JSON.stringify({ ...UNSET_LAYOUT, right: 'no' }), 'at right'],
    ['an unknown key', JSON.stringify({ ...UNSET_LAYOUT, top: true }), STORAGE_KEY],
  ])('ignores a stored value that is %s and says where', (_, raw, words) => {
    const warnings: string[] = [];
    const store = createPanelLayoutStore(memoryStorage({ [STORAGE_KEY]: raw }), (w) => warnings.push(w));
    expect(store.getState()).toEqual(UNSET_LAYOUT);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(words);
    expect(parseLayout(raw).problem).toContain(STORAGE_KEY);
  });

  it('works without storage, and says so when saving fails', () => {
    const warnings: string[] = [];
    const failing: LayoutStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('quota exceeded');
      },
    };
    const store = createPanelLayoutStore(failing, (w) => warnings.push(w));
    store.setOpen('right', true);
    expect(store.getState().right).toBe(true);
    expect(warnings[0]).toContain('quota exceeded');
    const none = createPanelLayoutStore(null);
    none.setOpen('left', true);
    expect(none.getState().left).toBe(true);
  });
});
