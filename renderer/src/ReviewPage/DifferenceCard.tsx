import type { Ref } from 'react';
import { useState } from 'react';
import type { Annotation, Decision } from '../../../annotations/model';
import type { ComparedGroup, DifferenceType } from '../../../annotations/review/compare';
import type { AttributeValue } from '../../../annotations/tagset';
import { shownQuote } from '../ArticleView/quote-pieces';
import { AttributeField } from '../DetailsPanel/AttributeField';
import { formatValue } from '../DetailsPanel/attribute-values';
import { NO_KINDS, useWorkspace } from '../state/workspace-context';
import { acceptLabel, editBase, linkTexts } from './review-words';

const DIFFERENCE_NAMES: Record<DifferenceType, string> = {
  missing: 'missing in a layer',
  label: 'different label',
  boundary: 'different boundaries',
  attributes: 'different attributes',
  link: 'different link',
};

const ACTION_NAMES: Record<Decision['action'], string> = {
  agreed: 'agreed by all',
  accept: 'accepted',
  'accept-all': 'accepted all',
  edit: 'edited',
  reject: 'rejected',
};

type Decide = (action: 'accept' | 'accept-all' | 'reject' | 'edit', extra?: object) => void;

interface Props {
  ref?: Ref<HTMLLIElement>;
  /** Where the card sits in the virtual list. */
  offset: number;
  index: number;
  group: ComparedGroup;
  annotators: string[];
  text: string;
  current: boolean;
  decision: Decision | null;
  gold: Annotation[];
  kindLabel: (kind: string) => string;
  editing: boolean;
  onFocus: () => void;
  onDecide: Decide;
  onEdit: (open: boolean) => void;
}

/** Every attribute with its value; an unset one shows "—", never "false" or "null". */
function values(a: Annotation): string {
  return Object.entries(a.attributes)
    .map(([name, value]) => `${name}: ${formatValue(value)}`)
    .join(' · ');
}

