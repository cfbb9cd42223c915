import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { Annotation } from '../../../annotations/model';
import { GOLD } from '../../../annotations/constants';
import type { SpanKindDefinition } from '../../../annotations/tagset';
import { chipStyle } from '../a11y/contrast';
import { shownQuote } from '../ArticleView/quote-pieces';
import { NO_KINDS, useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import './annotation-list.css';

/** Links, the values someone chose (choices, text, numbers; unset ones are left out), and whether there is a note. */
function summary(annotation: Annotation, entityName: string | undefined, eventTitle: string | undefined): string {
  const values = Object.values(annotation.attributes).flatMap((v) =>
    typeof v === 'string' && v !== '' ? [v] : typeof v === 'number' ? [String(v)] : Array.isArray(v) ? v : [],
  );
  return [entityName && `→ ${entityName}`, eventTitle && `→ ${eventTitle}`, ...values, annotation.note && '✎ note']
    .filter(Boolean)
    .join(' · ');
}

/** The open article's annotations in text order; a click jumps to the span. */
export function AnnotationList() {
  const store = useWorkspaceStore();
  const annotations = useWorkspace((s) => s.visible);
  const me = useWorkspace((s) => s.status?.annotator ?? '');
  const selectedId = useWorkspace((s) => s.selectedId);
  const kinds = useWorkspace((s) => s.status?.tagset.kinds ?? NO_KINDS);
  const entities = useWorkspace((s) => s.entities);
  const events = useWorkspace((s) => s.events);
  const damaged = useWorkspace((s) => s.damaged);
  const scroller = useRef<HTMLDivElement>(null);
  const rows = useVirtualizer({
    count: annotations.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 52,
    // Sizes follow the annotation, not its place: a row added or taken above (a gold copy) moves no other size.
    getItemKey: (index) => annotations[index]?.id ?? index,
    overscan: 10,
  });
  const kindOf = (name: string): SpanKindDefinition | undefined => kinds.find((k) => k.kind === name);

  return (
    <section className="annotation-list" aria-label="Annotations">
      <h2>Annotations ({annotations.length})</h2>
      {annotations.length === 0 && (
        <p className="hint">
          {damaged
            ? 'This article cannot be opened until its damaged file is restored or repaired.'
            : 'Select text in the article and press a kind’s key to tag it.'}
        </p>
      )}
      <div className="scroller" ref={scroller}>
        <ul style={{ height: rows.getTotalSize() }}>
          {rows.getVirtualItems().map((row) => {
            const a = annotations[row.index];
            if (!a) return null;
            const kind = kindOf(a.kind);
            return (
              // Measured as drawn and again whenever it changes size (a larger font, a badge), so rows never overlap.
              <li
                key={a.id}
                ref={rows.measureElement}
                data-index={row.index}
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <button
                  type="button"
                  className="annotation-item"
                  aria-pressed={a.id === selectedId}
                  data-kind={a.kind}
                  onClick={() => store.reveal(a.id)}
                >
                  <span className="chip" style={chipStyle(kind?.color)}>
                    {kind?.label ?? a.kind}
                  </span>
                  <span className="quote-row">
                    <span className="quote" title={shownQuote(a)}>
                      {shownQuote(a)}
                    </span>
                    {a.annotator !== me && (
                      <span
                        className={`layer-name${a.annotator === GOLD ? ' gold' : ''}`}
                        title={`In the layer of ${a.annotator}`}
                      >
                        {a.annotator}
                      </span>
                    )}
                  </span>
                  <span className="meta">
                    {summary(
                      a,
                      entities.find((e) => e.id === a.entityId)?.name,
                      events.find((e) => e.id === a.eventId)?.title,
                    )}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
