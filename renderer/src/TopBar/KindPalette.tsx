import { useEffect, useRef, useState } from 'react';
import { NO_KINDS, useWorkspace } from '../state/workspace-context';
import { useTagChannel } from '../state/tag-channel-context';

/**
 * Every kind of the tagset, each a button that tags the selection (a kind
 * needs no hotkey to be used). It wraps to three rows; a larger tagset
 * scrolls inside them, and "All n kinds" opens the whole palette, so fifty
 * kinds leave the window as it is.
 */
export function KindPalette() {
  const channel = useTagChannel();
  const kinds = useWorkspace((s) => s.status?.tagset.kinds ?? NO_KINDS);
  const open = useWorkspace((s) => s.article !== null && s.route.name === 'article');
  const box = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  const [expanded, setExpanded] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    // The observer reports the palette's size once it is laid out, and after every change: measuring here as
    // well would lay the page out in the middle of its first render.
    const observer = new ResizeObserver(() => setOverflows(element.scrollHeight > element.clientHeight + 1));
    observer.observe(element);
    return () => observer.disconnect();
  }, [kinds]);

  return (
    <div className={`kind-palette-wrap${expanded ? ' expanded' : ''}`}>
      <div ref={box} id="kind-palette" className="kind-palette" role="toolbar" aria-label="Kinds">
        {kinds.map((k) => (
          <button
            key={k.kind}
            type="button"
            className="kind-button"
            disabled={!open}
            title={`Tag the selection as ${k.label}${k.hotkey ? ` (key ${k.hotkey})` : ''}`}
            // Keeps the text focused, so its selection stays where it is.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => channel.tag(k.kind)}
          >
            <span className="swatch" style={{ backgroundColor: k.color }} />
            {k.hotkey && <kbd>{k.hotkey}</kbd>} {k.label}
          </button>
        ))}
      </div>
      {(overflows || expanded) && (
        <button
          type="button"
          className="plain palette-toggle"
          aria-expanded={expanded}
          aria-controls="kind-palette"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? 'Fewer kinds' : `All ${kinds.length} kinds`}
        </button>
      )}
    </div>
  );
}
