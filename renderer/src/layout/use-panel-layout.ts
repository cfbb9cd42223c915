import { useSyncExternalStore } from 'react';
import { narrowWindow, panelLayout } from './browser-layout';
import type { Side } from './panel-layout';

export interface Panels {
  narrow: boolean;
  leftOpen: boolean;
  rightOpen: boolean;
  leftWidth: number | null;
  rightWidth: number | null;
  toggle(side: Side): void;
  /** Closes a panel that lies over the text in a narrow window, leaving it to follow the window again. */
  dismissOverlay(side: Side): void;
  setWidth(side: Side, width: number): void;
}

/** The side panels as shown now: an unset choice follows the window (closed when narrow). */
export function usePanels(): Panels {
  const layout = useSyncExternalStore(panelLayout.subscribe, panelLayout.getState);
  const narrow = useSyncExternalStore(narrowWindow.subscribe, narrowWindow.get);
  const leftOpen = layout.left ?? !narrow;
  const rightOpen = layout.right ?? !narrow;
  return {
    narrow,
    leftOpen,
    rightOpen,
    leftWidth: layout.leftWidth,
    rightWidth: layout.rightWidth,
    toggle: (side) => panelLayout.setOpen(side, !(side === 'left' ? leftOpen : rightOpen)),
    dismissOverlay: (side) => {
      if (narrow) panelLayout.setOpen(side, null);
    },
    setWidth: (side, width) => panelLayout.setWidth(side, width),
  };
}
