/** The two side panels: the article list on the left, the details on the right. */
export type Side = 'left' | 'right';

/**
 * What the user chose for the side panels. `null` is "never chosen": the panel
 * then follows the window (open when it is wide, closed when it is narrow) and
 * keeps its default width.
 */
export interface PanelLayout {
  left: boolean | null;
  right: boolean | null;
  leftWidth: number | null;
  rightWidth: number | null;
}

export interface PanelLayoutStore {
  getState(): PanelLayout;
  subscribe(listener: () => void): () => void;
  /** `null` gives the choice back to the window. */
  setOpen(side: Side, open: boolean | null): void;
  setWidth(side: Side, width: number): void;
}

/** The storage the layout is kept in (the browser's localStorage in the app). */
export type LayoutStorage = Pick<Storage, 'getItem' | 'setItem'>;

export const STORAGE_KEY = 'factmark.panels';
export const MIN_PANEL_WIDTH = 160;
export const MAX_PANEL_WIDTH = 640;

const TOGGLES = ['left', 'right'] as const;
const WIDTHS = ['leftWidth', 'rightWidth'] as const;

/**
 * What is wrong with a stored layout, as `[where, why]`, or null when it is
 * one. Checked by hand rather than with a schema: the panels are laid out
 * on the first paint, which should not wait for a schema library to load.
 */
function layoutProblem(json: unknown): [string, string] | null {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return ['(root)', 'not an object'];
  const record = json as Record<string, unknown>;
  const unknown = Object.keys(record).filter(
    (k) => !(TOGGLES as readonly string[]).includes(k) && !(WIDTHS as readonly string[]).includes(k),
  );
  if (unknown.length > 0) return ['(root)', `unknown key ${unknown.map((k) => `"${k}"`).join(', ')}`];
  for (const key of TOGGLES) {
    if (record[key] !== null && typeof record[key] !== 'boolean') return [key, 'not true, false or null'];
  }
  for (const key of WIDTHS) {
    const width = record[key];
    if (width === null) continue;
    if (typeof width !== 'number' || !Number.isInteger(width) || width < MIN_PANEL_WIDTH || width > MAX_PANEL_WIDTH)
      return [key, `not a whole number from ${MIN_PANEL_WIDTH} to ${MAX_PANEL_WIDTH}, nor null`];
  }
  return null;
}

export const UNSET_LAYOUT: PanelLayout = { left: null, right: null, leftWidth: null, rightWidth: null };

/** Reads a stored layout; anything else gives the unset layout and says why. */
export function parseLayout(raw: string | null): { layout: PanelLayout; problem: string | null } {
  if (raw === null) return { layout: UNSET_LAYOUT, problem: null };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { layout: UNSET_LAYOUT, problem: `${STORAGE_KEY} is not JSON; the panels start as the window suits` };
  }
  const problem = layoutProblem(json);
  if (problem) {
    const [where, why] = problem;
    return {
      layout: UNSET_LAYOUT,
      problem: `${STORAGE_KEY} at ${where}: ${why}; the panels start as the window suits`,
    };
  }
  const { left, right, leftWidth, rightWidth } = json as PanelLayout;
  return { layout: { left, right, leftWidth, rightWidth }, problem: null };
}

export function clampWidth(width: number): number {
  return Math.round(Math.min(MAX_PANEL_WIDTH, Math.max(MIN_PANEL_WIDTH, width)));
}

/** The panels' open state and widths, remembered in `storage` (none: for this page only). */
export function createPanelLayoutStore(
  storage: LayoutStorage | null,
  warn: (problem: string) => void = () => {},
): PanelLayoutStore {
  const read = parseLayout(storage?.getItem(STORAGE_KEY) ?? null);
  if (read.problem) warn(read.problem);
  let state = read.layout;
  const listeners = new Set<() => void>();
  const set = (next: PanelLayout) => {
    state = next;
    try {
      storage?.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (error) {
      warn(`${STORAGE_KEY} could not be saved: ${String(error)}`);
    }
    for (const listener of listeners) listener();
  };
  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setOpen: (side, open) => set({ ...state, [side]: open }),
    setWidth: (side, width) => set({ ...state, [side === 'left' ? 'leftWidth' : 'rightWidth']: clampWidth(width) }),
  };
}