/** One group of annotations across the layers: how they differ, each layer's version, and the decision. */
export function DifferenceCard({ ref, ...props }: Props) {
  const { group, annotators, text, decision, gold, kindLabel } = props;
  const relations = useWorkspace((s) => s.layer.relations);
  const annotations = useWorkspace((s) => s.layer.annotations);
  const entities = useWorkspace((s) => s.entities);
  const events = useWorkspace((s) => s.events);
  const me = useWorkspace((s) => s.status?.annotator ?? '');
  const links = (a: Annotation) => linkTexts(a, { relations, annotations, entities, events });
  const linkLines = (a: Annotation) =>
    links(a).map((l, i) => (
      <p key={`${i}-${l}`} className="meta link">
        {l}
      </p>
    ));
  const before = text.slice(Math.max(0, group.start - 60), group.start);
  const after = text.slice(group.end, group.end + 60);
  const title =
    group.differences.length === 0
      ? 'agreement'
      : group.differences
          .map((d) =>
            d === 'missing' ? `only in ${group.items.map((a) => a.annotator).join(', ')}` : DIFFERENCE_NAMES[d],
          )
          .join(' · ');

  return (
    <li
      ref={ref}
      className={`difference${props.current ? ' current' : ''}${decision ? ' decided' : ''}`}
      style={{ transform: `translateY(${props.offset}px)` }}
      data-index={props.index}
      aria-current={props.current ? 'true' : undefined}
      aria-label={`Difference ${props.index + 1}: ${title}`}
      onClick={props.onFocus}
    >
      <h3>
        <span className="difference-number">{props.index + 1}</span> {title}
      </h3>
      <p className="context">
        …{before}
        <mark>{text.slice(group.start, group.end)}</mark>
        {after}…
      </p>
      <div
        className="layer-columns"
        style={{ gridTemplateColumns: `repeat(${annotators.length + 1}, minmax(0, 1fr))` }}
      >
        {annotators.map((name) => {
          const a = group.items.find((x) => x.annotator === name);
          return (
            <div
              key={name}
              className={`layer-column${name === me ? ' mine' : ''}`}
              aria-label={name === me ? `your version (${name})` : `${name}’s version`}
            >
              <h4>
                <kbd>{group.items.indexOf(a!) + 1 || '–'}</kbd> {name}
                {name === me && ' (you)'}
              </h4>
              {a ? (
                <>
                  <p>
                    <span className="chip-text">{kindLabel(a.kind)}</span>{' '}
                    <span className="meta">
                      {a.start}–{a.end}
                    </span>
                  </p>
                  <p className="quote">{shownQuote(a)}</p>
                  {values(a) && <p className="meta">{values(a)}</p>}
                  {linkLines(a)}
                  <button type="button" onClick={() => props.onDecide('accept', { annotator: name })}>
                    {acceptLabel(name, me)}
                  </button>
                </>
              ) : (
                <p className="hint">no annotation</p>
              )}
            </div>
          );
        })}
        <div className="layer-column gold-column" aria-label="Gold">
          <h4>gold</h4>
          {decision ? (
            <>
              <p className="decision">
                {ACTION_NAMES[decision.action]} · by {decision.decidedBy}
              </p>
              {gold.map((a) => (
                <div key={a.id} className="gold-version">
                  <p>
                    <span className="chip-text">{kindLabel(a.kind)}</span>{' '}
                    <span className="quote">{shownQuote(a)}</span> {values(a) && `· ${values(a)}`}
                  </p>
                  {linkLines(a)}
                </div>
              ))}
            </>
          ) : (
            <p className="hint">undecided</p>
          )}
          <div className="row">
            {group.items.length > 1 && (
              <button type="button" onClick={() => props.onDecide('accept-all')}>
                Accept all
              </button>
            )}
            <button type="button" onClick={() => props.onEdit(!props.editing)}>
              Edit…
            </button>
            <button type="button" onClick={() => props.onDecide('reject')}>
              Reject
            </button>
          </div>
        </div>
      </div>
      {props.editing && (
        <EditForm
          base={editBase(group.items, gold, me)!}
          textLength={text.length}
          onCancel={() => props.onEdit(false)}
          onSave={(edit) => {
            props.onDecide('edit', { edit });
            props.onEdit(false);
          }}
        />
      )}
    </li>
  );
}

interface Edit {
  kind: string;
  start: number;
  end: number;
  attributes: Record<string, AttributeValue>;
}

/** The adjudicator's own version: kind, offsets and attributes, starting from their own layer's (see `editBase`). */
function EditForm({
  base,
  textLength,
  onSave,
  onCancel,
}: {
  base: Annotation;
  textLength: number;
  onSave: (edit: Edit) => void;
  onCancel: () => void;
}) {
  const kinds = useWorkspace((s) => s.status?.tagset.kinds ?? NO_KINDS);
  const [edit, setEdit] = useState<Edit>({
    kind: base.kind,
    start: base.start,
    end: base.end,
    attributes: base.attributes as Record<string, AttributeValue>,
  });
  const definition = kinds.find((k) => k.kind === edit.kind);
  return (
    <form
      className="edit-form"
      aria-label="Adjudicated version"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(edit);
      }}
    >
      <label className="field">
        <span>Kind</span>
        <select value={edit.kind} onChange={(e) => setEdit({ ...edit, kind: e.target.value, attributes: {} })}>
          {kinds.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Start</span>
        <input
          type="number"
          min={0}
          max={textLength}
          value={edit.start}
          onChange={(e) => setEdit({ ...edit, start: Number(e.target.value) })}
        />
      </label>
      <label className="field">
        <span>End</span>
        <input
          type="number"
          min={0}
          max={textLength}
          value={edit.end}
          onChange={(e) => setEdit({ ...edit, end: Number(e.target.value) })}
        />
      </label>
      {definition?.attributes.map((d) => (
        <AttributeField
          key={d.name}
          idPrefix={`gold-${base.id}`}
          definition={d}
          value={edit.attributes[d.name]}
          onChange={(value) => setEdit({ ...edit, attributes: { ...edit.attributes, [d.name]: value } })}
        />
      ))}
      <div className="row">
        <button type="submit" className="primary">
          Save to gold
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
