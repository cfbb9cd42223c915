import type { KeyboardEvent } from 'react';
import { useEffect, useRef } from 'react';
import { GOLD } from '../../../annotations/constants';
import { spanPieces } from '../../../annotations/spans';
import { chipStyle } from '../a11y/contrast';
import { pieceQuotes, quoteParts } from '../ArticleView/quote-pieces';
import { useWorkspace, useWorkspaceStore } from '../state/workspace-context';
import { AttributeField } from './AttributeField';
import { EntityLink } from './EntityLink';
import { EventLink } from './EventLink';
import { NoteField } from './NoteField';
import { RelationsSection } from './RelationsSection';
import './details.css';

/** Edits the selected annotation: attributes, links, note; deletes it. */
export function DetailsPanel() {
  const store = useWorkspaceStore();
  const selected = useWorkspace((s) => s.layer.annotations.find((a) => a.id === s.selectedId) ?? null);
  const kind = useWorkspace((s) => s.status?.tagset.kinds.find((k) => k.kind === selected?.kind));
  const me = useWorkspace((s) => s.status?.annotator ?? '');
  const focusRequest = useWorkspace((s) => s.focusRequest);
  const fields = useRef<HTMLFieldSetElement>(null);
  const hasAttributes = (kind?.attributes.length ?? 0) > 0;

  // After tagging, the keyboard goes on to the first attribute (when the kind has one).
  const handled = useRef(focusRequest.n);
  useEffect(() => {
    if (focusRequest.target !== 'details' || handled.current === focusRequest.n) return;
    handled.current = focusRequest.n;
    if (!hasAttributes) return;
    fields.current?.firstElementChild?.querySelector<HTMLElement>('select, input, textarea')?.focus();
  }, [focusRequest, hasAttributes]);

  // Esc hands the keyboard back to the text, where its caret was (and keeps the annotation selected).
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    store.requestFocus('text');
  };

  if (!selected) {
    return (
      <section className="details-panel" aria-label="Details">
        <h2>Details</h2>
        <p className="hint">Click a highlight or an item of the list to edit it.</p>
      </section>
    );
  }
  const readOnly = selected.annotator !== me && selected.annotator !== GOLD;
  return (
    <section className="details-panel" aria-label="Details" onKeyDown={onKeyDown}>
      <h2>
        <span className="chip" style={chipStyle(kind?.color)}>
          {kind?.label ?? selected.kind}
        </span>{' '}
        details
      </h2>
      <blockquote>
        {quoteParts(selected).map((part, i) =>
          part.gap ? (
            <span key={i} className="gap">
              {part.text}
            </span>
          ) : (
            <mark key={i} className="piece">
              {part.text}
            </mark>
          ),
        )}
      </blockquote>
      {selected.fragments && (
        <p className="fragments">
          {selected.fragments.length} fragments:{' '}
          {pieceQuotes(selected)
            .map((q) => `“${q}”`)
            .join(' … ')}
        </p>
      )}
      <p className="meta">
        {spanPieces(selected)
          .map((p) => `${p.start}–${p.end}`)
          .join(', ')}{' '}
        · by {selected.annotator}
      </p>
      {readOnly && (
        <p className="hint read-only-note">
          In {selected.annotator}’s layer: only they change it. Compare the layers to take it into gold.
        </p>
      )}
      <fieldset className="details-fields" disabled={readOnly} ref={fields}>
        {kind?.attributes.map((definition) => (
          <AttributeField
            key={`${selected.id}-${definition.name}`}
            definition={definition}
            value={selected.attributes[definition.name]}
            onChange={(value) => void store.updateAttributes(selected.id, { [definition.name]: value })}
          />
        ))}
        {kind?.linksEntity && <EntityLink key={`entity-${selected.id}`} annotation={selected} />}
        {kind?.linksEvent && <EventLink key={`event-${selected.id}`} annotation={selected} />}
        <RelationsSection annotation={selected} />
        <NoteField
          key={`note-${selected.id}-${selected.note}`}
          value={selected.note}
          onCommit={(note) => void store.updateAnnotation(selected.id, { note })}
        />
        <button type="button" className="danger" onClick={() => void store.remove(selected.id)}>
          Delete annotation
        </button>
      </fieldset>
    </section>
  );
}
