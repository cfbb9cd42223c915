import { useId, useState } from 'react';
import type { SpanKindDefinition } from '../../../annotations/tagset';
import { AttributesEditor } from './AttributesEditor';
import { newKind, newKindProblem } from './new-kind';

interface Props {
  kind: SpanKindDefinition;
  /** The kind as saved, if it is. */
  saved: SpanKindDefinition | undefined;
  /** What is wrong with its colour: contrast, or a kind it is confused with. */
  warnings: readonly string[];
  first: boolean;
  last: boolean;
  onChange: (kind: SpanKindDefinition) => void;
  onMove: (step: -1 | 1) => void;
  onRemove: () => void;
}

/** One span kind's row: label, colour (with its warnings), hotkey, attributes, order, removal. */
export function KindRow({ kind, saved, warnings, first, last, onChange, onMove, onRemove }: Props) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <tr>
        <td>
          <code>{kind.kind}</code>
        </td>
        <td>
          <input
            aria-label={`Label of ${kind.label}`}
            value={kind.label}
            onChange={(e) => onChange({ ...kind, label: e.target.value })}
          />
        </td>
        <td>
          <input
            aria-label={`Colour of ${kind.label}`}
            aria-describedby={warnings.length > 0 ? `${id}-warnings` : undefined}
            type="color"
            value={kind.color}
            onChange={(e) => onChange({ ...kind, color: e.target.value })}
          />
          {warnings.length > 0 && (
            <ul className="colour-warnings" id={`${id}-warnings`}>
              {warnings.map((w) => (
                <li key={w}>
                  <span aria-hidden="true">⚠ </span>
                  {w}
                </li>
              ))}
            </ul>
          )}
        </td>
        <td>
          <input
            aria-label={`Hotkey of ${kind.label}`}
            className="hotkey"
            maxLength={1}
            placeholder="—"
            title="One digit or lower-case letter; empty for none"
            value={kind.hotkey ?? ''}
            onChange={(e) => onChange({ ...kind, hotkey: e.target.value === '' ? null : e.target.value.toLowerCase() })}
          />
        </td>
        <td>
          <button
            type="button"
            className="plain attributes-toggle"
            aria-expanded={open}
            aria-controls={`${id}-attributes`}
            onClick={() => setOpen(!open)}
          >
            <span aria-hidden="true">{open ? '▾' : '▸'} </span>
            <span className="visually-hidden">Attributes of {kind.label}: </span>
            {kind.attributes.map((a) => a.label).join(', ') || 'none'}
          </button>
        </td>
        <td className="row-actions">
          <button type="button" aria-label={`Move ${kind.label} up`} disabled={first} onClick={() => onMove(-1)}>
            ↑
          </button>
          <button type="button" aria-label={`Move ${kind.label} down`} disabled={last} onClick={() => onMove(1)}>
            ↓
          </button>
          <button type="button" aria-label={`Remove ${kind.label}`} onClick={onRemove}>
            Remove
          </button>
        </td>
      </tr>
      {open && (
        <tr className="kind-attributes" id={`${id}-attributes`}>
          <td colSpan={6}>
            <AttributesEditor kind={kind} saved={saved} onChange={onChange} />
          </td>
        </tr>
      )}
    </>
  );
}

/** A row to add a span kind: its id, label, colour and, if wanted, a hotkey. */
export function NewKindRow({
  kinds,
  onAdd,
}: {
  kinds: readonly SpanKindDefinition[];
  onAdd: (kind: SpanKindDefinition) => void;
}) {
  const [kind, setKind] = useState('');
  const [label, setLabel] = useState('');
  const [color, setColor] = useState('#888888');
  const [hotkey, setHotkey] = useState('');
  const problem = newKindProblem({ kind, label, hotkey }, kinds);
  return (
    <>
      <tr className="new-kind">
        <td>
          <input
            aria-label="New kind id"
            placeholder="id, e.g. quote or PER"
            aria-invalid={problem !== null && problem.startsWith('Id')}
            value={kind}
            onChange={(e) => setKind(e.target.value)}
          />
        </td>
        <td>
          <input
            aria-label="New kind label"
            placeholder="Label"
            value={label}
            onChange={(e) => setLabel(e.target.value)}
          />
        </td>
        <td>
          <input aria-label="New kind colour" type="color" value={color} onChange={(e) => setColor(e.target.value)} />
        </td>
        <td>
          <input
            aria-label="New kind hotkey"
            className="hotkey"
            maxLength={1}
            placeholder="—"
            title="Optional: one digit or lower-case letter"
            value={hotkey}
            onChange={(e) => setHotkey(e.target.value.toLowerCase())}
          />
        </td>
        <td />
        <td>
          <button
            type="button"
            disabled={!kind || !label.trim() || problem !== null}
            onClick={() => {
              onAdd(newKind({ kind, label, hotkey }, color));
              setKind('');
              setLabel('');
              setHotkey('');
            }}
          >
            Add kind
          </button>
        </td>
      </tr>
      {problem && (
        <tr className="new-kind-problem">
          <td colSpan={6}>
            <p className="notice error" role="alert">
              {problem}
            </p>
          </td>
        </tr>
      )}
    </>
  );
}
