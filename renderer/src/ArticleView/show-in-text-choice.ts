import type { ShowInText } from './structure';

const KEY = 'factmark.showInText';
const DEFAULTS: ShowInText = { labels: true, arcs: true };

function load(): ShowInText {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<ShowInText> | null;
    return {
      labels: typeof saved?.labels === 'boolean' ? saved.labels : DEFAULTS.labels,
      arcs: typeof saved?.arcs === 'boolean' ? saved.arcs : DEFAULTS.arcs,
    };
  } catch {
    return DEFAULTS;
  }
}

let current: ShowInText | null = null;
const listeners = new Set<() => void>();

/**
 * Whether the text draws span labels and link arcs: a view preference kept in this browser, not in the
 * store. Apart from React, so the first paint (first-paint.ts) reads it too.
 */
export function showInText(): ShowInText {
  return (current ??= load());
}

export function setShowInText(patch: Partial<ShowInText>): void {
  current = { ...showInText(), ...patch };
  try {
    localStorage.setItem(KEY, JSON.stringify(current));
  } catch {
    // A browser that keeps nothing still shows the choice until the page closes.
  }
  for (const listener of listeners) listener();
}

export function subscribeShowInText(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
