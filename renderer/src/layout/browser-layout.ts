import { createMediaFlag } from './media-flag';
import { createPanelLayoutStore } from './panel-layout';

/** Below this width the side panels open over the text instead of beside it (kept equal to styles.css). */
export const NARROW_QUERY = '(max-width: 899.98px)';

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The window's panel layout and width, read once at start-up. */
export const panelLayout = createPanelLayoutStore(localStorageOrNull(), (problem) => console.warn(problem));
export const narrowWindow = createMediaFlag(
  typeof window.matchMedia === 'function' ? window.matchMedia(NARROW_QUERY) : null,
);
