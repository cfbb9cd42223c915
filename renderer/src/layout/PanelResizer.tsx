import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent } from 'react';
import { MAX_PANEL_WIDTH, MIN_PANEL_WIDTH } from './panel-layout';
import type { Side } from './panel-layout';

const STEP = 16;

/** The panel a handle resizes: the one before it on the left, after it on the right. */
function panelOf(side: Side, handle: HTMLElement | null): Element | null | undefined {
  return side === 'left' ? handle?.previousElementSibling : handle?.nextElementSibling;
}

/**
 * The handle on a side panel's inner edge (placed right after the left panel,
 * right before the right one): drag it, or focus it and press
 * the arrow keys, to make the panel wider or narrower.
 */
export function PanelResizer({
  side,
  label,
  onResize,
}: {
  side: Side;
  label: string;
  onResize: (side: Side, width: number) => void;
}) {
  const handle = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; width: number } | null>(null);
  const panelWidth = () => panelOf(side, handle.current)?.getBoundingClientRect().width ?? 0;
  const [now, setNow] = useState(0);
  useEffect(() => {
    const panel = panelOf(side, handle.current);
    if (!panel) return;
    // The observer reports the panel's width once it is laid out, and after every change (measuring here as
    // well would lay the page out in the middle of its first render).
    const observer = new ResizeObserver(() => setNow(Math.round(panel.getBoundingClientRect().width)));
    observer.observe(panel);
    return () => observer.disconnect();
  }, [side]);
  // Dragging towards the text widens the left panel and narrows the right one.
  const sign = side === 'left' ? 1 : -1;

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, width: panelWidth() };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    onResize(side, drag.current.width + sign * (e.clientX - drag.current.x));
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const delta = { ArrowLeft: -STEP, ArrowRight: STEP }[e.key];
    if (delta === undefined) return;
    e.preventDefault();
    e.stopPropagation();
    onResize(side, panelWidth() + sign * delta);
  };

  return (
    <div
      ref={handle}
      className={`panel-resizer ${side}`}
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuemin={MIN_PANEL_WIDTH}
      aria-valuemax={MAX_PANEL_WIDTH}
      aria-valuenow={now}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
