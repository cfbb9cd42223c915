import { useState } from 'react';
import type { SpanKindDefinition } from '../../../annotations/tagset';
import { newKind, newKindProblem } from './new-kind';

interface Props {
  kind: SpanKindDefinition;
  first: boolean;
  last: boolean;
  onChange: (kind: SpanKindDefinition) => void;
  onMove: (step: -1 | 1) => void;
  onRemove: () => void;
}

/** One span kind's row: label, colour, hotkey, order, removal. */
export function KindRow({ kind, first, last, onChange, onMove, onRemove }: Props) {
  return (
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
          type="color"
          value={kind.color}
          onChange={(e) => onChange({ ...kind, color: e.target.value })}
        />
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
      <td className="meta">{kind.attributes.map((a) => a.label).join(', ') || '—'}</td>
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
