/**
 * Tagging from outside the text: the kind palette and the kind picker ask,
 * and the article view, which holds the text selection, tags it. The
 * picker's open state lives here too, so any part of the window can open it.
 */
export function createTagChannel() {
  const tagListeners = new Set<(kind: string) => void>();
  const pickerListeners = new Set<() => void>();
  let picking = false;
  let readSelection: () => string = () => '';
  const channel = {
    /** Tags the article's current selection with `kind` (the article view does it; nothing happens without one). */
    tag(kind: string) {
      for (const listener of tagListeners) listener(kind);
    },
    onTag(listener: (kind: string) => void) {
      tagListeners.add(listener);
      return () => void tagListeners.delete(listener);
    },
    /** The text the next `tag` would tag, as the article view reports it; empty when nothing is selected. */
    selectedText: () => readSelection(),
    provideSelection(read: () => string) {
      readSelection = read;
      return () => {
        if (readSelection === read) readSelection = () => '';
      };
    },
    isPicking: () => picking,
    setPicking(open: boolean) {
      if (picking === open) return;
      picking = open;
      for (const listener of pickerListeners) listener();
    },
    subscribePicking(listener: () => void) {
      pickerListeners.add(listener);
      return () => void pickerListeners.delete(listener);
    },
  };
  return channel;
}

export type TagChannel = ReturnType<typeof createTagChannel>;
